"""The base of every `bmnn <app> ...` command that acts as a person.

``bmnn <app> --as USER <operation> [ID] field=value ...`` runs a declared operation of that app
(bmnn.core.operations) with the same form, check and service as the screen and the API. The person
is authenticated, not merely named: by their API token in ``BMNN_TOKEN``, or by their password
typed at a prompt (``BMNN_PASSWORD_STDIN=1`` reads it from standard input, for scripts). An
inactive account is refused. ``--help`` lists the operations with their fields.

Reads that are not operations (lists, exports) are the command's own sub-commands: a method
``_<name>(actor, options)`` and an entry in ``reads``.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import channel, operations, signals
from .errors import DomainError
from .operations import Download, Operation

TOKEN_ENV = "BMNN_TOKEN"  # noqa: S105 - the name of the variable, not a secret
PASSWORD_STDIN_ENV = "BMNN_PASSWORD_STDIN"  # noqa: S105 - the name of the variable, not a secret


def authenticated(username: str) -> Any:
    """The active person ``username``, proven by their API token or their password; otherwise an error.

    A password goes through the same backends as the login page (failed attempts count towards the
    account's lock); then the installation's second-factor rule (``BMNN_COMMAND_SECOND_FACTOR``) applies.
    """
    person = get_user_model().objects.filter(username=username).first()
    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        from rest_framework.authtoken.models import Token

        proven = person is not None and Token.objects.filter(key=token, user=person).exists()
        if not proven:  # counted and audited like a wrong password (a password check sends this itself)
            user_login_failed.send(
                sender=__name__, credentials={"username": username, "token": "********"}, request=_command_request()
            )
    elif person is not None:
        try:
            proven = authenticate(_command_request(), username=username, password=_password(username)) is not None
        except DjangoPermissionDenied:
            raise CommandError(
                _('Account "{username}" is temporarily locked after repeated wrong passwords.').format(
                    username=username
                )
            ) from None
    else:
        proven = False
    if not proven or person is None:
        raise CommandError(
            _(
                'Could not authenticate official "{username}": wrong password, wrong access token ({variable}) '
                "or no such account."
            ).format(username=username, variable=TOKEN_ENV)
        )
    if not person.is_active:
        raise CommandError(_('Account "{username}" is locked.').format(username=username))
    second_factor = getattr(settings, "BMNN_COMMAND_SECOND_FACTOR", "")
    if second_factor:
        try:
            import_string(second_factor)(person, by_token=bool(token))
        except DomainError as exc:
            raise CommandError(exc.message) from None
    if token:  # audited as the token's first use today on the command line
        signals.token_authenticated.send(sender=__name__, user=person, key=token)
    else:  # a login on the command line, audited like one on the login page
        user_logged_in.send(sender=__name__, request=_command_request(), user=person)
    return person


def _command_request() -> HttpRequest:
    """The request a password check from the command line is counted under (the login backends need one)."""
    request = HttpRequest()
    request.method, request.path = "POST", "/bmnn-command/"
    request.META.update(REMOTE_ADDR="127.0.0.1", HTTP_USER_AGENT="bmnn-command")
    return request


def _password(username: str) -> str:
    if os.environ.get(PASSWORD_STDIN_ENV) == "1":
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CommandError(
            _(
                'The password of "{username}" is needed: run the command in a terminal, or set {token} '
                "(that person's API token), or {stdin}=1 and send the password on stdin."
            ).format(username=username, token=TOKEN_ENV, stdin=PASSWORD_STDIN_ENV)
        )
    return getpass.getpass(f"Mật khẩu của {username}: ")


def _is_list(field: forms.Field) -> bool:
    return isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField)


def form_data(form: forms.Form, values: list[str]) -> tuple[MultiValueDict[str, Any], MultiValueDict[str, Any]]:
    """``key=value`` pairs as form data; list fields take comma-separated values, file fields ``@path``
    (a several-files field: ``@a,@b``, repeated, or ``@folder``), objects their id or natural key."""
    if any("=" not in v for v in values):
        raise CommandError(_("Arguments must look like ten=gia_tri (a list: a=1,2; a file: tep=@duong/dan)."))
    data: MultiValueDict[str, Any] = MultiValueDict()
    files: MultiValueDict[str, Any] = MultiValueDict()
    for key, value in (v.split("=", 1) for v in values):
        field = form.fields.get(key)
        if field is None:
            known = ", ".join(form.fields) or _("none")
            raise CommandError(_('This operation has no field "{key}". Fields: {known}.').format(key=key, known=known))
        if isinstance(field, forms.FileField) and getattr(field.widget, "allow_multiple_selected", False):
            for source in _sources(value):  # several files: comma-separated, repeated, or a folder's files
                files.appendlist(key, _upload(source))
        elif isinstance(field, forms.FileField):
            files.setlist(key, [_upload(Path(value.removeprefix("@")))])
        else:
            values = value.split(",") if _is_list(field) else [value]
            data.setlist(key, [_natural_id(field, v) for v in values])
    return data, files


def _sources(value: str) -> list[Path]:
    paths = [Path(v.strip().removeprefix("@")) for v in value.split(",") if v.strip()]
    return [f for p in paths for f in (sorted(x for x in p.iterdir() if x.is_file()) if p.is_dir() else [p])]


def _upload(source: Path) -> SimpleUploadedFile:
    if not source.is_file():
        raise CommandError(_("Cannot read the file {path}.").format(path=source))
    return SimpleUploadedFile(source.name, source.read_bytes())


def _natural_id(field: forms.Field, value: str) -> str:
    """An object may be named by its natural key on the command line: a person by user name
    (``drafter=chuyenvien``), a unit by its symbol (``organisation=SGDĐT``): the model's ``cli_key``."""
    queryset = getattr(field, "queryset", None)
    key = getattr(getattr(queryset, "model", None), "cli_key", None)
    if queryset is None or key is None or value.isdigit():
        return value
    found = queryset.filter(**{key: value}).values_list("pk", flat=True).first()
    return str(found) if found is not None else value


def describe_fields(op: Operation) -> str:
    form = op.make_form(None, None)
    parts = [f"{name}{'' if f.required else '?'} ({f.label}){_choices(f)}" for name, f in form.fields.items()]
    return "; ".join(parts) if parts else "không có trường"


def _choices(field: forms.Field) -> str:
    """The values a fixed choice takes, for ``--help`` (people and records are chosen by name or number)."""
    if not isinstance(field, forms.ChoiceField) or isinstance(field, forms.ModelChoiceField):
        return ""
    choices: Any = field.choices
    values = [str(value) for value, _label in choices if value != ""]
    return f" = {'|'.join(values)}" if values else ""


def form_errors(form: forms.Form) -> CommandError:
    return CommandError("; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items()))


class OperationCommand(BaseCommand):
    """``bmnn <app>``: the app's declared operations plus its read-only sub-commands."""

    app = ""
    reads: dict[str, str] = {}  # sub-command -> help; handled by ``_<sub_command>(actor, options)``

    def add_reads(self, sub: Any) -> None:
        """Add the arguments of the read-only sub-commands (override to give them arguments)."""
        for name, text in self.reads.items():
            sub.add_parser(name, help=text)

    def operations(self) -> list[Operation]:
        """The operations this command runs: every one its app declares (override to keep a part)."""
        return operations.of_app(self.app)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as",
            dest="actor",
            required=True,
            help=f"tên đăng nhập của người thực hiện (xác thực bằng {TOKEN_ENV} hoặc mật khẩu)",
        )
        sub = parser.add_subparsers(dest="action", required=True, metavar="THAO_TAC")
        for op in self.operations():
            fields = describe_fields(op)
            cmd = sub.add_parser(op.slug, help=f"{op.title}. Trường: {fields}", description=str(op.title))
            if op.subject is not None:
                cmd.add_argument("pk", type=int, help=f"số hiệu ({op.subject.name})")
            cmd.add_argument("fields", nargs="*", help=f"ten=gia_tri. {fields}")
            cmd.add_argument("-o", "--output", help="tệp để ghi kết quả tải về (bản in, gói ký số)")
            if op.preview is not None:
                cmd.add_argument("--apply", action="store_true", help="thực hiện thật (không có: chỉ chạy thử)")
        self.add_reads(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        with channel.using(channel.Channel.COMMAND):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        actor = authenticated(options["actor"])
        try:
            op = operations.get(options["action"])
            if op is not None and op.slug in {o.slug for o in self.operations()}:
                self.run_operation(op, actor, options)
            else:
                self.read(options["action"])(actor, options)
        except DomainError as exc:
            raise CommandError(str(exc)) from None

    def read(self, name: str) -> Callable[[Any, dict[str, Any]], None]:
        return getattr(self, "_" + name.replace("-", "_"))

    def run_operation(self, op: Operation, actor: Any, options: dict[str, Any]) -> None:
        """Validate ``field=value`` input with the operation's form and run it; a file it hands back is written."""
        subject = op.find(actor, options.get("pk"))
        if op.check is not None:
            op.check(actor, subject)  # who may not act is told so, not which fields are missing
        data, files = form_data(op.make_form(actor, subject), options["fields"])
        form = op.bind(actor, subject, data, files)
        if not form.is_valid():
            raise form_errors(form)
        if op.preview is not None and not options.get("apply"):
            preview = op.preview(actor, subject, form.cleaned_data)
            self.stdout.write(f"Chạy thử: {preview}. Thêm --apply để thực hiện.")
            return
        result = op.execute(actor, subject, form.cleaned_data)
        if isinstance(result, Download):
            target = Path(options.get("output") or result.name)
            target.write_bytes(result.content)
            self.stdout.write(f"{op.done_message(result)} Đã ghi tệp {target}.")
            return
        self.report(op, subject, result)

    def report(self, op: Operation, subject: Any, result: Any) -> None:
        """Say what was done (override to print more, or to set the exit status)."""
        made = result if op.returns is not None else subject
        ident = f" (số hiệu {made.pk})" if getattr(made, "pk", None) is not None else ""
        self.stdout.write(f"{op.done_message(result)}{ident}")
