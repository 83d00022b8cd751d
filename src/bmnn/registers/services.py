"""The registers' one change of state: close a volume (R20). Downloads (audited reads) are in ``downloads``."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Organisation, Person
from bmnn.registry.models import RegisterSeries

from .choices import RegisterKind
from .models import RegisterVolume
from .policies import may_close_volume
from .selectors import check_register_year, volumes


def volume_close_check(actor: Person, agency: Organisation | None) -> None:
    """Only the agency's register keeper closes a volume of its books (R20)."""
    if agency is None or not may_close_volume(actor, agency):
        raise PermissionDenied(_("Only the agency's register-keeping clerk may close a register volume."), rule="R20")


def volume_close(*, actor: Person, agency: Organisation, kind: str, year: int) -> RegisterVolume:
    """Close the open volume at the register's last number; the next entry opens the next volume (R20)."""
    check_register_year(year)
    check_register_year(year)
    with transaction.atomic():
        if kind == RegisterKind.STATISTICS or kind not in RegisterKind.values:
            raise DomainError(
                _("Only volumes of the outgoing, incoming, handover and copying registers can be closed."), field="kind"
            )
        volume_close_check(actor, agency)
        series = RegisterSeries.objects.select_for_update().filter(agency=agency, kind=kind, year=year).first()
        last = series.last_number if series else 0
        open_volume = volumes(agency, kind, year)[-1]
        if open_volume.closed or last < open_volume.first_number:
            raise DomainError(_("The open volume has no numbers yet; an empty volume is not closed."), rule="R20")
        volume = RegisterVolume.objects.create(
            agency=agency,
            kind=kind,
            year=year,
            number=open_volume.number,
            first_number=open_volume.first_number,
            last_number=last,
            closed_at=clock.now(),
            closed_by=actor,
        )
        record(
            actor,
            "registers.volume.closed",
            agency,
            basis="R20",
            data={
                "kind": kind,
                "year": year,
                "volume": volume.number,
                "from": volume.first_number,
                "to": volume.last_number,
            },
        )
    return volume
