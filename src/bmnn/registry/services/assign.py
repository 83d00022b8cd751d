"""Assign a person to work on a carrier (one of the reasons to see it, S2)."""

from __future__ import annotations

from django.db import transaction

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
            raise PermissionDenied("Chỉ người đang quản lý hoặc văn thư mới được phân công xử lý.", rule="S2")
        require_cleared(person, carrier.level, "Người được phân công")
        if Assignment.objects.filter(carrier=carrier, person=person).exists():
            raise DomainError("Người này đã được phân công xử lý BMNN này.")
        assignment = Assignment.objects.create(
            carrier=carrier, person=person, assigned_by=actor, assigned_at=clock.now()
        )
        record(actor, "registry.carrier.assigned", carrier, basis="S2", data={"person": str(person)})
    return assignment
