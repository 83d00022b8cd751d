"""Classify and register an outgoing secret (R2, R3, R4, R6, R13, R18, R19, R38, S3, S4)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation, Position
from bmnn.org.models import Delegation
from bmnn.registry.choices import CarrierKind, Direction, SeriesKind
from bmnn.registry.models import Carrier, RegisterSeries
from bmnn.registry.selectors import carrier_search
from bmnn.registry.services import outgoing_register
from tests.conftest import make_person, outgoing_kwargs

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def nothing_changed():
    return not Carrier.objects.exists() and not AuditEvent.objects.exists() and not RegisterSeries.objects.filter(
        last_number__gt=0).exists()


def test_registration_writes_the_record_its_number_and_its_audit_event_R4_R19(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    assert (carrier.direction, carrier.reg_number, carrier.doc_number) == (Direction.OUTGOING, 1, "1/KH-SGDĐT")
    assert carrier.decision_maker == cast.director and "Người đứng đầu" in carrier.decision_basis
    assert carrier.drafter == cast.officer and carrier.copies_issued == 3 and not carrier.copy_permitted
    event = AuditEvent.objects.get()
    assert event.action == "registry.outgoing.registered" and event.target_id == str(carrier.pk)
    assert event.actor_id == cast.clerk.pk and "R4" in event.basis


def test_no_list_item_no_classification_and_nothing_changes_R2(cast):
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, item_ids=[]))
    assert refused.value.rule == "R2" and "danh mục BMNN" in refused.value.message
    assert nothing_changed()


def test_a_repealed_item_cannot_ground_a_classification_R2(cast):
    cast.exam_logistics_item.repealed = True
    cast.exam_logistics_item.save()
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast))
    assert refused.value.rule == "R2"


def test_the_level_is_the_highest_of_the_items_R3(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_logistics_item.pk,
                                                                   cast.exam_paper_item.pk]))
    assert carrier.level == Level.TOI_MAT
    assert set(carrier.items.all()) == {cast.exam_logistics_item, cast.exam_paper_item}


def test_a_deputy_decides_only_with_a_written_delegation_R4_R13(cast):
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, decision_maker=cast.deputy))
    assert refused.value.rule == "R13" and nothing_changed()
    Delegation.objects.create(grantor=cast.director, deputy=cast.deputy, document_ref="45/UQ-SGDĐT",
                              scope="Xác định độ mật", operations=[Operation.CLASSIFY], max_level=Level.TOI_MAT,
                              valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2099, 12, 31))
    carrier = outgoing_register(**outgoing_kwargs(cast, decision_maker=cast.deputy))
    assert carrier.decision_basis == "Cấp phó theo ủy quyền số 45/UQ-SGDĐT"


def test_a_delegation_granted_by_a_deputy_is_no_delegation_R13(cast):
    from django.core.exceptions import ValidationError

    from bmnn.org.authority import valid_delegation

    relayed = Delegation(grantor=cast.deputy, deputy=cast.deputy, document_ref="01/UQ", scope="x",
                         operations=[Operation.CLASSIFY], max_level=Level.TOI_MAT, valid_from=dt.date(2020, 1, 1),
                         valid_until=dt.date(2099, 1, 1))
    with pytest.raises(ValidationError):
        relayed.clean()
    relayed.save()
    assert valid_delegation(cast.deputy, Operation.CLASSIFY, Level.MAT, dt.date(2026, 6, 1)) is None


def test_only_the_clerk_or_designated_staff_register_and_custody_needs_designation_R38(cast):
    with pytest.raises(PermissionDenied):
        outgoing_register(**outgoing_kwargs(cast, actor=cast.deputy))
    cast.officer.designated_for_secrets = False
    cast.officer.save()
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, custodian=cast.officer))
    assert refused.value.rule == "R38" and nothing_changed()


def test_protection_period_follows_the_level_R6(cast):
    day = dt.date(2026, 3, 1)
    mat = outgoing_register(**outgoing_kwargs(cast, determination_date=day))
    toi_mat = outgoing_register(**outgoing_kwargs(cast, determination_date=day, item_ids=[cast.exam_paper_item.pk]))
    assert mat.protection_until == dt.date(2036, 3, 1)
    assert toi_mat.protection_until == dt.date(2046, 3, 1)


def test_a_shorter_period_only_for_activities_R6(cast):
    day = dt.date(2026, 3, 1)
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, determination_date=day,
                                            shorter_protection_until=dt.date(2026, 7, 1)))
    assert refused.value.rule == "R6" and nothing_changed()
    activity = outgoing_register(**outgoing_kwargs(cast, kind=CarrierKind.ACTIVITY, determination_date=day,
                                                   shorter_protection_until=dt.date(2026, 7, 1)))
    assert activity.protection_until == dt.date(2026, 7, 1) and activity.shorter_period


def test_no_abstract_for_tuyet_mat_in_the_service_R18(cast):
    cast.clerk.clearance = Level.TUYET_MAT
    cast.clerk.save()
    with pytest.raises(DomainError) as refused:
        from bmnn.registry.services import incoming_receive

        incoming_receive(actor=cast.clerk, sender="UBND tỉnh", doc_number="1/UBND", level=Level.TUYET_MAT,
                         abstract="Nội dung tuyệt mật")
    assert refused.value.rule == "R18"
    assert nothing_changed()


def test_no_abstract_for_tuyet_mat_in_storage_either_R18(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    with pytest.raises(IntegrityError), transaction.atomic():
        Carrier.objects.filter(pk=carrier.pk).update(level=Level.TUYET_MAT)


def test_numbers_run_per_agency_and_restart_on_the_first_of_january_R19_S4(cast):
    with clock.frozen_at(dt.datetime(2025, 12, 31, 16, 0, tzinfo=TZ)):
        last_2025 = [outgoing_register(**outgoing_kwargs(cast)).reg_number for _ in range(3)]
    with clock.frozen_at(dt.datetime(2026, 1, 1, 8, 0, tzinfo=TZ)):
        first_2026 = outgoing_register(**outgoing_kwargs(cast))
        other_head = make_person("gdsyt", cast.other_department, Position.HEAD, Level.TOI_MAT)
        other = outgoing_register(**outgoing_kwargs(cast, actor=cast.outsider, decision_maker=other_head,
                                                    custodian=cast.outsider, symbol="KH-SYT"))
    assert last_2025 == [1, 2, 3]
    assert (first_2026.reg_year, first_2026.reg_number, first_2026.doc_number) == (2026, 1, "1/KH-SGDĐT")
    assert (other.agency, other.reg_number) == (cast.other_department, 1)


def test_a_refused_registration_consumes_no_number_S3_S4(cast):
    outgoing_register(**outgoing_kwargs(cast))
    with pytest.raises(DomainError):
        outgoing_register(**outgoing_kwargs(cast, recipients=""))
    third = outgoing_register(**outgoing_kwargs(cast))
    assert third.reg_number == 2
    assert RegisterSeries.objects.get(kind=SeriesKind.OUTGOING).last_number == 2


def test_a_crash_after_the_number_leaves_nothing_behind_S3(cast, monkeypatch):
    import bmnn.registry.services.outgoing as module

    def crash(*args, **kwargs):
        raise RuntimeError("mất điện")

    monkeypatch.setattr(module, "record", crash)
    with pytest.raises(RuntimeError):
        outgoing_register(**outgoing_kwargs(cast))
    monkeypatch.undo()
    assert not Carrier.objects.exists() and not AuditEvent.objects.exists()
    assert outgoing_register(**outgoing_kwargs(cast)).reg_number == 1
    from bmnn.audit.chain import verify

    assert verify().ok


def test_search_ignores_case_and_diacritics_and_never_matches_a_tuyet_mat_abstract_R18(cast):
    outgoing_register(**outgoing_kwargs(cast, abstract="Kế hoạch vận chuyển đề thi Địa lý"))
    assert carrier_search(cast.clerk, q="ke hoach VAN CHUYEN de thi dia ly").count() == 1
    assert carrier_search(cast.clerk, q="đia ly").count() == 1
    assert carrier_search(cast.clerk, q="tiêu hủy").count() == 0
