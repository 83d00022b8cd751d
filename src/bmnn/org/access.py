"""Who must pass a second factor, its enrolment, and the audited unlock of login locks.

Services here follow the usual shape: one transaction, the audit event inside it, a Vietnamese
``DomainError`` for a refusal that changes nothing.
"""

from __future__ import annotations

import getpass
import os
import secrets
import sys
from dataclasses import dataclass
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.legal.models import AuthorityRule

from .models import Delegation, Person, Position

RECOVERY_CODES = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"


def requires_two_factor(person: Person) -> bool:
    """Say whether ``person`` approves, decides or administers, and so must pass a TOTP second factor.

    Administrators (staff, superusers), heads, any position the authority table lets approve something,
    and deputies holding a delegation that is not revoked or expired.
    """
    if not person.is_authenticated:
        return False
    if person.is_staff or person.is_superuser or person.position == Position.HEAD:
        return True
    if AuthorityRule.objects.filter(position=person.position).exists():
        return True
    return Delegation.objects.filter(deputy=person, revoked_at__isnull=True, valid_until__gte=clock.today()).exists()


def confirmed_totp(person: Person) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=person, confirmed=True).first()


def totp_pending(person: Person) -> TOTPDevice:
    """Return the person's unconfirmed authenticator key, creating one (the QR code shows it until confirmed)."""
    device = TOTPDevice.objects.filter(user=person, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=person, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class Enrolment:
    """A confirmed authenticator and the recovery codes, shown to the person exactly once."""

    device: TOTPDevice
    recovery_codes: list[str]


def two_factor_enrol(*, actor: Person, token: str) -> Enrolment:
    """Confirm the actor's pending authenticator with a code from it and issue fresh recovery codes."""
    with transaction.atomic():
        if confirmed_totp(actor) is not None:
            raise DomainError(_("The account is already enrolled in two-factor authentication."))
        device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).first()
        if device is None or not device.verify_token(token.strip()):
            raise DomainError(_("The code is wrong or has expired. Enter the code the app shows now."), field="token")
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(actor)
        record(actor, "org.two_factor.enrolled", actor, data={"recovery_codes": len(codes)})
    return Enrolment(device, codes)


def _new_recovery_codes(person: Person) -> list[str]:
    StaticDevice.objects.filter(user=person).delete()
    device = StaticDevice.objects.create(user=person, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def two_factor_reset(*, actor: Person, person: Person) -> None:
    """Remove a person's authenticator and recovery codes (a lost phone) so they enrol again at next login."""
    if not actor.is_superuser:
        raise PermissionDenied(_("Only a system administrator may reset an official's two-factor enrolment."))
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=person).delete()[0]
        removed += StaticDevice.objects.filter(user=person).delete()[0]
        record(actor, "org.two_factor.reset", person, data={"devices_removed": removed})


def login_unlock_check(actor: Person, _subject: object = None) -> None:
    """Only the system's administrators lift a login lock."""
    if not (actor.is_superuser or actor.is_staff):
        raise PermissionDenied(_("Only a system administrator may unlock logins."))


def login_unlock(*, actor: Person, username: str = "", ip_address: str = "") -> int:
    """Lift the lock on an account, an address, or both after failed logins; return the records cleared."""
    login_unlock_check(actor)
    if not (username or ip_address):
        raise DomainError(_("A username or an IP address is needed to unlock."))
    with transaction.atomic():
        cleared = AxesProxyHandler.reset_attempts(
            username=username or None, ip_address=ip_address or None, ip_or_username=bool(username and ip_address)
        )
        target = Person.objects.filter(username=username).first() if username else None
        record(
            actor,
            "org.login.unlocked",
            target,
            data={"username": username, "ip_address": ip_address, "attempts_cleared": cleared},
        )
    return cleared


def lockout_parameters(request_or_attempt: Any, credentials: dict[str, Any] | None = None) -> list[str]:
    """What axes counts failures by: the account and, separately, the address (AXES_LOCKOUT_PARAMETERS).

    A failure without a user name (a wrong API token) counts against the address only, so that such
    failures from one machine never lock everyone else's tokens.
    """
    username = (
        (credentials or {}).get("username")
        if credentials is not None
        else getattr(request_or_attempt, "username", None)
    )
    return ["username", "ip_address"] if username else ["ip_address"]


def record_lockout(
    sender: Any, request: Any, username: str | None = None, ip_address: str | None = None, **kwargs: Any
) -> None:
    """Write one audit event when an account or address reaches the failure limit (axes ``user_locked_out``).

    Further failures while locked send the signal again; only the one that reached the limit is recorded,
    so a flood of guesses cannot flood the log.
    """
    from axes.helpers import get_failure_limit

    if getattr(request, "axes_failures_since_start", None) != get_failure_limit(request, None):
        return
    with transaction.atomic():
        target = Person.objects.filter(username=username).first() if username else None
        record(None, "org.login.locked_out", target, data={"username": username or "", "ip_address": ip_address or ""})


OTP_ENV = "BMNN_OTP"


def command_second_factor(person: Person, *, by_token: bool) -> None:
    """On the command line, whoever must pass a second factor does so: a token alone is refused (as on the API),
    and after the password the current code of their authenticator, or a recovery code, is asked for."""
    if not (settings.BMNN_TWO_FACTOR_REQUIRED and requires_two_factor(person)):
        return
    if by_token:
        raise PermissionDenied(
            _("This account must use two-factor authentication: use the password and a code, not an API token.")
        )
    code = os.environ.get(OTP_ENV, "").strip() or (
        getpass.getpass("Mã xác thực hai lớp: ").strip() if sys.stdin.isatty() else ""
    )
    if not code or match_token(person, code) is None:
        raise PermissionDenied(
            _("Wrong or missing two-factor code (set {variable} or enter it when asked).").format(variable=OTP_ENV)
        )
