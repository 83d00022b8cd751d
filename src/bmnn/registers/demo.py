"""Demo data for the registers and forms: every register and form of `bmnn demo` has something to print.

Called by `bmnn demo` (RegistersConfig.load_demo) after the registry demo. Everything goes through the
services at dates in 2025 and 2026: the 2025 outgoing and incoming volumes are closed at the year end (R20),
copies are made (copy register, copy marks, R16), a destruction council destroys an item (R36), a
declassification council declassifies one (R11, notices), an object gets its Form 01 (R4), and a take-out
and a provision request are filed (R32, R33).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bmnn.approvals.services import request_decide
from bmnn.catalog.models import SecretListItem
from bmnn.core import clock
from bmnn.lifecycle.models import Council, CouncilPurpose, RecipientKind
from bmnn.lifecycle.services.copying import copy_make, copy_request
from bmnn.lifecycle.services.councils import council_decide, council_minutes, council_set_up, destruction_record
from bmnn.lifecycle.services.provision import provision_request
from bmnn.lifecycle.services.takeout import takeout_request
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import CarrierKind, CopyForm
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register

from .choices import RegisterKind
from .services import volume_close

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=TZ)


def _record(agency: Organisation, year: int, number: int, outgoing: bool = True) -> Carrier:
    direction = "OUTGOING" if outgoing else "INCOMING"
    return Carrier.objects.get(
        agency=agency, direction=direction, reg_year=year, reg_number=number, original__isnull=True
    )


def load(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    """Add the demo's volumes, copies, councils, an object and requests (idempotence is the caller's)."""
    dept = orgs["dept"]
    clerk, head = people["vanthu"], people["giamdoc"]
    with clock.frozen_at(_at(2025, 12, 31, 17)):  # R20: the 2025 books are closed at the year end
        for kind in (RegisterKind.OUTGOING, RegisterKind.INCOMING):
            volume_close(actor=clerk, agency=dept, kind=kind, year=2025)
    _copies(people, _record(dept, 2026, 1), _at(2026, 4, 13))  # the authority table runs from 1/3/2026
    _copies(people, _record(dept, 2026, 10), _at(2026, 9, 20))
    _destruction(people, _record(dept, 2025, 5, outgoing=False))
    _declassification(people, _record(dept, 2025, 6))
    with clock.frozen_at(_at(2026, 10, 5)):  # R4: Form 01 for an object
        outgoing_register(
            actor=clerk,
            kind=CarrierKind.OBJECT,
            item_ids=[_item("531/QĐ-TTg", "TOI_MAT", "1").pk],
            doc_type="Khuôn in đề thi",
            symbol="XĐ-SGDĐT",
            abstract="Bản kẽm in đề thi tuyển sinh lớp 10 môn Toán",
            drafter=people["truongkhaothi"],
            decision_maker=head,
            recipients="Lưu: VT, KT.",
            copies_issued=1,
            copy_permitted=False,
            custodian=clerk,
            storage_place="Két sắt phòng in sao đề thi",
            circulation_scope="Hội đồng in sao đề thi",
        )
    with clock.frozen_at(_at(2026, 11, 16)):  # R32, R33
        plan = _record(dept, 2026, 12)
        takeout_request(
            actor=people["truongkhaothi"],
            carrier=plan,
            purpose="Báo cáo tại Hội nghị giao ban Bộ GDĐT",
            place="Bộ Giáo dục và Đào tạo, Hà Nội",
            start=dt.date(2026, 12, 1),
            due=dt.date(2026, 12, 3),
            measures="Cặp có khóa, luôn mang theo người, hai cán bộ cùng đi",
        )
        provision_request(
            actor=people["truongkhaothi"],
            carrier=plan,
            recipient_kind=RecipientKind.ORGANISATION,
            recipient_name="Công an tỉnh Hòa Bình Xanh",
            fields={"representative": "Phan Văn Long, cán bộ Phòng An ninh chính trị nội bộ"},
            purpose="Phối hợp bảo vệ kỳ thi năm 2027",
            commitment="Bảo vệ bí mật nhà nước được cung cấp theo đúng quy định của pháp luật",
        )


def _item(decision: str, level: str, number: str) -> SecretListItem:
    return SecretListItem.objects.get(secret_list__decision_number=decision, level=level, number=number)


def _copies(people: dict[str, Person], original: Carrier, when: dt.datetime) -> None:
    """R16: a copy request, approved by the director, made by the clerk (numbered copies, copy register)."""
    with clock.frozen_at(when):
        request = copy_request(
            actor=people["truongkhaothi"],
            carrier=original,
            form=CopyForm.TRUE_COPY,
            count=3,
            recipients="Hội đồng thi; Các điểm thi",
            reasons="Phục vụ tổ chức kỳ thi",
        )
    with clock.frozen_at(when + dt.timedelta(hours=2)):
        request_decide(actor=people["giamdoc"], request=request, approve=True)
    with clock.frozen_at(when + dt.timedelta(hours=4)):
        copy_make(actor=people["vanthu"], request=request, made=3, spoiled=1)


def _council(
    people: dict[str, Person],
    purpose: str,
    carrier: Carrier,
    refs: tuple[str, str],
    days: tuple[dt.date, dt.date, dt.date],
    minutes: str,
) -> Council:
    """A council chaired by the deputy director: set up, minutes, the director's decision (R11, R36)."""
    members = [people["vanthu"], people["truongkhaothi"]]
    setup, met, decided = (_at(day.year, day.month, day.day) for day in days)
    with clock.frozen_at(setup):
        council = council_set_up(
            actor=people["vanthu"],
            purpose=purpose,
            carriers=[carrier],
            setup_decision_ref=refs[0],
            setup_date=clock.today(),
            chair=people["phogiamdoc"],
            members=members,
        )
    with clock.frozen_at(met):
        council_minutes(actor=people["phogiamdoc"], council=council, minutes=minutes)
    with clock.frozen_at(decided):
        return council_decide(actor=people["giamdoc"], council=council, decision_ref=refs[1])


def _destruction(people: dict[str, Person], carrier: Carrier) -> None:
    """R36: council, minutes, decision, then the destruction record signed by every member."""
    council = _council(
        people,
        CouncilPurpose.DESTROY,
        carrier,
        ("52/QĐ-SGDĐT", "55/QĐ-SGDĐT"),
        (dt.date(2026, 6, 8), dt.date(2026, 6, 10), dt.date(2026, 6, 11)),
        "Hướng dẫn tiêu hủy đề thi dự bị năm 2025 đã hết giá trị sử dụng; Hội đồng thống nhất đề nghị tiêu hủy.",
    )
    with clock.frozen_at(_at(2026, 6, 15)):
        destruction_record(
            actor=people["vanthu"],
            council=council,
            entries=[(carrier, "Nghiền nhỏ bằng máy hủy tài liệu", "Phạm Thị Lan; Hoàng Văn Đức")],
        )


def _declassification(people: dict[str, Person], carrier: Carrier) -> None:
    """R11: council, minutes, the director's decision; notices to every recorded recipient follow."""
    _council(
        people,
        CouncilPurpose.DECLASSIFY,
        carrier,
        ("18/QĐ-SGDĐT", "21/QĐ-SGDĐT"),
        (dt.date(2026, 3, 2), dt.date(2026, 3, 5), dt.date(2026, 3, 9)),
        "Kỳ thi tuyển sinh lớp 10 năm 2025 đã kết thúc; kế hoạch in sao không còn cần bảo vệ. Hội đồng thống "
        "nhất đề nghị giải mật toàn bộ.",
    )
