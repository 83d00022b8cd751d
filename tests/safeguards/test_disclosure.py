"""What the incident pages, the ad-hoc report and the staff pages show of secret records (S2, R18, R40, R39).

The clerk, cleared TUYET_MAT, keeps a TUYET_MAT, a TOI_MAT and a MAT record and reports their loss. The head
(TOI_MAT) may see the TOI_MAT and MAT records of the agency; the head of the exams division (TOI_MAT) opens the
incident and the staff pages but has no reason to see any of the records.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.registry.models import Incident
from bmnn.registry.services import incoming_receive
from bmnn.safeguards.services.incidents import incident_record

TOP, TOI, MAT = "140/QLCL-TCT", "52/BGDĐT-KTKĐ", "77/BGDĐT-GDTrH"
TOI_ABSTRACT, MAT_ABSTRACT = "Ma trận đề thi môn Ngữ văn", "Lịch vận chuyển đề thi"


@pytest.fixture
def incident(cast):
    cast.clerk.clearance = Level.TUYET_MAT
    cast.clerk.save()
    made = [
        incoming_receive(
            actor=cast.clerk,
            sender="Bộ Giáo dục và Đào tạo",
            doc_number=number,
            level=level,
            doc_type="Công văn",
            abstract=abstract,
            storage_place="Tủ sắt số 1",
        )
        for number, level, abstract in (
            (TOP, Level.TUYET_MAT, ""),
            (TOI, Level.TOI_MAT, TOI_ABSTRACT),
            (MAT, Level.MAT, MAT_ABSTRACT),
        )
    ]
    return incident_record(
        actor=cast.clerk,
        unit=cast.department,
        kind="LOSS",
        carriers=made,
        description="Thất lạc cặp tài liệu",
        found_at=clock.now(),
        measures="Khoanh vùng",
    )


def _print(client, person, incident: Incident) -> str:
    client.force_login(person)
    response = client.get(reverse("safeguards:incident-report", args=[incident.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_adhoc_report_lists_only_what_the_reader_may_see_and_bears_its_highest_mark_S2_R18_R40(
    client, cast, incident
):
    """S2, R40: the head reads the TOI_MAT and MAT records with their abstracts, not the TUYET_MAT one's number;
    the printout bears TỐI MẬT, the highest level it describes. The clerk, cleared TUYET_MAT, reads all three
    (without a TUYET_MAT abstract, R18) under TUYỆT MẬT."""
    head = _print(client, cast.director, incident)
    assert TOI in head and TOI_ABSTRACT in head and MAT in head and MAT_ABSTRACT in head
    assert TOP not in head and "BMNN ngoài phạm vi được xem" in head
    assert '<span class="stamp">TỐI MẬT</span>' in head and "TUYỆT MẬT" not in head
    clerk = _print(client, cast.clerk, incident)
    assert TOP in clerk and TOI_ABSTRACT in clerk and '<span class="stamp">TUYỆT MẬT</span>' in clerk


def test_a_reader_without_a_reason_gets_no_number_and_no_abstract_anywhere_S2(client, cast, incident):
    """S2: the head of the exams division opens the incident, its report and the API queue of nobody, and finds
    no number, no abstract, no level mark."""
    page = _print(client, cast.exams_head, incident)
    for secret in (TOP, TOI, MAT, TOI_ABSTRACT, MAT_ABSTRACT, "TỐI MẬT", "TUYỆT MẬT"):
        assert secret not in page, secret
    for url in (
        reverse("safeguards:incident", args=[incident.pk]),
        reverse("safeguards:incidents"),
        f"/api/incidents/{incident.pk}/",
    ):
        body = client.get(url).content.decode()
        assert client.get(url).status_code == 200, url
        for secret in (TOP, TOI, MAT, TOI_ABSTRACT, MAT_ABSTRACT):
            assert secret not in body, (url, secret)


def test_the_head_queue_in_the_api_serves_the_report_as_the_head_may_see_it_S2_R40(client, cast, incident):
    """S2, R40: /api/incident-reports/awaiting/ gives the head the report without the TUYET_MAT record's number."""
    client.force_login(cast.director)
    body = client.get("/api/incident-reports/awaiting/").json()[0]["body"]
    assert TOI_ABSTRACT in body and TOP not in body


def test_a_colleague_s_staff_page_names_only_the_records_the_reader_may_see_S2_R39(client, cast, incident):
    """S2, R39: the exams head reads what the clerk still holds on the staff page and in the API, without the
    numbers of records he may not see; the director sees the TOI_MAT one, not the TUYET_MAT one."""
    client.force_login(cast.exams_head)
    page = client.get(reverse("safeguards:person", args=[cast.clerk.pk])).content.decode()
    api = client.get(f"/api/staff/{cast.clerk.pk}/").content.decode()
    for body in (page, api):
        assert "Đang quản lý BMNN" in body and "BMNN ngoài phạm vi được xem" in body
        assert TOP not in body and TOI not in body and MAT not in body
    client.force_login(cast.director)
    page = client.get(reverse("safeguards:person", args=[cast.clerk.pk])).content.decode()
    assert TOI in page and TOP not in page


def test_an_off_boarding_refusal_names_only_the_records_the_manager_may_see_S2_R39(cast, incident):
    """S2, R39: the director (TOI_MAT) cannot complete the clerk's off-boarding; the refusal lists what she holds,
    the TOI_MAT record by its number, the TUYET_MAT one without it."""
    from bmnn.core.errors import DomainError
    from bmnn.safeguards.services.staff import offboarding_complete_check, offboarding_start

    offboarding_start(actor=cast.director, person=cast.clerk, reason="Chuyển công tác")
    with pytest.raises(DomainError) as refused:
        offboarding_complete_check(cast.director, cast.clerk)
    assert TOI in refused.value.message and "BMNN ngoài phạm vi được xem" in refused.value.message
    assert TOP not in refused.value.message and refused.value.rule == "R39"


def test_a_scan_finding_s_path_is_shown_only_to_a_reader_cleared_for_its_level_S2_P3(client, cast):
    """S2, P3: a TUYET_MAT file found on the department's PC: the director (TOI_MAT) manages the device and sees
    the finding, not its path nor its marks, on the device page, the device list and in the API; cleared
    TUYET_MAT, she sees them."""
    from bmnn.safeguards.models import Device, DeviceFinding, ScanImport

    path = r"C:\Van thu\140-QLCL-TCT de thi chinh thuc.docx"
    device = Device.objects.create(
        unit=cast.department,
        kind="PC",
        name="Máy tính văn thư",
        connection="STANDALONE",
        registered_by=cast.clerk,
        registered_at=clock.now(),
    )
    scan = ScanImport.objects.create(
        device=device,
        filename="ketqua.jsonl",
        imported_by=cast.clerk,
        imported_at=clock.now(),
        lines=1,
        secret_count=1,
        clean_count=0,
        error_count=0,
    )
    DeviceFinding.objects.create(
        scan=scan, device=device, unit=cast.department, path=path, level=Level.TUYET_MAT, marks=["TUYỆT MẬT"]
    )
    client.force_login(cast.director)
    urls = (reverse("safeguards:device", args=[device.pk]), reverse("safeguards:devices"), f"/api/devices/{device.pk}/")
    for url in urls:
        body = client.get(url).content.decode()
        assert "140-QLCL-TCT" not in body and "Tệp ngoài phạm vi được xem" in body, url
    cast.director.clearance = Level.TUYET_MAT
    cast.director.save()
    for url in urls:
        assert "140-QLCL-TCT" in client.get(url).content.decode(), url
