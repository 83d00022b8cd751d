"""Incidents of disclosure and loss: recorded, reported the same day, notified, remedied, closed (R40)."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.legal.models import Duration
from bmnn.registry.choices import IncidentKind
from bmnn.registry.models import Incident
from bmnn.registry.services import outgoing_register
from bmnn.safeguards import selectors
from bmnn.safeguards.models import IncidentReport
from bmnn.safeguards.services.incidents import (
    incident_close,
    incident_notify_agency,
    incident_record,
    remedy_add,
    remedy_done,
)
from tests.conftest import outgoing_kwargs


def record_loss(cast, carriers, **kw):
    values = dict(
        actor=cast.officer,
        unit=cast.exams_division,
        kind=IncidentKind.LOSS,
        carriers=carriers,
        description="Mất cặp tài liệu trên đường đi họp",
        found_at=clock.now() - dt.timedelta(hours=2),
        measures="Báo công an phường, khoanh vùng tìm kiếm",
    )
    values.update(kw)
    return incident_record(**values)


def test_a_loss_is_recorded_with_every_record_involved_and_reported_the_same_day(cast, plan):
    """R40: an officer records a loss of two records; the ad-hoc report is made at once, due the same day,
    addressed to the director and to the superior unit, and the recording is audited."""
    second = outgoing_register(**outgoing_kwargs(cast, abstract="Danh sách cán bộ coi thi"))
    incident = record_loss(cast, [plan, second])
    assert set(incident.carriers.all()) == {plan, second} and incident.carrier == plan
    assert incident.unit == cast.exams_division and incident.reported_to == cast.director
    report = IncidentReport.objects.get(incident=incident)
    assert report.due_on == clock.today() and report.created_at.date() == clock.now().date()
    assert report.to_head == cast.director and report.to_superior == cast.department.parent
    assert "việc mất bí mật nhà nước" in report.body and "Báo công an phường" in report.body
    assert plan.doc_number in report.body and second.doc_number in report.body
    event = AuditEvent.objects.get(action="safeguards.incident.recorded")
    assert event.basis == "R40" and event.data["carriers"] == [plan.pk, second.pk]
    assert list(selectors.reports_awaiting(cast.director)) == [report]


def test_the_report_deadline_is_legal_data_an_administrator_can_change(cast, plan):
    """R40: "immediately" ships as 0 days; a later dated row of INCIDENT_REPORT_DAYS moves the deadline."""
    Duration.objects.create(
        key=Duration.Key.INCIDENT_REPORT_DAYS, days=1, effective_from=clock.today(), source="Thử nghiệm: quy định mới"
    )
    incident = record_loss(cast, [plan])
    assert IncidentReport.objects.get(incident=incident).due_on == clock.today() + dt.timedelta(days=1)


def test_the_report_names_no_abstract_for_tuyet_mat(cast):
    """R40 with R18: the printable report lists a TUYET_MAT record without any abstract."""
    from tests.helpers import clear_for_tuyet_mat, tuyet_mat_item

    clear_for_tuyet_mat(cast.clerk, cast.director)
    secret = outgoing_register(**outgoing_kwargs(cast, item_ids=[tuyet_mat_item().pk], abstract=""))
    incident = record_loss(cast, [secret], actor=cast.clerk, unit=cast.department)
    body = incident.adhoc_report.body
    assert "độ mật Tuyệt mật" in body and "Danh sách" not in body


def test_only_disclosure_or_loss_with_a_record_and_a_description(cast, plan):
    """R40: the incident is typed LỘ and/or MẤT, names at least one record and says what happened; refusals
    change nothing."""
    with pytest.raises(DomainError) as refused:
        record_loss(cast, [plan], kind=IncidentKind.RECEIPT_MISMATCH)
    assert refused.value.rule == "R40"
    with pytest.raises(DomainError, match="ít nhất một BMNN"):
        record_loss(cast, [])
    with pytest.raises(DomainError, match="mô tả"):
        record_loss(cast, [plan], description="  ")
    with pytest.raises(DomainError, match="tương lai"):
        record_loss(cast, [plan], found_at=clock.now() + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="Người phát hiện không thuộc cơ quan"):
        record_loss(cast, [plan], found_by=cast.outsider)
    both = record_loss(cast, [plan], kind=IncidentKind.DISCLOSURE_AND_LOSS, found_by=cast.junior)
    assert both.get_kind_display() == "Lộ và mất BMNN" and both.found_by == cast.junior
    assert Incident.objects.count() == 1 and IncidentReport.objects.count() == 1


def test_an_outsider_cannot_record_an_incident_of_another_agency(cast, plan):
    """R40: a person of another department may not record incidents of this one."""
    with pytest.raises(PermissionDenied) as refused:
        record_loss(cast, [plan], actor=cast.outsider)
    assert refused.value.rule == "R40" and not Incident.objects.exists()


def test_notice_remedies_and_closing(cast, plan):
    """R40: the incident closes only after the classifying agency is notified and every remedy is done;
    the open incident blocks destruction meanwhile (open_about)."""
    incident = record_loss(cast, [plan])
    assert Incident.objects.open_about(plan).exists()
    with pytest.raises(DomainError, match="cơ quan xác định độ mật"):
        incident_close(actor=cast.director, incident=incident, note="Đã tìm thấy")
    with pytest.raises(PermissionDenied):
        incident_notify_agency(actor=cast.officer, incident=incident, notice="Công văn số 5")
    incident_notify_agency(actor=cast.clerk, incident=incident, notice="Công văn số 51/SGDĐT-VP ngày hôm nay")
    with pytest.raises(DomainError, match="Chưa có biện pháp"):
        incident_close(actor=cast.director, incident=incident, note="Đã tìm thấy")
    remedy = remedy_add(
        actor=cast.director,
        incident=incident,
        action="Rà soát quy trình mang tài liệu đi họp",
        owner=cast.exams_head,
        due_on=clock.today() + dt.timedelta(days=7),
    )
    with pytest.raises(DomainError, match="quá khứ"):
        remedy_add(
            actor=cast.director,
            incident=incident,
            action="X",
            owner=cast.exams_head,
            due_on=clock.today() - dt.timedelta(days=1),
        )
    with pytest.raises(DomainError, match="chưa hoàn thành"):
        incident_close(actor=cast.director, incident=incident, note="Đã tìm thấy")
    with pytest.raises(PermissionDenied):
        remedy_done(actor=cast.junior, remedy=remedy, result="Xong")
    remedy_done(actor=cast.exams_head, remedy=remedy, result="Đã ban hành quy định mới")
    incident_close(actor=cast.director, incident=incident, note="Đã tìm thấy cặp tài liệu, niêm phong còn nguyên")
    incident.refresh_from_db()
    assert incident.closed and incident.closed_by == cast.director
    assert not Incident.objects.open_about(plan).exists()
    assert not selectors.reports_awaiting(cast.director).exists()
    with pytest.raises(DomainError, match="đã kết thúc"):
        remedy_add(actor=cast.director, incident=incident, action="Y", owner=cast.exams_head, due_on=clock.today())
    actions = list(AuditEvent.objects.filter(target_type="registry.incident").values_list("action", flat=True))
    assert actions == [
        "safeguards.incident.recorded",
        "safeguards.incident.agency_notified",
        "safeguards.incident.remedy_added",
        "safeguards.incident.remedy_done",
        "safeguards.incident.closed",
    ]


def test_visibility_of_incidents(cast, plan):
    """R40 with S2: the finder and the agency's heads see the incident; another agency's clerk does not."""
    incident = record_loss(cast, [plan])
    assert incident in selectors.incidents_visible_to(cast.officer)
    assert incident in selectors.incidents_visible_to(cast.director)
    assert incident not in selectors.incidents_visible_to(cast.outsider)
    assert incident not in selectors.incidents_visible_to(cast.junior)


def test_an_open_loss_blocks_routine_destruction_of_its_record(cast, plan):
    """R40 with R36: while the incident is open, a destruction council cannot list the lost record,
    whether it is the incident's first record or another record involved."""
    from bmnn.lifecycle.models import CouncilPurpose
    from bmnn.lifecycle.services.councils import council_set_up

    def set_up():
        return council_set_up(
            actor=cast.clerk,
            purpose=CouncilPurpose.DESTROY,
            carriers=[plan],
            setup_decision_ref="40/QĐ-SGDĐT",
            setup_date=clock.today(),
            chair=cast.deputy,
            members=[cast.clerk, cast.officer],
        )

    second = outgoing_register(**outgoing_kwargs(cast, abstract="Danh sách cán bộ coi thi"))
    incident = record_loss(cast, [second, plan])
    with pytest.raises(DomainError, match="có sự cố chưa khắc phục xong"):
        set_up()
    incident_notify_agency(actor=cast.clerk, incident=incident, notice="Công văn số 51/SGDĐT-VP")
    remedy = remedy_add(
        actor=cast.director, incident=incident, action="Tìm lại tài liệu", owner=cast.officer, due_on=clock.today()
    )
    remedy_done(actor=cast.officer, remedy=remedy, result="Đã tìm thấy")
    incident_close(actor=cast.director, incident=incident, note="Tài liệu đã được tìm thấy, còn nguyên niêm phong")
    assert set_up().carriers.get() == plan


def test_r40_a_remedy_owner_from_another_agency_is_refused_and_sees_nothing(cast, plan):
    """R40, S2: a remedy is given to someone of the incident's agency; a person of another agency is refused
    (nothing created, nothing audited), so the incident never becomes visible to them."""
    incident = record_loss(cast, [plan])
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="không thuộc cơ quan") as refused:
        remedy_add(
            actor=cast.clerk,
            incident=incident,
            action="Truy tìm bản bị mất",
            owner=cast.outsider,
            due_on=clock.today() + dt.timedelta(days=3),
        )
    assert refused.value.rule == "R40" and refused.value.field == "owner"
    assert not incident.remedies.exists() and AuditEvent.objects.count() == events
    assert not selectors.incidents_visible_to(cast.outsider).filter(pk=incident.pk).exists()


def test_r40_the_classifying_agency_is_notified_once_and_only_by_a_manager(cast, plan):
    """R40: the notice is recorded once; a second one is refused and the first is kept, so the page no
    longer offers it. A person with no unit cannot record an incident at all."""
    from bmnn.safeguards.services.incidents import incident_notify_check, incident_record_check

    incident = record_loss(cast, [plan])
    incident_notify_check(cast.clerk, incident)
    with pytest.raises(PermissionDenied):
        incident_notify_check(cast.officer, incident)
    incident_notify_agency(actor=cast.clerk, incident=incident, notice="Công văn số 51/SGDĐT-VP")
    with pytest.raises(DomainError, match="Đã ghi thông báo") as refused:
        incident_notify_agency(actor=cast.director, incident=incident, notice="Công văn khác")
    assert refused.value.rule == "R40"
    incident.refresh_from_db()
    assert incident.agency_notice == "Công văn số 51/SGDĐT-VP"
    from bmnn.org.models import Person

    nobody = Person.objects.create(username="khongdonvi")
    with pytest.raises(PermissionDenied) as refused:
        incident_record_check(nobody)
    assert refused.value.rule == "R40"
