"""Demo data for the workflows that wait for a person: each shows once on someone's due page.

Called last by `bmnn demo`, after every app's own demo, so the records it registers take the next numbers of
2026 and shift nothing the other demos refer to. Everything goes through the services, in late November 2026:
information pending classification (R5), an emergency destruction the director has not acknowledged (R37),
an extension whose notices are owed (R7), a record whose list item was repealed, proposed to the director (R9,
R48), and a record taken abroad not yet handed to the delegation's head (R32). The receipt held for a count
mismatch in the registry demo has its notice to the sender still owed (R25).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from bmnn.approvals.services import request_decide
from bmnn.catalog.models import SecretList, SecretListItem
from bmnn.catalog.services import repeal_request_approve, repeal_request_submit
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.org.models import Person
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register

from .services.classification import classification_pending
from .services.councils import destroy_emergency
from .services.delisting import delisting_propose, records_to_propose
from .services.protection import extension_apply, extension_request
from .services.takeout import takeout_checkout, takeout_request

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EDUCATION_LIST = "531/QĐ-TTg"


def _at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=TZ)


def _item(level: str, number: str) -> SecretListItem:
    return SecretListItem.objects.get(secret_list__decision_number=EDUCATION_LIST, level=level, number=number)


def _register(people: dict[str, Person], item: SecretListItem, doc_type: str, abstract: str) -> Carrier:
    return outgoing_register(
        actor=people["vanthu"],
        item_ids=[item.pk],
        doc_type=doc_type,
        symbol="KH-SGDĐT",
        abstract=abstract,
        drafter=people["truongkhaothi"],
        decision_maker=people["giamdoc"],
        recipients="Phòng Khảo thí và QLCLGD;\nLưu: VT, KT.",
        copies_issued=2,
        copy_permitted=False,
        custodian=people["vanthu"],
        storage_place="Tủ sắt số 1, phòng văn thư Sở",
    )


def load(people: dict[str, Person]) -> None:
    """Add one waiting item of each workflow (idempotence is the caller's)."""
    logistics = _item(Level.MAT, "2")
    with clock.frozen_at(_at(11, 20)):
        delisted = _repealable_record(people)
        extended = _register(people, logistics, "Kế hoạch", "Kế hoạch bảo vệ đề thi thử nghiệm đánh giá năng lực")
        destroyed = _register(people, logistics, "Danh sách", "Danh sách cán bộ áp tải đề thi dự phòng năm 2026")
        abroad = _register(people, logistics, "Báo cáo", "Báo cáo kinh nghiệm tổ chức thi đánh giá quốc tế PISA")
    _extension(people, extended)
    _repeal(people, delisted)
    _abroad(people, abroad)
    with clock.frozen_at(_at(11, 27, 16)):  # R37: destroyed at once, the report waits for the director
        destroy_emergency(
            actor=people["vanthu"],
            carrier=destroyed,
            reason="Nước tràn vào kho lưu trữ do mưa lũ",
            method="Đốt tại chỗ có hai người chứng kiến",
            report="Báo cáo Giám đốc: đã tiêu hủy khẩn cấp danh sách cán bộ áp tải để không bị lộ.",
        )
    with clock.frozen_at(_at(11, 28, 10)):  # R5: protected at the item's level until the head decides
        classification_pending(
            actor=people["vanthu"],
            sender="Trường THPT Nguyễn Trãi",
            doc_number="15/THPT-NT",
            doc_type="Công văn",
            abstract="Đề xuất phương án bảo quản đề thi tại điểm thi (chưa đóng dấu mật)",
            item_ids=[_item(Level.TOI_MAT, "1").pk],
            handler=people["truongkhaothi"],
            storage_place="Tủ sắt số 2, phòng văn thư Sở",
        )


def _repealable_record(people: dict[str, Person]) -> Carrier:
    """A sample item of the education list, cited by one record (the item is repealed below)."""
    item, _ = SecretListItem.objects.get_or_create(
        secret_list=SecretList.objects.get(decision_number=EDUCATION_LIST),
        level=Level.MAT,
        number="3",
        defaults={"text": "Kế hoạch tổ chức kỳ thi nghề phổ thông (mục mẫu của dữ liệu minh họa)"},
    )
    return _register(people, item, "Kế hoạch", "Kế hoạch tổ chức thi nghề phổ thông năm 2026")


def _extension(people: dict[str, Person], carrier: Carrier) -> None:
    """R7: requested by the division, decided by the director in person, applied by the clerk: notices owed."""
    until: Any = carrier.protection_until
    with clock.frozen_at(_at(11, 23)):
        request = extension_request(
            actor=people["truongkhaothi"],
            carrier=carrier,
            new_until=until.replace(year=until.year + 5),
            reasons="Kế hoạch còn áp dụng cho các kỳ thi đến năm 2040",
        )
    with clock.frozen_at(_at(11, 24)):
        request_decide(actor=people["giamdoc"], request=request, approve=True)
        extension_apply(actor=people["vanthu"], request=request)


def _repeal(people: dict[str, Person], carrier: Carrier) -> None:
    """R48: the administrator asks, the director decides the repeal; the record is proposed, not declassified."""
    admin = Person.objects.filter(is_superuser=True).first()
    item = carrier.items.get()
    if admin is None:
        return
    with clock.frozen_at(_at(11, 24, 10)):
        request = repeal_request_submit(
            actor=admin, secret_list=item.secret_list, item=item, reasons="Quyết định sửa đổi danh mục bỏ khoản này"
        )
    with clock.frozen_at(_at(11, 25, 10)):
        repeal_request_approve(actor=people["giamdoc"], request=request, reasons="Đồng ý ghi nhận")
    with clock.frozen_at(_at(11, 26, 6)):  # what `bmnn deadlines run` does that morning
        for record in records_to_propose().filter(pk=carrier.pk):
            delisting_propose(carrier=record)


def _abroad(people: dict[str, Person], carrier: Carrier) -> None:
    """R32: approved by the province's chairman, checked out by the clerk; the hand-over is still to record."""
    with clock.frozen_at(_at(11, 25, 14)):
        request = takeout_request(
            actor=people["truongkhaothi"],
            carrier=carrier,
            purpose="Trình bày tại hội thảo đánh giá học sinh quốc tế",
            place="Băng Cốc, Thái Lan",
            start=dt.date(2026, 11, 30),
            due=dt.date(2026, 12, 20),
            measures="Cặp có khóa, luôn mang theo người; giao trưởng đoàn quản lý",
            abroad=True,
        )
        request_decide(actor=people["chutich"], request=request, approve=True)
    with clock.frozen_at(_at(11, 30, 7)):
        takeout_checkout(actor=people["vanthu"], request=request)
