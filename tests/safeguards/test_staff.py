"""Staff who work with secrets: designation (R38), commitments and training (P4), off-boarding (R39)."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.documents.samples import text_pdf
from bmnn.org.models import Person, Position
from bmnn.registry.services import handover_confirm, handover_create, outgoing_register
from bmnn.safeguards import selectors
from bmnn.safeguards.choices import CommitmentKind, OffboardingStatus
from bmnn.safeguards.models import Commitment, Offboarding
from bmnn.safeguards.services.staff import (
    commitment_record,
    offboarding_blockers,
    offboarding_complete,
    offboarding_start,
    person_designate,
    person_undesignate,
    training_record,
)
from tests.conftest import make_person, outgoing_kwargs, unsigned
from tests.safeguards.conftest import scan_file


def test_designation_needs_a_written_decision_and_a_manager(cast):
    """R38: designation stores the decision reference; a plain officer cannot designate; it is audited."""
    newcomer = make_person("moi", cast.exams_division, Position.STAFF, Level.MAT)
    with pytest.raises(PermissionDenied) as refused:
        person_designate(actor=cast.officer, person=newcomer, decision_ref="20/QĐ-SGDĐT", decided_on=clock.today())
    assert refused.value.rule == "R38"
    with pytest.raises(DomainError, match="số văn bản") as refused:
        person_designate(actor=cast.director, person=newcomer, decision_ref=" ", decided_on=clock.today())
    assert refused.value.rule == "R38"
    person_designate(actor=cast.director, person=newcomer, decision_ref="20/QĐ-SGDĐT", decided_on=clock.today())
    newcomer.refresh_from_db()
    assert newcomer.designated_for_secrets and newcomer.designation_ref == "20/QĐ-SGDĐT"
    event = AuditEvent.objects.get(action="org.person.designated")
    assert event.basis == "R38" and event.data["decision_ref"] == "20/QĐ-SGDĐT"


def test_no_undesignation_while_holding_custody(cast):
    """R38: only designated staff hold custody, so a custodian cannot be undesignated until items are handed over."""
    plan = outgoing_register(**outgoing_kwargs(cast, custodian=cast.officer))
    with pytest.raises(DomainError, match="chưa bàn giao") as refused:
        person_undesignate(actor=cast.director, person=cast.officer, reason="Chuyển công tác")
    assert refused.value.rule == "R38"
    handover = handover_create(actor=cast.officer, carrier=plan, to_person=cast.exams_head)
    handover_confirm(actor=cast.exams_head, handover=handover)
    person_undesignate(actor=cast.director, person=cast.officer, reason="Chuyển công tác")
    cast.officer.refresh_from_db()
    assert not cast.officer.designated_for_secrets
    assert AuditEvent.objects.filter(action="org.person.undesignated").exists()


def test_commitment_on_appointment_with_a_scan(cast):
    """P4: the appointment commitment is filed with its date and scanned copy; a future date or missing scan
    is refused; people_without_commitment lists who has not signed."""
    unsigned(cast.officer)
    ids = cast.department.subtree_ids()
    assert cast.officer in selectors.people_without_commitment(ids)
    with pytest.raises(DomainError, match="tương lai") as refused:
        commitment_record(
            actor=cast.clerk,
            person=cast.officer,
            kind=CommitmentKind.APPOINTMENT,
            signed_on=clock.today() + dt.timedelta(days=1),
            scan=scan_file(),
        )
    assert refused.value.rule == "P4"
    with pytest.raises(DomainError, match="bản quét"):
        commitment_record(
            actor=cast.clerk, person=cast.officer, kind=CommitmentKind.APPOINTMENT, signed_on=clock.today(), scan=None
        )
    with pytest.raises(DomainError, match="PDF hoặc ảnh"):
        commitment_record(
            actor=cast.clerk,
            person=cast.officer,
            kind=CommitmentKind.APPOINTMENT,
            signed_on=clock.today(),
            scan=scan_file("cam-ket.exe"),
        )
    with pytest.raises(PermissionDenied):
        commitment_record(
            actor=cast.outsider,
            person=cast.officer,
            kind=CommitmentKind.APPOINTMENT,
            signed_on=clock.today(),
            scan=scan_file(),
        )
    made = commitment_record(
        actor=cast.clerk,
        person=cast.officer,
        kind=CommitmentKind.APPOINTMENT,
        signed_on=clock.today(),
        scan=scan_file(),
    )
    with made.scan.open("rb") as stored:
        assert stored.read() == text_pdf("signed commitment")
    assert cast.officer not in selectors.people_without_commitment(ids)
    assert AuditEvent.objects.get(action="safeguards.commitment.recorded").basis == "P4"


def test_a_commitment_scan_bearing_a_secrecy_mark_is_refused_S6(cast, settings, tmp_path):
    """S6 (with P4): commitments are kept in clear, so a scan that bears a secrecy mark (the wrong file, a secret
    document scanned by mistake) is refused before anything is written."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    before = Commitment.objects.count()
    marked = SimpleUploadedFile("cam-ket.pdf", text_pdf("MẬT", "Danh sách cán bộ"), content_type="application/pdf")
    with pytest.raises(DomainError, match="mang dấu độ mật \\(Mật\\)") as refused:
        commitment_record(
            actor=cast.clerk, person=cast.officer, kind=CommitmentKind.APPOINTMENT, signed_on=clock.today(), scan=marked
        )
    assert refused.value.rule == "S6" and Commitment.objects.count() == before
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_training_session_with_attendance(cast):
    """P4: a training session records who attended; people of another agency cannot be listed."""
    today = clock.today()
    with pytest.raises(DomainError, match="không thuộc cơ quan"):
        training_record(
            actor=cast.clerk,
            unit=cast.department,
            title="Phổ biến Luật BVBMNN 2025",
            held_on=today,
            attendees=[cast.officer, cast.outsider],
        )
    with pytest.raises(DomainError, match="đã diễn ra"):
        training_record(
            actor=cast.clerk,
            unit=cast.department,
            title="Phổ biến Luật BVBMNN 2025",
            held_on=today + dt.timedelta(days=3),
            attendees=[cast.officer],
        )
    session = training_record(
        actor=cast.clerk,
        unit=cast.department,
        title="Phổ biến Luật BVBMNN 2025",
        held_on=today,
        attendees=[cast.officer, cast.junior],
        trainer="Công an tỉnh",
    )
    assert set(session.attendees.all()) == {cast.officer, cast.junior}
    assert list(selectors.trainings_in(cast.department.subtree_ids(), today, today)) == [session]
    assert not selectors.trainings_in([cast.other_department.pk], today, today).exists()


def test_offboarding_blocks_until_everything_is_handed_over_and_the_leaving_commitment_is_filed(cast):
    """R39: off-boarding cannot complete while the person is custodian of a live record, has an open
    hand-over or has not signed the leaving commitment; completion locks the account and is audited."""
    plan = outgoing_register(**outgoing_kwargs(cast, custodian=cast.officer))
    case = offboarding_start(actor=cast.director, person=cast.officer, reason="Nghỉ hưu")
    with pytest.raises(DomainError, match="đang có thủ tục"):
        offboarding_start(actor=cast.director, person=cast.officer, reason="Nghỉ hưu")
    blockers = offboarding_blockers(cast.officer)
    assert any("Đang quản lý BMNN" in b for b in blockers) and any("cam kết" in b for b in blockers)
    with pytest.raises(DomainError) as refused:
        offboarding_complete(actor=cast.director, case=case)
    assert refused.value.rule == "R39" and "Đang quản lý BMNN" in refused.value.message

    handover = handover_create(actor=cast.officer, carrier=plan, to_person=cast.exams_head)
    with pytest.raises(DomainError, match="chưa ký nhận"):
        offboarding_complete(actor=cast.director, case=case)
    handover_confirm(actor=cast.exams_head, handover=handover)
    with pytest.raises(DomainError, match="cam kết khi thôi"):
        offboarding_complete(actor=cast.director, case=case)
    commitment_record(
        actor=cast.clerk,
        person=cast.officer,
        kind=CommitmentKind.LEAVING,
        signed_on=clock.today(),
        scan=scan_file("cam-ket-thoi-viec.pdf"),
    )
    with pytest.raises(PermissionDenied):
        offboarding_complete(actor=cast.exams_head, case=case)
    offboarding_complete(actor=cast.director, case=case)
    officer = Person.objects.get(pk=cast.officer.pk)
    assert not officer.is_active and not officer.designated_for_secrets
    assert Offboarding.objects.get().status == OffboardingStatus.COMPLETED
    assert AuditEvent.objects.get(action="safeguards.offboarding.completed").basis == "R39"
    with pytest.raises(DomainError, match="đã hoàn thành"):
        offboarding_complete(actor=cast.director, case=case)


def test_a_leaving_commitment_belongs_to_an_offboarding(cast):
    """R39: the leaving commitment is filed during off-boarding, not at random."""
    unsigned(cast.officer)
    with pytest.raises(DomainError) as refused:
        commitment_record(
            actor=cast.clerk,
            person=cast.officer,
            kind=CommitmentKind.LEAVING,
            signed_on=clock.today(),
            scan=scan_file(),
        )
    assert refused.value.rule == "R39" and not Commitment.objects.filter(person=cast.officer).exists()


def test_offboarding_blocks_on_takeout_and_recall(cast):
    """R39: an unreturned take-out or an unreturned recall copy also blocks leaving."""
    from bmnn.approvals.services import request_decide
    from bmnn.lifecycle.models import Recall, RecallItem
    from bmnn.lifecycle.services.takeout import takeout_checkout, takeout_request

    plan = outgoing_register(**outgoing_kwargs(cast))
    request = takeout_request(
        actor=cast.junior,
        carrier=plan,
        purpose="Họp Hội đồng thi",
        place="Trường THPT A",
        start=clock.today(),
        due=clock.today() + dt.timedelta(days=2),
        measures="Cặp có khóa, mang theo người",
    )
    request_decide(actor=cast.director, request=request, approve=True, reasons="")
    takeout = takeout_checkout(actor=cast.clerk, request=request)
    assert any("mang ra chưa trả" in b for b in offboarding_blockers(cast.junior))
    takeout.returned_at = clock.now()
    takeout.save()
    recall = Recall.objects.create(
        carrier=plan, return_by=clock.today(), issued_by=cast.director, issued_at=clock.now(), reason="Thu hồi"
    )
    item = RecallItem.objects.create(recall=recall, carrier=plan, holder=cast.junior)
    assert [b for b in offboarding_blockers(cast.junior) if "thu hồi chưa trả" in b]
    item.returned_at = clock.now()
    item.save()
    assert offboarding_blockers(cast.junior) == ["Chưa có bản cam kết khi thôi làm công tác BMNN"]


def test_r38_a_designated_person_is_not_designated_again(cast):
    """R38: a person already designated keeps their decision; designating again is refused."""
    with pytest.raises(DomainError, match="đã được phân công") as refused:
        person_designate(actor=cast.director, person=cast.officer, decision_ref="99/QĐ", decided_on=clock.today())
    assert refused.value.rule == "R38"
    cast.officer.refresh_from_db()
    assert cast.officer.designation_ref != "99/QĐ"


def test_r39_completion_needs_an_open_case_and_a_locked_account_files_no_commitment(cast):
    """R39, P4: completing off-boarding without an open case is refused; once the account is locked no more
    commitments are filed for it."""
    from bmnn.safeguards.services.staff import person_offboarding_complete

    unsigned(cast.junior)
    with pytest.raises(DomainError, match="không có thủ tục") as refused:
        person_offboarding_complete(actor=cast.director, person=cast.junior)
    assert refused.value.rule == "R39" and not Offboarding.objects.exists()
    offboarding_start(actor=cast.director, person=cast.junior, reason="Nghỉ hưu")
    commitment_record(
        actor=cast.clerk,
        person=cast.junior,
        kind=CommitmentKind.LEAVING,
        signed_on=clock.today(),
        scan=scan_file("cam-ket-thoi-viec.pdf"),
    )
    person_offboarding_complete(actor=cast.director, person=cast.junior)
    junior = Person.objects.get(pk=cast.junior.pk)
    with pytest.raises(DomainError, match="đã bị khóa") as refused:
        commitment_record(
            actor=cast.clerk, person=junior, kind=CommitmentKind.APPOINTMENT, signed_on=clock.today(), scan=scan_file()
        )
    assert refused.value.rule == "P4" and Commitment.objects.filter(person=junior).count() == 1
