"""Demo data for `bmnn demo`: an open loss incident, commitments (one missing), a training, devices.

Everything goes through the services at fixed moments, so the audit chain is real.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.documents.samples import text_pdf
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import Direction, IncidentKind, Status
from bmnn.registry.models import Carrier

from .choices import CommitmentKind, Connection, DeviceKind, DeviceOrigin, InspectionResult
from .services import devices, incidents, scans, staff

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
POLICE_TEAM = "Phòng An ninh chính trị nội bộ, Công an tỉnh"
# P4: whoever holds secrets in the demo signed before their first custody; "truongphongtccb" has not signed
# (and holds nothing): the dashboard shows one person without a commitment.
SIGNED = [
    "giamdoc",
    "vanthu",
    "truongkhaothi",
    "chuyenvienkhaothi",
    "canbomat",
    "thanhtra",
    "vanthuphong",
    "vanthutruong",
]


def _at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=TZ)


def load(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    _staff(orgs, people)
    _devices(orgs, people)
    _incident(orgs, people)


def sign_commitments(people: dict[str, Person]) -> None:
    """The appointment commitments, signed the day after the designation and before any custody (P4, R38)."""
    clerk = people["vanthu"]
    with clock.frozen_at(_at(2025, 1, 8)):
        for username in SIGNED:
            scan = ContentFile(text_pdf(f"Bản cam kết bảo vệ BMNN đã ký – {username}"), name=f"cam-ket-{username}.pdf")
            staff.commitment_record(
                actor=clerk,
                person=people[username],
                kind=CommitmentKind.APPOINTMENT,
                signed_on=dt.date(2025, 1, 7),
                scan=scan,
            )


def _staff(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    clerk = people["vanthu"]
    with clock.frozen_at(_at(2026, 3, 16)):
        staff.training_record(
            actor=clerk,
            unit=orgs["dept"],
            title=_("Dissemination of the 2025 Law on Protection of State Secrets and Directive 32/CT-TTg"),
            held_on=dt.date(2026, 3, 15),
            trainer=POLICE_TEAM,
            place="Hội trường Sở GDĐT",
            attendees=[
                people[u]
                for u in (
                    "vanthu",
                    "truongkhaothi",
                    "chuyenvienkhaothi",
                    "canbomat",
                    "truongphongtccb",
                    "thanhtra",
                    "phogiamdoc",
                )
            ],
        )


def _devices(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    clerk = people["vanthu"]
    with clock.frozen_at(_at(2026, 1, 12)):
        pc = devices.device_register(
            actor=clerk,
            unit=orgs["office"],
            kind=DeviceKind.COMPUTER,
            name="Máy tính Dell OptiPlex 7090 (soạn thảo BMNN)",
            serial="DL7090-VT01",
            location="Phòng văn thư – khu vực soạn thảo BMNN",
            connection=Connection.STANDALONE,
        )
        usb = devices.device_register(
            actor=clerk,
            unit=orgs["office"],
            kind=DeviceKind.REMOVABLE,
            name="USB Kingston 32GB chuyên dùng",
            serial="USB-BMNN-01",
            location="Tủ sắt số 1",
            connection=Connection.STANDALONE,
        )
        copier = devices.device_register(
            actor=clerk,
            unit=orgs["office"],
            kind=DeviceKind.COPIER,
            name="Máy photocopy Ricoh MP 3555",
            serial="RC3555-02",
            location="Phòng văn thư",
            connection=Connection.LAN,
            origin=DeviceOrigin.SPONSORED,
            origin_note="Công ty CP Thiết bị giáo dục Hòa Bình tài trợ năm 2025",
        )
        office_pc = devices.device_register(
            actor=clerk,
            unit=orgs["exams"],
            kind=DeviceKind.COMPUTER,
            name="Máy tính HP ProDesk (văn phòng)",
            serial="HP400-KT03",
            location="Phòng Khảo thí",
            connection=Connection.INTERNET,
        )
        devices.device_register(
            actor=clerk,
            unit=orgs["exams"],
            kind=DeviceKind.COMPUTER,
            name="Máy tính xách tay Lenovo ThinkPad (được tặng)",
            serial="LN-T14-07",
            location="Trưởng phòng Khảo thí",
            connection=Connection.INTERNET,
            origin=DeviceOrigin.GIFT,
            origin_note="Dự án hỗ trợ giáo dục tặng tháng 12/2025",
        )
    with clock.frozen_at(_at(2026, 1, 20)):
        for device in (pc, usb, copier, office_pc):
            devices.device_inspect(
                actor=clerk,
                device=device,
                inspected_on=dt.date(2026, 1, 20),
                inspector=POLICE_TEAM,
                result=InspectionResult.PASSED,
                note="Không phát hiện thiết bị, phần mềm thu tin.",
            )
        devices.device_set_secret_use(actor=clerk, device=pc, used=True)
        devices.device_set_secret_use(actor=clerk, device=usb, used=True)
    with clock.frozen_at(_at(2026, 10, 5, 15)):
        rows = [
            {
                "path": "C:/Users/khaothi/Documents/Phuong an van chuyen de thi 2026.docx",
                "verdict": "secret",
                "level": Level.MAT,
                "marks": [{"kind": "level", "level": Level.MAT, "text": "MẬT", "location": "trang 1"}],
                "error": None,
            },
            {
                "path": "C:/Users/khaothi/Documents/Lich cong tac tuan.xlsx",
                "verdict": "clean",
                "level": None,
                "marks": [],
                "error": None,
            },
            {
                "path": "C:/Users/khaothi/Downloads/tai-lieu-tap-huan.pdf",
                "verdict": "clean",
                "level": None,
                "marks": [],
                "error": None,
            },
        ]
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
        scans.scan_import(actor=clerk, device=office_pc, filename="quet-may-khao-thi-2026-10.jsonl", data=data)


def _incident(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    # A document received from the ministry, so the notice goes to the agency that classified it (R40).
    lost = (
        Carrier.objects.filter(
            agency=orgs["dept"],
            level=Level.MAT,
            status=Status.IN_STORAGE,
            direction=Direction.INCOMING,
            original__isnull=True,
        )
        .exclude(issuing_body="")
        .order_by("pk")
        .first()
        or Carrier.objects.filter(agency=orgs["dept"], level=Level.MAT, status=Status.IN_STORAGE).order_by("pk").first()
    )
    if lost is None:
        return
    with clock.frozen_at(_at(2026, 10, 20, 16)):
        incident = incidents.incident_record(
            actor=people["truongkhaothi"],
            unit=orgs["exams"],
            kind=IncidentKind.LOSS,
            carriers=[lost],
            found_by=people["chuyenvienkhaothi"],
            found_at=_at(2026, 10, 20, 14),
            description="Sau cuộc họp tại Trường THPT Nguyễn Trãi, cán bộ phát hiện thiếu một bản tài liệu "
            "trong cặp tài liệu mang theo.",
            measures="Rà soát lại đường đi và phòng họp; báo cáo Giám đốc Sở; đề nghị nhà trường phối hợp tìm kiếm.",
        )
    with clock.frozen_at(_at(2026, 10, 21, 9)):
        incidents.incident_notify_agency(
            actor=people["vanthu"],
            incident=incident,
            notice=f"Công văn số 1021/SGDĐT-VP ngày 21/10/2026 thông báo {lost.issuing_body} về việc mất tài liệu.",
        )
        incidents.remedy_add(
            actor=people["giamdoc"],
            incident=incident,
            action="Kiểm điểm trách nhiệm; ban hành quy định mang tài liệu mật đi họp",
            owner=people["truongkhaothi"],
            due_on=dt.date(2026, 12, 15),
        )
