"""The selectors other apps read (reports, dashboards): stable signatures over caller-chosen units
(R40, P3, P4)."""

from __future__ import annotations

import datetime as dt
import inspect

from bmnn.core import clock
from bmnn.registry.choices import IncidentKind
from bmnn.registry.services import incoming_receive
from bmnn.safeguards import selectors
from bmnn.safeguards.services.incidents import incident_record


def test_the_signatures_other_apps_rely_on():
    """R40, P3, P4: reports and dashboards call these by position; the parameters do not move."""
    expected = {
        "incidents_in": ["org_ids", "start", "end"],
        "open_incidents": ["org_ids"],
        "people_without_commitment": ["org_ids"],
        "trainings_in": ["org_ids", "start", "end"],
        "devices_inspected_in": ["org_ids", "start", "end"],
        "devices_not_inspected": ["org_ids"],
        "open_device_findings": ["org_ids"],
    }
    for name, params in expected.items():
        assert list(inspect.signature(getattr(selectors, name)).parameters) == params, name


def test_incidents_in_counts_disclosure_and_loss_only_within_the_window_and_units(cast, plan):
    """R40: the annual report's section (c) counts LỘ/MẤT of the chosen units in the window; a receipt
    mismatch (R25) stays an open incident of the registry but is not a case of disclosure or loss."""
    incoming_receive(
        actor=cast.clerk,
        sender="Bộ GDĐT",
        doc_number="9/BGDĐT",
        level="MAT",
        doc_type="Công văn",
        abstract="Thiếu túi",
        expected_count=2,
        received_count=1,
        discrepancy_note="Thiếu",
    )
    loss = incident_record(
        actor=cast.officer,
        unit=cast.exams_division,
        kind=IncidentKind.LOSS,
        carriers=[plan],
        description="Mất",
        found_at=clock.now() - dt.timedelta(minutes=5),
    )
    today, ids = clock.today(), cast.department.subtree_ids()
    assert list(selectors.incidents_in(ids, today - dt.timedelta(days=1), today)) == [loss]
    assert not selectors.incidents_in(ids, today - dt.timedelta(days=30), today - dt.timedelta(days=1)).exists()
    assert not selectors.incidents_in([cast.other_department.pk], today, today).exists()
    assert list(selectors.incidents_in([cast.exams_division.pk], today, today)) == [loss]
    assert selectors.open_incidents(ids).count() == 2
