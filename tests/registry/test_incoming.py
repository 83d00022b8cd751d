"""Receiving incoming secrets (R18, R24, R25, S3)."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.registry.choices import Direction, HandoverStatus, IncidentKind, SeriesKind, Status, Urgency
from bmnn.registry.models import Carrier, Incident
from bmnn.registry.services import handover_confirm, incoming_receive, incoming_sign_off
from tests.helpers import clear_for_tuyet_mat, last_number, world


def receive(cast, **overrides):
    values = dict(
        actor=cast.clerk,
        sender="Bộ Giáo dục và Đào tạo",
        doc_number="215/BGDĐT-QLCL",
        level=Level.MAT,
        doc_type="Công văn",
        abstract="Hướng dẫn bảo quản đề thi",
    )
    values.update(overrides)
    return incoming_receive(**values)


def test_incoming_gets_the_next_incoming_number_R19_R24(cast):
    first, second = receive(cast), receive(cast, doc_number="216/BGDĐT-QLCL")
    assert (first.reg_number, second.reg_number) == (1, 2)
    assert first.status == Status.IN_STORAGE and first.custodian == cast.clerk
    assert AuditEvent.objects.filter(action="registry.incoming.registered").count() == 2


def test_named_envelope_is_registered_by_its_outer_marks_and_routed_unopened_R24(cast):
    envelope = receive(cast, abstract="", named_recipient=cast.director, doc_number="Bì số 17")
    assert envelope.unopened and envelope.abstract == "" and envelope.status == Status.IN_TRANSIT
    handover = envelope.handovers.get()
    assert handover.to_person == cast.director and handover.named_only
    assert AuditEvent.objects.filter(action="registry.incoming.routed_unopened").exists()
    handover_confirm(actor=cast.director, handover=handover)
    envelope.refresh_from_db()
    assert envelope.custodian == cast.director and envelope.status == Status.IN_STORAGE


def test_an_unopened_envelope_has_no_abstract_R24(cast):
    with pytest.raises(DomainError) as refused:
        receive(cast, named_recipient=cast.director)
    assert refused.value.rule == "R24" and not Carrier.objects.exists()


def test_flash_envelope_for_an_absent_person_goes_to_the_head_R24(cast):
    cast.officer.absent = True
    cast.officer.save()
    envelope = receive(cast, abstract="", named_recipient=cast.officer, urgency=Urgency.HOA_TOC)
    assert envelope.handovers.get().to_person == cast.director
    normal = receive(cast, abstract="", named_recipient=cast.officer, doc_number="Bì số 18")
    assert normal.handovers.get().to_person == cast.officer


def test_a_count_mismatch_holds_the_item_and_reports_an_incident_R25(cast):
    held = receive(cast, expected_count=3, received_count=2)
    assert held.status == Status.HELD and held.reg_number is None
    incident = Incident.objects.get()
    assert incident.kind == IncidentKind.RECEIPT_MISMATCH and incident.reported_to == cast.director
    assert "số lượng nhận 2" in incident.description
    assert {"registry.incoming.held", "registry.incident.opened"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_no_sign_off_until_the_mismatch_is_fixed_R25(cast):
    held = receive(cast, packaging_intact=False)
    with pytest.raises(DomainError) as refused:
        incoming_sign_off(actor=cast.clerk, carrier=held, expected_count=1, received_count=1, packaging_intact=False)
    assert refused.value.rule == "R25"
    held.refresh_from_db()
    assert held.status == Status.HELD and held.reg_number is None
    signed = incoming_sign_off(
        actor=cast.clerk, carrier=held, expected_count=1, received_count=1, packaging_intact=True
    )
    assert signed.status == Status.IN_STORAGE and signed.reg_number == 1


def test_someone_outside_the_register_cannot_receive(cast):
    from bmnn.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        receive(cast, actor=cast.director)
    assert not Carrier.objects.exists() and not AuditEvent.objects.exists()


def test_the_named_recipient_signs_for_the_routed_envelope_only_R23(cast):
    envelope = receive(cast, abstract="", named_recipient=cast.director)
    handover = envelope.handovers.get()
    from bmnn.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        handover_confirm(actor=cast.clerk, handover=handover)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING


# The whole effect, the audit events, and refusals that change nothing --------------------------------------


def refused(exc_type, cast, **overrides):
    """Receive expecting a refusal; check that nothing changed and return the error."""
    before = world()
    with pytest.raises(exc_type) as info:
        receive(cast, **overrides)
    assert world() == before
    return info.value


def test_a_receipt_is_registered_with_its_number_period_and_audit_event_R19_R24(cast):
    """R24: registered after receipt, in the agency's incoming series; R6: protection from the document's date."""
    carrier = receive(cast, doc_date=dt.date(2026, 3, 10), storage_place="Tủ sắt số 2")
    carrier.refresh_from_db()
    assert (carrier.direction, carrier.status, carrier.reg_number) == (Direction.INCOMING, Status.IN_STORAGE, 1)
    assert carrier.reg_year == clock.today().year and carrier.register_label == f"Số đến 1/{carrier.reg_year}"
    assert (carrier.sender, carrier.issuing_body) == ("Bộ Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo")
    assert (carrier.doc_number, carrier.doc_type, carrier.abstract) == (
        "215/BGDĐT-QLCL",
        "Công văn",
        "Hướng dẫn bảo quản đề thi",
    )
    assert carrier.custodian == cast.clerk and carrier.agency == cast.department and not carrier.unopened
    assert carrier.protection_until == dt.date(2036, 3, 10) and carrier.received_at is not None
    event = AuditEvent.objects.get()
    assert (event.action, event.basis, event.actor_id) == ("registry.incoming.registered", "R24", cast.clerk.pk)
    assert event.data == {
        "incoming_number": 1,
        "year": carrier.reg_year,
        "sender": "Bộ Giáo dục và Đào tạo",
        "doc_number": "215/BGDĐT-QLCL",
        "level": "MAT",
    }


def test_only_the_agencys_clerk_receives_R38(cast):
    for person in (cast.director, cast.officer, cast.exams_head):
        error = refused(PermissionDenied, cast, actor=person)
        assert error.rule == "R38"
        assert error.message == "Chỉ văn thư của cơ quan (được phân công làm công tác BMNN) mới được vào sổ BMNN."
    assert last_number(SeriesKind.INCOMING, cast.department) == 0


def test_a_clerk_below_the_level_may_not_receive_it_S2(cast):
    cast.clerk.clearance = Level.MAT
    cast.clerk.save()
    error = refused(PermissionDenied, cast, level=Level.TOI_MAT)
    assert (error.rule, error.message) == ("S2", "Người thực hiện không được tiếp cận BMNN độ Tối mật.")


def test_sender_and_number_are_required_and_the_level_must_be_valid_R1_R24(cast):
    error = refused(DomainError, cast, sender="  ")
    assert (error.rule, error.message) == ("R24", "Phải ghi nơi gửi và số, ký hiệu trên bì hoặc văn bản.")
    error = refused(DomainError, cast, level="BI_MAT")
    assert (error.rule, error.message, error.field) == ("R1", "Độ mật không hợp lệ.", "level")


def test_an_incoming_tuyet_mat_abstract_is_refused_too_R18(cast):
    """R18 (amended): no abstract for TUYET_MAT in the incoming register either."""
    clear_for_tuyet_mat(cast.clerk)
    error = refused(DomainError, cast, level=Level.TUYET_MAT)
    assert (error.rule, error.field) == ("R18", "abstract")
    assert error.message == "Không được ghi trích yếu đối với BMNN độ Tuyệt mật."
    top = receive(cast, level=Level.TUYET_MAT, abstract="")
    assert top.abstract == "" and top.reg_number == 1


def test_a_named_envelope_is_routed_unopened_to_the_named_person_with_its_trail_R23_R24(cast):
    """R24: registered by its outer marks, no abstract, handed unopened to the named person (pending, R23)."""
    envelope = receive(
        cast, abstract="", doc_type="", named_recipient=cast.exams_head, doc_number="Bì số 17", level=Level.TOI_MAT
    )
    envelope.refresh_from_db()
    assert envelope.unopened and envelope.abstract == "" and envelope.doc_type == "Bì thư chưa bóc"
    assert (envelope.reg_number, envelope.status, envelope.custodian) == (1, Status.IN_TRANSIT, cast.clerk)
    handover = envelope.handovers.get()
    assert (handover.to_person, handover.named_only, handover.status) == (cast.exams_head, True, HandoverStatus.PENDING)
    assert (handover.number, handover.envelope_letter) == (1, "B")
    assert handover.note == "Chuyển nguyên bì, chưa bóc"
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "registry.incoming.registered",
        "registry.handover.created",
        "registry.incoming.routed_unopened",
    ]
    routed = AuditEvent.objects.get(action="registry.incoming.routed_unopened")
    assert routed.data == {"handover_id": handover.pk, "named_recipient": "Phạm Văn Dũng", "routed_to": "Phạm Văn Dũng"}

    for other in (cast.clerk, cast.officer, cast.director):
        before = world()
        with pytest.raises(PermissionDenied) as not_named:
            handover_confirm(actor=other, handover=handover)
        assert not_named.value.rule == "R23" and world() == before
    handover_confirm(actor=cast.exams_head, handover=handover)
    envelope.refresh_from_db()
    assert (envelope.custodian, envelope.status, envelope.unopened) == (cast.exams_head, Status.IN_STORAGE, True)


def test_an_abstract_for_an_unopened_envelope_is_refused_R24(cast):
    error = refused(DomainError, cast, named_recipient=cast.exams_head)
    assert (error.rule, error.field) == ("R24", "abstract")
    assert error.message == (
        'Bì "Chỉ người có tên mới được bóc bì" không được bóc: chỉ ghi theo dấu ngoài bì, không ghi trích yếu.'
    )
    assert last_number(SeriesKind.INCOMING, cast.department) == 0


def test_a_flash_envelope_for_an_absent_named_person_goes_to_the_head_R24(cast):
    """R24: named person absent and marked Hỏa tốc: routed to the head; not flash: it waits for them."""
    cast.exams_head.absent = True
    cast.exams_head.save()
    flash = receive(cast, abstract="", named_recipient=cast.exams_head, urgency=Urgency.HOA_TOC)
    assert flash.handovers.get().to_person == cast.director
    routed = AuditEvent.objects.get(action="registry.incoming.routed_unopened")
    assert (routed.data["named_recipient"], routed.data["routed_to"]) == ("Phạm Văn Dũng", "Nguyễn Văn An")
    urgent = receive(
        cast, abstract="", named_recipient=cast.exams_head, urgency=Urgency.THUONG_KHAN, doc_number="Bì số 19"
    )
    assert urgent.handovers.get().to_person == cast.exams_head
    with pytest.raises(PermissionDenied):
        handover_confirm(actor=cast.exams_head, handover=flash.handovers.get())
    handover_confirm(actor=cast.director, handover=flash.handovers.get())
    flash.refresh_from_db()
    assert flash.custodian == cast.director and flash.unopened


def test_an_envelope_for_someone_not_cleared_is_refused_S2(cast):
    error = refused(PermissionDenied, cast, abstract="", named_recipient=cast.junior, level=Level.TOI_MAT)
    assert (error.rule, error.message) == ("S2", "Người nhận không được tiếp cận BMNN độ Tối mật.")


def test_a_mismatch_is_held_without_a_number_and_reported_to_the_head_at_once_R25(cast):
    """R25: no number, an incident reported to the head, a notice drafted for the sender."""
    held = receive(
        cast, expected_count=3, received_count=2, packaging_intact=False, discrepancy_note="Niêm phong bị rách"
    )
    held.refresh_from_db()
    assert (held.status, held.reg_number, held.reg_year) == (Status.HELD, None, None)
    assert last_number(SeriesKind.INCOMING, cast.department) == 0
    incident = Incident.objects.get()
    assert (incident.carrier, incident.found_by, incident.reported_to) == (held, cast.clerk, cast.director)
    assert incident.description == (
        "số lượng nhận 2, theo bì/phiếu gửi 3; bao bì có dấu hiệu bị bóc, tráo đổi hoặc hư hỏng. Niêm phong bị rách"
    )
    assert incident.sender_notice.startswith("Đề nghị Bộ Giáo dục và Đào tạo kiểm tra, bổ sung:")
    assert not incident.closed
    events = {e.action: e for e in AuditEvent.objects.all()}
    assert set(events) == {"registry.incoming.held", "registry.incident.opened"}
    assert events["registry.incoming.held"].data == {"expected": 3, "received": 2, "packaging_intact": False}
    assert events["registry.incident.opened"].data["reported_to"] == "Nguyễn Văn An"
    assert events["registry.incident.opened"].basis == "R25"


def test_sign_off_is_refused_while_counts_differ_and_registers_once_they_match_R25(cast):
    held = receive(cast, expected_count=3, received_count=2)
    other = receive(cast, doc_number="216/BGDĐT-QLCL")  # registered meanwhile: number 1
    before = world()
    with pytest.raises(DomainError) as still_wrong:
        incoming_sign_off(actor=cast.clerk, carrier=held, expected_count=3, received_count=2, packaging_intact=True)
    assert still_wrong.value.rule == "R25"
    assert still_wrong.value.message == (
        "Chưa thể ký nhận: số lượng hoặc bao bì vẫn chưa khớp. Cần khắc phục trước khi vào sổ."
    )
    with pytest.raises(PermissionDenied) as not_clerk:
        incoming_sign_off(actor=cast.director, carrier=held, expected_count=3, received_count=3, packaging_intact=True)
    assert not_clerk.value.rule == "R38"
    assert world() == before

    signed = incoming_sign_off(
        actor=cast.clerk, carrier=held, expected_count=3, received_count=3, packaging_intact=True
    )
    signed.refresh_from_db()
    assert (other.reg_number, signed.reg_number, signed.status) == (1, 2, Status.IN_STORAGE)
    event = AuditEvent.objects.order_by("seq").last()
    assert (event.action, event.basis, event.data["incoming_number"]) == ("registry.incoming.registered", "R25", 2)
    with pytest.raises(DomainError) as twice:
        incoming_sign_off(actor=cast.clerk, carrier=signed, expected_count=3, received_count=3, packaging_intact=True)
    assert (twice.value.rule, twice.value.message) == ("R25", "BMNN này không ở trạng thái tạm giữ khi nhận.")


def test_a_held_named_envelope_is_routed_unopened_after_sign_off_R24_R25(cast):
    held = receive(cast, abstract="", named_recipient=cast.exams_head, expected_count=2, received_count=1)
    assert held.status == Status.HELD and not held.handovers.exists()
    incoming_sign_off(actor=cast.clerk, carrier=held, expected_count=2, received_count=2, packaging_intact=True)
    held.refresh_from_db()
    assert held.status == Status.IN_TRANSIT and held.reg_number == 1
    assert held.handovers.get().to_person == cast.exams_head


def _statement(sql):
    """'SELECT registry_carrier' for a query: its verb and the table it reads or writes."""
    verb = sql.split()[0]
    table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', sql)
    return f"{verb} {table.group(1) if table else ''}"


def test_one_registration_takes_few_queries_and_holds_the_number_only_for_the_writes_R19_S4(cast):
    """R19, S4: the register number's lock is held until commit, so concurrent registrations queue behind
    it; every read and check is done before the number is taken, and after it only the record, its audit
    event and the chain head are written, with the record's state read back for the event (S5); the series'
    state comes back with its number."""
    receive(cast)  # the year's series exists from the first registration on
    with CaptureQueriesContext(connection) as captured:
        receive(cast, doc_number="216/BGDĐT-QLCL")
    statements = [_statement(q["sql"]) for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) <= 7, statements
    taken = statements.index("UPDATE registry_registerseries")
    assert statements[taken + 1 :] == [
        "INSERT registry_carrier",
        "SELECT registry_carrier",
        "SELECT audit_chainhead",
        "INSERT audit_auditevent",
        "UPDATE audit_chainhead",
    ]
    checked = io.StringIO()
    call_command("audit", "verify", "--deep", stdout=checked)  # S5: the states recorded match the rows
    assert "Dữ liệu khớp nhật ký" in checked.getvalue()
