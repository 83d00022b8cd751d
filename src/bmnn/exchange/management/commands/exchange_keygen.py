"""`bmnn exchange_keygen AGENCY_ID [--signer USERNAME ...]`: make the exchange keys of an agency (and signers), once,
in the directory ``BMNN_EXCHANGE_KEYS`` (outside the data directory and its backups); never overwrites a key."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bmnn.core.errors import DomainError
from bmnn.exchange import keys
from bmnn.org.models import Organisation, Person


class Command(BaseCommand):
    help = "Tạo khóa trao đổi tài liệu điện tử mật của cơ quan và của người ký (một lần, khi cài đặt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", type=int, help="số hiệu cơ quan")
        parser.add_argument("--signer", action="append", default=[], help="tên đăng nhập của người ký")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Organisation.objects.filter(pk=options["agency"]).first()
        if agency is None:
            raise CommandError(_("There is no such agency."))
        try:
            signing = keys.agency_signing_key(agency.pk, create=True)
            transport = keys.agency_transport_key(agency.pk, create=True)
            for username in options["signer"]:
                person = Person.objects.filter(username=username).first()
                if person is None:
                    raise CommandError(_("There is no officer {username}.").format(username=username))
                keys.person_signing_key(person.pk, create=True)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{agency.name}\nKhóa ký số (Ed25519): {keys.public_b64(signing)}\n"
            f"Khóa mã hóa (X25519): {keys.public_b64(transport)}"
        )
