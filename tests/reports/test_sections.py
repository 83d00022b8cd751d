"""The report's sections come from the safeguards app's records (R40 section c, P3, P4), and the head's
dashboard lists what is open there (R41, P5)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.documents.samples import text_pdf
from bmnn.reports import services
from bmnn.safeguards.services.devices import device_inspect, device_register
from bmnn.safeguards.services.incidents import incident_record
from bmnn.safeguards.services.staff import commitment_record, training_record
from tests.conftest import unsigned
from tests.helpers import at
from tests.reports.conftest import receive


def test_incidents_training_devices_and_commitments_feed_the_report(tree):
    """R40: incidents feed section (c); P4 training and commitments, P3 device inspections are counted."""
    lost = receive(tree.school_clerk, Level.TOI_MAT, "21/BGDĐT-QLCL", at(2026, 3, 3))
    with clock.frozen_at(at(2026, 5, 6)):
        incident_record(
            actor=tree.school_clerk,
            unit=tree.school,
            kind="LOSS",
            carriers=[lost],
            description="Mất bản đề thi dự bị khi vận chuyển",
            found_at=at(2026, 5, 6, 8),
        )
        training_record(
            actor=tree.principal,
            unit=tree.school,
            title="Phổ biến Luật Bảo vệ BMNN 2025",
            held_on=dt.date(2026, 5, 6),
            attendees=[tree.principal, tree.school_clerk],
        )
        commitment_record(
            actor=tree.principal,
            person=tree.school_clerk,
            kind="APPOINTMENT",
            signed_on=dt.date(2026, 5, 6),
            scan=SimpleUploadedFile("cam-ket.pdf", text_pdf("scan")),
        )
        device = device_register(
            actor=tree.principal, unit=tree.school, kind="COMPUTER", name="Máy soạn thảo", connection="STANDALONE"
        )
        device_register(
            actor=tree.principal, unit=tree.school, kind="PRINTER", name="Máy in phòng văn thư", connection="STANDALONE"
        )
        device_inspect(
            actor=tree.principal,
            device=device,
            inspected_on=dt.date(2026, 5, 6),
            inspector="Công an tỉnh",
            result="PASSED",
        )
    with clock.frozen_at(at(2026, 12, 10)):
        report = services.report_build(actor=tree.principal, unit=tree.school, year=2026)
    own = report.figures["own"]
    assert own["incidents"] == {"total": 1, "disclosure": 0, "loss": 1, "remedied": 0}
    assert own["training"] == {"sessions": 1, "attendees": 2, "without_commitment": 0}
    assert own["devices"] == {"inspected": 1, "not_inspected": 1}
    # The department's report carries the school's incident once the school has submitted.
    with clock.frozen_at(at(2026, 12, 11)):
        services.report_edit(actor=tree.principal, report=report, situation="a", results="b", proposals="d")
        services.report_submit(actor=tree.principal, report=report)
        department = services.report_build(actor=tree.cast.director, unit=tree.department, year=2026)
    assert department.figures["total"]["incidents"]["loss"] == 1


def test_the_head_dashboard_lists_open_incidents_missing_commitments_and_devices(client, tree):
    """R40, P3, P4 on the head's dashboard: the school's open loss, its unsigned clerk, its uninspected printer."""
    lost = receive(tree.school_clerk, Level.MAT, "22/BGDĐT-QLCL", at(2026, 3, 3))
    unsigned(tree.school_clerk)  # P4: her commitment is not on file (she could not have received without it)
    with clock.frozen_at(at(2026, 5, 6)):
        incident_record(
            actor=tree.school_clerk,
            unit=tree.school,
            kind="DISCLOSURE",
            carriers=[lost],
            description="Lộ nội dung công văn trên mạng xã hội",
            found_at=at(2026, 5, 6, 8),
        )
        device_register(
            actor=tree.principal, unit=tree.school, kind="PRINTER", name="Máy in Canon LBP", connection="STANDALONE"
        )
    client.force_login(tree.principal)
    with clock.frozen_at(at(2026, 5, 7)):
        page = client.get("/thu-truong/").content.decode()
    assert "Máy in Canon LBP" in page and "Cao Thị Nga" in page and "Lộ BMNN" in page
    client.force_login(tree.cast.outsider)
    with clock.frozen_at(at(2026, 5, 7)):
        other = client.get("/thu-truong/").content.decode()
    assert "Máy in Canon LBP" not in other and "Cao Thị Nga" not in other
