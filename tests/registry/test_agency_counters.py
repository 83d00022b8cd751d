"""The agencies' record counters (issue 17): kept in the writing transaction, equal to the real counts after
registration, hand-over, declassification and destruction, read by the dashboard's counts (S2), and
rebuilt by `bmnn counters rebuild` as the system."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from bmnn.approvals.services import request_decide
from bmnn.audit.chain import SYSTEM_ACTOR, verify
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import PermissionDenied
from bmnn.lifecycle.models import CouncilPurpose
from bmnn.lifecycle.services.copying import copy_make, copy_request
from bmnn.lifecycle.services.councils import (
    council_decide,
    council_minutes,
    council_set_up,
    destruction_confirm,
    destruction_record,
)
from bmnn.registry.choices import CopyForm, Status
from bmnn.registry.models import AgencyCount, Carrier
from bmnn.registry.policies import visible_parts
from bmnn.registry.selectors import UNIT, carrier_counts
from bmnn.registry.services import handover_confirm, handover_create, outgoing_register
from bmnn.registry.services.counters import actual_counts, stored_counts
from tests.conftest import outgoing_kwargs


def counts_by_query(person):
    """What the counts were before the counters: every visible record grouped (S2)."""
    by = {"level": Counter(), "status": Counter(), UNIT: Counter()}
    for part in visible_parts(person):
        for level, status, unit in part.values_list("level", "status", UNIT):
            by["level"][level] += 1
            by["status"][status] += 1
            by[UNIT][unit] += 1
    return by


def as_counters(counts):
    return {
        "level": Counter({r["level"]: r["n"] for r in counts["level"]}),
        "status": Counter({r["status"]: r["n"] for r in counts["status"]}),
        UNIT: Counter({r[UNIT]: r["n"] for r in counts["unit"]}),
    }


def assert_counters_true(cast):
    assert stored_counts() == actual_counts()
    for person in (cast.director, cast.clerk, cast.officer, cast.exams_head, cast.outsider):
        assert as_counters(carrier_counts(person)) == counts_by_query(person), person


def council(cast, purpose, carriers, ref):
    made = council_set_up(
        actor=cast.clerk,
        purpose=purpose,
        carriers=carriers,
        setup_decision_ref=f"{ref}/QĐ-SGDĐT",
        setup_date=clock.today(),
        chair=cast.deputy,
        members=[cast.clerk, cast.officer],
    )
    council_minutes(actor=cast.deputy, council=made, minutes="Đề nghị của Hội đồng.")
    council_decide(actor=cast.director, council=made, decision_ref=f"{ref + 1}/QĐ-SGDĐT")
    return made


def test_counters_equal_the_real_counts_after_registration_handover_declassification_destruction_S2(cast):
    """Issue 17: every operation changes the counters in its own transaction; a refused one changes nothing;
    the dashboard's counts read from them equal the grouped records for every person (S2)."""
    plan = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
    paper = outgoing_register(
        **outgoing_kwargs(
            cast,
            item_ids=[cast.exam_paper_item.pk],
            copy_permitted=True,
            doc_type="Đề thi",
            abstract="Đề thi chính thức môn Toán",
        )
    )
    spare = outgoing_register(**outgoing_kwargs(cast))
    assert AgencyCount.objects.filter(agency=cast.department).count() > 0
    assert_counters_true(cast)

    request = copy_request(
        actor=cast.officer,
        carrier=paper,
        form=CopyForm.TRUE_COPY,
        count=2,
        recipients="Hội đồng thi",
        reasons="Phục vụ kỳ thi",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    copy_make(actor=cast.clerk, request=request, made=2)
    assert_counters_true(cast)

    before = stored_counts()
    with pytest.raises(PermissionDenied):
        handover_create(actor=cast.outsider, carrier=spare, to_person=cast.officer)
    assert stored_counts() == before  # a refused operation changes nothing

    handover = handover_create(actor=cast.clerk, carrier=spare, to_person=cast.officer)
    assert_counters_true(cast)  # in transit
    handover_confirm(actor=cast.officer, handover=handover)
    assert Carrier.objects.get(pk=spare.pk).custodian == cast.officer
    assert_counters_true(cast)  # the officer's unit now holds it

    council(cast, CouncilPurpose.DECLASSIFY, [paper], 25)
    assert Carrier.objects.get(pk=paper.pk).status == Status.DECLASSIFIED
    assert_counters_true(cast)

    destroying = council(cast, CouncilPurpose.DESTROY, [plan], 40)
    destruction_record(actor=cast.clerk, council=destroying, entries=[(plan, "Nghiền nhỏ", "Lê Thị Chi")])
    for member in (cast.deputy, cast.clerk, cast.officer):
        destruction_confirm(actor=member, council=destroying)
    assert Carrier.objects.get(pk=plan.pk).status == Status.DESTROYED
    assert_counters_true(cast)

    Carrier.objects.filter(pk=spare.pk).update(status=Status.OUT_OF_STORAGE)  # even a bulk update is counted
    assert_counters_true(cast)


def test_counters_rebuild_repairs_wrong_counters_and_is_audited_as_the_system(cast, capsys):
    """Issue 17: `bmnn counters check` finds a wrong counter and changes nothing; `rebuild` repairs it, and the
    audit chain records the system as its actor (S5)."""
    outgoing_register(**outgoing_kwargs(cast))
    outgoing_register(**outgoing_kwargs(cast))
    AgencyCount.objects.update(n=99)
    AgencyCount.objects.create(agency=cast.school, custodian_key=0, level="MAT", status="IN_STORAGE", n=5)
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError):
        call_command("counters", "check")
    assert AuditEvent.objects.count() == events and stored_counts() != actual_counts()

    call_command("counters", "rebuild")
    assert "2 bộ đếm được sửa" in capsys.readouterr().out
    assert stored_counts() == actual_counts()
    event = AuditEvent.objects.latest("seq")
    assert event.action == "registry.counters.rebuilt" and event.actor_id is None
    assert event.actor_repr == SYSTEM_ACTOR and event.data == {"counters": 1, "corrected": 2}
    assert verify().ok
    call_command("counters", "check")
    assert "khớp số thực tế" in capsys.readouterr().out
