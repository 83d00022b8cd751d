"""The province generator's COPY path (issue 17) leaves a valid state: an unbroken audit chain, counters that
match the records, and the same visibility as the former single OR. PostgreSQL only (COPY)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent, ChainHead
from bmnn.registry.models import Carrier, Handover, RegisterSeries
from bmnn.registry.policies import visible_carriers
from bmnn.registry.services.counters import actual_counts, stored_counts

from .test_visibility_query import load_generator, personas, reference_ids

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")


@pytest.fixture
def province(db: Any) -> Any:
    return load_generator().generate_copy(600, schools=4, seed=5, events=3000)


def test_the_copied_province_has_an_unbroken_chain_of_the_events_asked_for(province: Any) -> None:
    result = verify()
    assert result.ok, result.problem
    assert result.checked == AuditEvent.objects.count() == ChainHead.objects.get().seq
    assert 3000 <= result.checked <= 3002  # sign-ins and sign-outs come in pairs
    registered = AuditEvent.objects.filter(action__endswith=".registered").count()
    assert registered == Carrier.objects.count() == 600
    assert AuditEvent.objects.filter(action="registry.handover.confirmed").count() == Handover.objects.count() > 0
    occurred = list(AuditEvent.objects.order_by("seq").values_list("occurred_at", flat=True))
    assert occurred == sorted(occurred)


def test_a_tampered_copied_event_is_found(province: Any) -> None:
    AuditEvent.objects.filter(seq=1234).update(actor_repr="Người khác")
    result = verify()
    assert not result.ok and result.bad_seq == 1234


def test_the_counters_match_the_records_and_the_triggers_are_back(province: Any) -> None:
    assert stored_counts() == actual_counts()
    carrier = Carrier.objects.filter(agency=province.school, status="IN_STORAGE").first()
    Carrier.objects.filter(pk=carrier.pk).update(status="DESTROYED")  # the trigger counts it again
    assert stored_counts() == actual_counts()


def test_the_register_numbers_go_on_after_the_copied_ones(province: Any) -> None:
    for series in RegisterSeries.objects.exclude(kind="DELIVERY"):
        numbers = Carrier.objects.filter(agency=series.agency_id, direction=series.kind, reg_year=series.year)
        assert max(numbers.values_list("reg_number", flat=True)) == series.last_number
    assert Carrier.objects.order_by("-pk").first().pk == 600
    with connection.cursor() as cursor:  # the next record gets the next id
        cursor.execute("SELECT nextval(pg_get_serial_sequence('registry_carrier', 'id'))")
        assert cursor.fetchone()[0] == 601


def test_visibility_on_the_copied_province_equals_the_single_or(province: Any) -> None:
    for label, person in personas(province).items():
        assert set(visible_carriers(person).values_list("pk", flat=True)) == reference_ids(person), label
