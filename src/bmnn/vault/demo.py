"""Demo data for `bmnn demo`: a Tối mật record of the department with its file encrypted in the vault.

The PDF is made here in memory and goes through the vault's service, so the ciphertext, the wrapped key
and the audit event are real.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from fpdf import FPDF

from bmnn.approvals.services import request_decide
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.documents.fonts import serif_fonts
from bmnn.lifecycle.services.copying import copy_request
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import CopyForm, Medium, Status
from bmnn.registry.models import Carrier

from . import keys
from .services import digitise, file_store

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PAGES = [
    (
        "PHƯƠNG ÁN BẢO VỆ ĐỀ THI",
        [
            "1. Đề thi được in, đóng gói tại khu vực cách ly, có camera giám sát 24/24 giờ.",
            "2. Người tham gia làm đề ký cam kết bảo vệ bí mật nhà nước trước khi vào khu vực.",
            "3. Bì đề thi niêm phong, đóng dấu độ mật, vận chuyển có công an đi cùng.",
        ],
    ),
    (
        "PHÂN CÔNG NHIỆM VỤ",
        [
            "Trưởng ban: Giám đốc Sở.",
            "Thường trực: Phòng Khảo thí và Quản lý chất lượng giáo dục.",
            "Bảo vệ vòng ngoài: Công an tỉnh.",
        ],
    ),
]


def demo_pdf(mark: str = "TỐI MẬT") -> bytes:
    fonts = serif_fonts()
    pdf = FPDF()
    pdf.add_font("serif", "", str(fonts[""]))
    pdf.add_font("serif", "B", str(fonts["B"]))
    for number, (title, lines) in enumerate(PAGES):
        pdf.add_page()
        if number == 0:  # the level mark the upload check reads, the level of the record it goes with (R4)
            pdf.set_font("serif", "B", 14)
            pdf.cell(0, 10, mark, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("serif", "B", 16)
        pdf.cell(0, 12, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("serif", "", 13)
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def load(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    records = Carrier.objects.filter(
        agency=orgs["dept"],
        level=Level.TOI_MAT,
        status=Status.IN_STORAGE,
        original__isnull=True,
        custodian=people["vanthu"],
    ).order_by("pk")
    carrier = records.first()
    if carrier is None:
        return
    try:
        keys.current_key()
    except keys.VaultKeyError as exc:  # demo data only: the rest of the demo loads, the vault stays empty
        logging.getLogger(__name__).warning(_("The demo data has no secret electronic files: %s"), exc.message)
        return
    upload = io.BytesIO(demo_pdf())
    upload.name = "phuong-an-bao-ve-de-thi.pdf"
    with clock.frozen_at(dt.datetime(2026, 11, 2, 9, 30, tzinfo=TZ)):
        file_store(actor=people["vanthu"], carrier=carrier, upload=upload)
    paper = records.filter(medium=Medium.PAPER, copy_permitted=True).exclude(pk=carrier.pk).first()
    if paper is not None:
        _digitise(people, paper)


def _digitise(people: dict[str, Person], paper: Carrier) -> None:
    """R17: a paper record digitised: the request, the director's approval, the scan stored as a numbered copy."""
    with clock.frozen_at(dt.datetime(2026, 11, 9, 8, 0, tzinfo=TZ)):
        request = copy_request(
            actor=people["vanthu"],
            carrier=paper,
            form=CopyForm.DIGITISE,
            count=1,
            recipients="Kho tài liệu điện tử mật của Sở",
            reasons="Số hóa để lưu trữ, tra cứu",
        )
    with clock.frozen_at(dt.datetime(2026, 11, 9, 10, 0, tzinfo=TZ)):
        request_decide(actor=people["giamdoc"], request=request, approve=True)
    scan = io.BytesIO(demo_pdf())
    scan.name = "ban-quet-so-hoa.pdf"
    with clock.frozen_at(dt.datetime(2026, 11, 9, 14, 0, tzinfo=TZ)):
        digitise(actor=people["vanthu"], request=request, upload=scan)
