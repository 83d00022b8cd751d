"""Assign a person to work on a carrier (one of the reasons to see it, S2)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Person

from ..models import Assignment, Carrier
from ..policies import is_register_keeper
from .common import require_cleared


def carrier_assign(*, actor: Person, carrier: Carrier, person: Person) -> Assignment:
    """Let the custodian or register keeper assign a cleared person to handle the carrier."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)  # decide on the current custodian
        if actor.pk != carrier.custodian_id and not is_register_keeper(actor, carrier.agency):
            raise PermissionDenied(_("Only the current custodian or the clerk may assign processing."), rule="S2")
        require_cleared(person, carrier.level, _("The assigned person"))
        if Assignment.objects.filter(carrier=carrier, person=person).exists():
            raise DomainError(_("This person is already assigned to process this state secret."))
        assignment = Assignment.objects.create(
            carrier=carrier, person=person, assigned_by=actor, assigned_at=clock.now()
        )
        record(actor, "registry.carrier.assigned", carrier, basis="S2", data={"person": str(person)})
    return assignment
