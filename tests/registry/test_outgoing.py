"""Classify and register an outgoing secret (R2, R3, R4, R6, R13, R18, R19, R38, S3, S4)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation, Position
from bmnn.org.authority import valid_delegation
from bmnn.org.models import Delegation
from bmnn.registry.choices import CarrierKind, Direction, SeriesKind
from bmnn.registry.models import Carrier, RegisterSeries
from bmnn.registry.selectors import carrier_search
from bmnn.registry.services import outgoing_register
from tests.conftest import make_person, outgoing_kwargs
from tests.helpers import clear_for_tuyet_mat, last_number, tuyet_mat_item, world

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def nothing_changed():
    return (
        not Carrier.objects.exists()
        and not AuditEvent.objects.exists()
        and not RegisterSeries.objects.filter(last_number__gt=0).exists()
    )


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
    carrier = outgoing_register(
        **outgoing_kwargs(cast, item_ids=[cast.exam_logistics_item.pk, cast.exam_paper_item.pk])
    )
    assert carrier.level == Level.TOI_MAT
    assert set(carrier.items.all()) == {cast.exam_logistics_item, cast.exam_paper_item}


def test_a_deputy_decides_only_with_a_written_delegation_R4_R13(cast):
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, decision_maker=cast.deputy))
    assert refused.value.rule == "R13" and nothing_changed()
    Delegation.objects.create(
        grantor=cast.director,
        deputy=cast.deputy,
        document_ref="45/UQ-SGDĐT",
        scope="Xác định độ mật",
        operations=[Operation.CLASSIFY],
        max_level=Level.TOI_MAT,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2099, 12, 31),
    )
    carrier = outgoing_register(**outgoing_kwargs(cast, decision_maker=cast.deputy))
    assert carrier.decision_basis == "Cấp phó theo ủy quyền số 45/UQ-SGDĐT"


def test_a_delegation_granted_by_a_deputy_is_no_delegation_R13(cast):
    from django.core.exceptions import ValidationError

    from bmnn.org.authority import valid_delegation

    relayed = Delegation(
        grantor=cast.deputy,
        deputy=cast.deputy,
        document_ref="01/UQ",
        scope="x",
        operations=[Operation.CLASSIFY],
        max_level=Level.TOI_MAT,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2099, 1, 1),
    )
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
        outgoing_register(**outgoing_kwargs(cast, determination_date=day, shorter_protection_until=dt.date(2026, 7, 1)))
    assert refused.value.rule == "R6" and nothing_changed()
    activity = outgoing_register(
        **outgoing_kwargs(
            cast, kind=CarrierKind.ACTIVITY, determination_date=day, shorter_protection_until=dt.date(2026, 7, 1)
        )
    )
    assert activity.protection_until == dt.date(2026, 7, 1) and activity.shorter_period


def test_no_abstract_for_tuyet_mat_in_the_service_R18(cast):
    cast.clerk.clearance = Level.TUYET_MAT
    cast.clerk.save()
    with pytest.raises(DomainError) as refused:
        from bmnn.registry.services import incoming_receive

        incoming_receive(
            actor=cast.clerk,
            sender="UBND tỉnh",
            doc_number="1/UBND",
            level=Level.TUYET_MAT,
            abstract="Nội dung tuyệt mật",
        )
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
        other = outgoing_register(
            **outgoing_kwargs(
                cast, actor=cast.outsider, decision_maker=other_head, custodian=cast.outsider, symbol="KH-SYT"
            )
        )
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
    clear_for_tuyet_mat(cast.clerk)
    item = tuyet_mat_item()
    with pytest.raises(DomainError):  # the words of a TUYET_MAT abstract are never stored...
        outgoing_register(**outgoing_kwargs(cast, item_ids=[item.pk], abstract="Kế hoạch vận chuyển đề thi Toán"))
    top = outgoing_register(**outgoing_kwargs(cast, item_ids=[item.pk], abstract=""))
    assert top not in carrier_search(cast.clerk, q="ke hoach van chuyen de thi")  # ...so never found


# Each refusal, with its Vietnamese message and rule, leaves the world as it was (S3) --------------------------


def refused(exc_type, **kwargs):
    """Call outgoing_register expecting a refusal; check that nothing changed and return the error."""
    before = world()
    with pytest.raises(exc_type) as info:
        outgoing_register(**kwargs)
    assert world() == before
    return info.value


def delegation(cast, **overrides):
    values = dict(
        grantor=cast.director,
        deputy=cast.deputy,
        document_ref="05/UQ-SGDĐT",
        scope="Xác định độ mật tài liệu về kỳ thi tốt nghiệp THPT",
        operations=["CLASSIFY"],
        max_level=Level.TOI_MAT,
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 12, 31),
    )
    values.update(overrides)
    return Delegation.objects.create(**values)


def test_the_audit_event_records_number_level_items_decision_and_period_R4_R6(cast):
    """R4: the decision (maker, basis, items) is stored on the record and in its audit event."""
    carrier = outgoing_register(**outgoing_kwargs(cast, determination_date=dt.date(2026, 3, 16)))
    carrier.refresh_from_db()
    assert carrier.level == Level.MAT and list(carrier.items.all()) == [cast.exam_logistics_item]
    assert carrier.decision_basis == "Người đứng đầu: Giám đốc Sở" and carrier.custodian == cast.clerk
    assert carrier.recipients == "Phòng Khảo thí; Lưu: VT" and carrier.storage_place == "Tủ sắt số 1, phòng văn thư"
    assert carrier.agency == cast.department and carrier.issuing_body == cast.department.name
    event = AuditEvent.objects.get()
    assert event.actor_repr == "Lê Thị Chi (vanthu)" and event.target_type == "registry.carrier"
    assert event.basis == "R2, R4, R19, R47"
    assert event.data == {
        "number": "1/KH-SGDĐT",
        "level": "MAT",
        "items": ["531/QĐ-TTg – Mật khoản 2"],
        "decision_maker": "Nguyễn Văn An",
        "decision_basis": "Người đứng đầu: Giám đốc Sở",
        "signer": "Nguyễn Văn An",
        "protection_until": "2036-03-16",
    }


def test_no_list_item_is_refused_with_its_message_and_consumes_no_number_R2(cast):
    """R2: nothing is classified without a reference to an item of a list of state secrets."""
    error = refused(DomainError, **outgoing_kwargs(cast, item_ids=[]))
    assert error.message == "Phải chọn ít nhất một mục trong danh mục BMNN làm căn cứ xác định độ mật."
    assert error.rule == "R2" and error.field == "items"
    assert refused(DomainError, **outgoing_kwargs(cast, item_ids=[999_999])).rule == "R2"
    assert last_number(SeriesKind.OUTGOING, cast.department) == 0
    assert outgoing_register(**outgoing_kwargs(cast)).reg_number == 1


def test_a_repealed_list_item_is_refused_by_name_R2(cast):
    cast.exam_logistics_item.repealed = True
    cast.exam_logistics_item.save()
    error = refused(DomainError, **outgoing_kwargs(cast))
    assert error.message == "Mục danh mục đã bãi bỏ hoặc hết hiệu lực: 531/QĐ-TTg – Mật khoản 2"


def test_a_mat_and_a_toi_mat_item_make_a_toi_mat_record_R3(cast):
    """R3: the level is the highest of the referenced items, also in the audit event and the period."""
    carrier = outgoing_register(
        **outgoing_kwargs(
            cast,
            item_ids=[cast.exam_logistics_item.pk, cast.exam_paper_item.pk],
            determination_date=dt.date(2026, 3, 16),
        )
    )
    assert carrier.level == Level.TOI_MAT and carrier.protection_until == dt.date(2046, 3, 16)
    assert AuditEvent.objects.get().data["level"] == "TOI_MAT"
    two_mat = outgoing_register(
        **outgoing_kwargs(cast, item_ids=[cast.item(Level.MAT, "1").pk, cast.exam_logistics_item.pk])
    )
    assert two_mat.level == Level.MAT


def test_a_deputy_without_delegation_is_refused_with_its_message_R4_R13(cast):
    """R4, R13: a deputy decides the level only with the head's written authorisation."""
    error = refused(DomainError, **outgoing_kwargs(cast, decision_maker=cast.deputy))
    assert error.message == (
        "Cấp phó chỉ được quyết định độ mật khi có văn bản ủy quyền còn hiệu lực bao gồm thao tác và độ mật này."
    )
    assert error.rule == "R13" and error.field == "decision_maker"


def test_a_deputy_with_a_valid_delegation_is_accepted_and_audited_R4(cast):
    """R4: the basis of a deputy's decision is the reference of the written delegation."""
    granted = delegation(cast)
    granted.full_clean()
    carrier = outgoing_register(
        **outgoing_kwargs(
            cast,
            decision_maker=cast.deputy,
            item_ids=[cast.exam_paper_item.pk],
            determination_date=dt.date(2026, 3, 16),
        )
    )
    assert carrier.decision_maker == cast.deputy
    assert carrier.decision_basis == "Cấp phó theo ủy quyền số 05/UQ-SGDĐT"
    event = AuditEvent.objects.get()
    assert event.data["decision_maker"] == "Trần Thị Bình"
    assert event.data["decision_basis"] == "Cấp phó theo ủy quyền số 05/UQ-SGDĐT"


@pytest.mark.parametrize(
    "overrides",
    [
        {"operations": ["COPY"]},
        {"max_level": Level.MAT},
        {"valid_from": dt.date(2025, 1, 1), "valid_until": dt.date(2025, 12, 31)},
        {"valid_from": dt.date(2026, 6, 1), "valid_until": dt.date(2026, 12, 31)},
        {"revoked_at": dt.datetime(2026, 2, 1, tzinfo=dt.UTC)},
    ],
    ids=["other-operation", "lower-level", "expired", "not-yet-valid", "revoked"],
)
def test_a_delegation_that_does_not_cover_the_decision_is_ignored_R4_R13(cast, overrides):
    delegation(cast, **overrides)
    assert valid_delegation(cast.deputy, Operation.CLASSIFY, Level.TOI_MAT, dt.date(2026, 3, 16)) is None
    error = refused(
        DomainError,
        **outgoing_kwargs(
            cast,
            decision_maker=cast.deputy,
            item_ids=[cast.exam_paper_item.pk],
            determination_date=dt.date(2026, 3, 16),
        ),
    )
    assert error.rule == "R13"


def test_a_delegation_passed_on_by_a_deputy_to_another_deputy_is_invalid_R13(cast):
    """R13: the model refuses a re-delegation, and a saved one is ignored by valid_delegation and the service."""
    second_deputy = make_person(
        "phogiamdoc2",
        cast.department,
        Position.DEPUTY_HEAD,
        Level.TOI_MAT,
        first="Cường",
        last="Lý Văn",
        title="Phó Giám đốc Sở",
    )
    delegation(cast)  # the director authorised the first deputy, who passes it on:
    passed_on = delegation(cast, grantor=cast.deputy, deputy=second_deputy, document_ref="09/UQ-PGĐ")
    with pytest.raises(ValidationError) as invalid:
        passed_on.full_clean()
    assert invalid.value.messages == ["Chỉ người đứng đầu mới được ủy quyền; cấp phó không được ủy quyền lại."]
    assert valid_delegation(second_deputy, Operation.CLASSIFY, Level.MAT, dt.date(2026, 3, 16)) is None
    error = refused(
        DomainError, **outgoing_kwargs(cast, decision_maker=second_deputy, determination_date=dt.date(2026, 3, 16))
    )
    assert error.rule == "R13"


def test_a_delegation_to_someone_other_than_a_deputy_is_invalid_R13(cast):
    to_staff = Delegation(
        grantor=cast.director,
        deputy=cast.officer,
        document_ref="10/UQ",
        scope="Sao",
        operations=["CLASSIFY"],
        max_level=Level.MAT,
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError, match="Chỉ ủy quyền cho cấp phó"):
        to_staff.full_clean()


def test_the_decision_maker_must_lead_the_issuing_agency_R4(cast):
    error = refused(DomainError, **outgoing_kwargs(cast, decision_maker=cast.outsider))
    assert error.rule == "R4" and error.message == "Người quyết định độ mật phải là lãnh đạo của cơ quan ban hành."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("copies_issued", 0, "Số lượng bản phát hành phải ít nhất là 1."),
        ("recipients", "  ", "Phải ghi nơi nhận."),
    ],
)
def test_copies_and_recipients_are_part_of_the_decision_R4(cast, field, value, message):
    error = refused(DomainError, **outgoing_kwargs(cast, **{field: value}))
    assert (error.rule, error.field, error.message) == ("R4", field, message)


def test_the_register_keeper_refusals_carry_their_message_R38(cast):
    """R38: the director decides but does not keep the register; custody needs a written designation."""
    error = refused(PermissionDenied, **outgoing_kwargs(cast, actor=cast.director))
    assert error.rule == "R38"
    assert error.message == "Chỉ văn thư của cơ quan (được phân công làm công tác BMNN) mới được vào sổ BMNN."
    assert refused(PermissionDenied, **outgoing_kwargs(cast, actor=cast.officer)).rule == "R38"  # staff, not clerk
    cast.exams_head.designated_for_secrets = False
    cast.exams_head.save()
    error = refused(DomainError, **outgoing_kwargs(cast, custodian=cast.exams_head))
    assert error.rule == "R38"
    assert error.message == "Người quản lý (Phạm Văn Dũng) chưa được phân công bằng văn bản làm công tác bảo vệ BMNN."


def test_nobody_registers_or_keeps_a_level_above_their_clearance_S2(cast):
    error = refused(
        PermissionDenied, **outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk], custodian=cast.junior)
    )
    assert (error.rule, error.message) == ("S2", "Người quản lý không được tiếp cận BMNN độ Tối mật.")
    cast.clerk.clearance = Level.MAT
    cast.clerk.save()
    error = refused(PermissionDenied, **outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    assert (error.rule, error.message) == ("S2", "Người thực hiện không được tiếp cận BMNN độ Tối mật.")


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (Level.MAT, dt.date(2035, 9, 2)),
        (Level.TOI_MAT, dt.date(2045, 9, 2)),
        (Level.TUYET_MAT, dt.date(2055, 9, 2)),
    ],
)
def test_protection_lasts_10_20_30_years_from_the_determination_date_R6(cast, level, expected):
    """R6: determination date + 10 (MAT), 20 (TOI_MAT) or 30 (TUYET_MAT) years."""
    if level == Level.TUYET_MAT:
        clear_for_tuyet_mat(cast.clerk)
        item, abstract = tuyet_mat_item(), ""
    else:
        item = {Level.MAT: cast.exam_logistics_item, Level.TOI_MAT: cast.exam_paper_item}[level]
        abstract = "Tài liệu thử nghiệm"
    carrier = outgoing_register(
        **outgoing_kwargs(cast, item_ids=[item.pk], abstract=abstract, determination_date=dt.date(2025, 9, 2))
    )
    assert (carrier.level, carrier.determination_date) == (level, dt.date(2025, 9, 2))
    assert carrier.protection_until == expected and carrier.shorter_period is False
    assert AuditEvent.objects.get().data["protection_until"] == expected.isoformat()


def test_a_shorter_period_for_a_document_is_refused_with_its_message_R6(cast):
    """R6: a shorter period only for an activity; for a document it is refused and nothing changes."""
    error = refused(
        DomainError,
        **outgoing_kwargs(
            cast,
            kind=CarrierKind.DOCUMENT,
            determination_date=dt.date(2026, 3, 16),
            shorter_protection_until=dt.date(2026, 7, 31),
        ),
    )
    assert error.message == "Chỉ hoạt động mới được xác định thời hạn bảo vệ ngắn hơn."
    assert error.rule == "R6" and error.field == "protection_until"
    activity = outgoing_register(
        **outgoing_kwargs(
            cast,
            kind=CarrierKind.ACTIVITY,
            doc_type="Hoạt động",
            determination_date=dt.date(2026, 3, 16),
            shorter_protection_until=dt.date(2026, 7, 31),
        )
    )
    assert (activity.protection_until, activity.shorter_period) == (dt.date(2026, 7, 31), True)
    assert AuditEvent.objects.get().data["protection_until"] == "2026-07-31"


@pytest.mark.parametrize(
    "until",
    [dt.date(2036, 3, 17), dt.date(2026, 3, 16), dt.date(2026, 1, 1)],
    ids=["longer-than-default", "same-day", "before-determination"],
)
def test_a_shorter_period_must_fall_inside_the_default_one_R6(cast, until):
    error = refused(
        DomainError,
        **outgoing_kwargs(
            cast, kind=CarrierKind.ACTIVITY, determination_date=dt.date(2026, 3, 16), shorter_protection_until=until
        ),
    )
    assert error.rule == "R6" and "không quá 16/03/2036" in error.message


def test_an_outgoing_tuyet_mat_with_an_abstract_is_refused_R18(cast):
    """R18: the abstract of a TUYET_MAT record must be empty, even when only one of its items is TUYET_MAT."""
    clear_for_tuyet_mat(cast.clerk)
    item = tuyet_mat_item()
    error = refused(
        DomainError,
        **outgoing_kwargs(cast, item_ids=[item.pk, cast.exam_paper_item.pk], abstract="Phương án bảo vệ tuyệt mật"),
    )
    assert error.message == "Không được ghi trích yếu đối với BMNN độ Tuyệt mật."
    assert error.rule == "R18" and error.field == "abstract"
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[item.pk], abstract="   "))
    carrier.refresh_from_db()
    assert (carrier.level, carrier.abstract, carrier.reg_number) == (Level.TUYET_MAT, "", 1)


def test_a_raw_save_of_a_tuyet_mat_record_with_an_abstract_violates_the_constraint_R18(cast):
    """R18, enforced in storage: writes that bypass the services hit the database check constraint."""
    clear_for_tuyet_mat(cast.clerk)
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[tuyet_mat_item().pk], abstract=""))
    with pytest.raises(IntegrityError), transaction.atomic():
        Carrier.objects.filter(pk=carrier.pk).update(abstract="Nội dung bị lộ")
    with pytest.raises(IntegrityError), transaction.atomic():
        Carrier(
            agency=cast.department,
            direction=Direction.OUTGOING,
            issuing_body=cast.department.name,
            doc_type="Kế hoạch",
            level=Level.TUYET_MAT,
            abstract="Nội dung bị lộ",
            created_at=clock.now(),
        ).save()
    carrier.refresh_from_db()
    assert carrier.abstract == "" and Carrier.objects.count() == 1


def test_an_exception_after_the_carrier_was_saved_rolls_everything_back_S3(cast, monkeypatch):
    """S3: the register entry, its number and its audit event are written together or not at all."""

    def audit_fails(*args, **kwargs):
        assert Carrier.objects.filter(doc_number="1/KH-SGDĐT").exists()  # saved, inside the transaction
        raise RuntimeError("mất điện khi ghi nhật ký")

    before = world()
    monkeypatch.setattr("bmnn.registry.services.outgoing.record", audit_fails)
    with pytest.raises(RuntimeError, match="mất điện"):
        outgoing_register(**outgoing_kwargs(cast))
    assert world() == before
    assert not Carrier.objects.exists() and not AuditEvent.objects.exists()
    assert last_number(SeriesKind.OUTGOING, cast.department) == 0
    assert verify().ok
    monkeypatch.undo()
    assert outgoing_register(**outgoing_kwargs(cast)).reg_number == 1
    assert verify().checked == 1
