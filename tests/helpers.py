"""Small helpers the registry, audit and API tests share: moments in time, a TUYET_MAT item, the state of the world."""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.management import call_command
from rest_framework.authtoken.models import Token

from bmnn.audit.models import AuditEvent
from bmnn.catalog.models import SecretListItem
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.org.models import Person
from bmnn.org.signins import SIGN_IN_ACTIONS
from bmnn.registry.models import Assignment, Carrier, Handover, Incident, RegisterSeries

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment given in the installation's time zone, returned in UTC (as the server clock gives it), for
    ``clock.frozen_at``: code reading a year or a date off it without converting to local time shows (R19)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN).astimezone(dt.UTC)


def tuyet_mat_item() -> SecretListItem:
    """A TUYET_MAT item, absent from the shipped education list, added for the tests."""
    other = SecretListItem.objects.get(level=Level.TOI_MAT, number="1")
    return SecretListItem.objects.create(
        secret_list=other.secret_list, level=Level.TUYET_MAT, number="1", text="Mục Tuyệt mật dùng cho thử nghiệm"
    )


def clear_for_tuyet_mat(*people: Person) -> None:
    """Raise these people's clearance to TUYET_MAT (nobody in the cast has it)."""
    for person in people:
        person.clearance = Level.TUYET_MAT
        person.save(update_fields=["clearance"])


def last_number(kind: str, agency: Any, year: int | None = None) -> int:
    """The last number taken in a register series this year, or in ``year`` (0 when none was ever taken)."""
    year = clock.today().year if year is None else year
    series = RegisterSeries.objects.filter(agency=agency, kind=kind, year=year).first()
    return series.last_number if series is not None else 0


def operation_events() -> Any:
    """The audit events of operations: without logins and token use, which happen before any operation runs."""
    return AuditEvent.objects.exclude(action__in=SIGN_IN_ACTIONS)


def world() -> dict[str, Any]:
    """Everything a refused operation must leave as it was: rows, numbers taken, audit events, states."""
    return {
        "carriers": list(
            Carrier.objects.order_by("pk").values_list("pk", "status", "level", "custodian", "reg_number", "abstract")
        ),
        "series": list(RegisterSeries.objects.order_by("pk").values_list("agency", "kind", "year", "last_number")),
        "handovers": list(Handover.objects.order_by("pk").values_list("pk", "status", "confirmed_by")),
        "incidents": Incident.objects.count(),
        "assignments": Assignment.objects.count(),
        "audit": list(operation_events().order_by("seq").values_list("seq", "action")),
    }


def command(name: str, username: str, *args: Any) -> str:
    """Run ``bmnn <name> --as <username> ...`` authenticated by that person's own API token; return its output."""
    person = Person.objects.get(username=username)
    token, _ = Token.objects.get_or_create(user=person)
    out = io.StringIO()
    with mock.patch.dict(os.environ, {"BMNN_TOKEN": token.key}):
        call_command(name, "--as", username, *args, stdout=out)
    return out.getvalue()


def docx_bytes(*paragraphs: str, media: dict[str, bytes] | None = None) -> bytes:
    """A minimal real DOCX (every upload is scanned, so it must be readable), one paragraph per argument; ``media``
    adds pictures under word/media/ (stored, as Word stores JPEGs)."""
    import zipfile
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                'content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" '
                'ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            ),
        )
        archive.writestr(
            "word/document.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
            ),
        )
        for name, data in (media or {}).items():
            archive.writestr(f"word/media/{name}", data, zipfile.ZIP_STORED)
    return buffer.getvalue()


def jpeg_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    """A small real JPEG photograph (plain grey: nothing to read on it)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 200, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def image_pdf(pages: int, text: str = "Báo cáo kết quả tự kiểm tra") -> bytes:
    """A scanned document: ``pages`` image-only pages of typed lines (read only by OCR)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    from bmnn.documents.fonts import serif_fonts

    font = ImageFont.truetype(str(serif_fonts()[""]), 28)
    pdf = FPDF()
    for page in range(1, pages + 1):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for line in range(1, 21):
            draw.text((100, 30 + 80 * line), f"{text}, trang {page}, dòng {line}", font=font, fill=0)
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        buffer.seek(0)
        pdf.add_page()
        pdf.image(buffer, x=0, y=0, w=210)
    return bytes(pdf.output())


def blank_png(size: tuple[int, int]) -> bytes:
    """A white PNG: a few hundred KB on the wire for a huge image (12000 × 12000 decodes to 144 MB)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", size, 255).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
