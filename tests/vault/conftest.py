"""A TOI_MAT exam paper kept by the clerk, and a PDF carrying a marker string in clear in its bytes."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from bmnn.documents.fonts import serif_fonts
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from bmnn.vault import services
from bmnn.vault.models import StoredFile
from tests.conftest import Cast, outgoing_kwargs

MARKER = b"DE-THI-TOAN-CHINH-THUC-7Q2X9"


def secret_pdf(pages: int = 2, padding: int = 0, stamp: str | None = "TỐI MẬT") -> bytes:
    """A PDF whose bytes hold MARKER in clear (uncompressed text, an uncompressed attachment of ``padding`` bytes).

    ``stamp`` is the secrecy mark standing alone at the top of the first page (the exam paper's level), or none.
    """
    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_font("serif", "", str(serif_fonts()[""]))
    pdf.set_font("serif", size=14)
    for n in range(1, pages + 1):
        pdf.add_page()
        if n == 1 and stamp:
            pdf.cell(0, 10, stamp, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 10, f"Trang {n}: đề thi chính thức", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=12)  # a core font: its text stands in the page stream as is
        pdf.cell(0, 10, MARKER.decode())
        pdf.set_font("serif", size=14)
    if padding:
        pdf.embed_file(bytes=(MARKER + b" ") * (padding // (len(MARKER) + 1)), basename="phu-luc.txt", compress=False)
    data = bytes(pdf.output())
    assert MARKER in data  # the checks below mean something only if the plaintext holds the marker
    return data


@pytest.fixture
def exam_paper(cast: Cast) -> Carrier:
    """A TOI_MAT exam paper kept by the clerk; copying permitted."""
    return outgoing_register(
        **outgoing_kwargs(
            cast,
            item_ids=[cast.exam_paper_item.pk],
            copy_permitted=True,
            doc_type="Đề thi",
            abstract="Đề thi chính thức môn Toán",
        )
    )


def store(cast: Cast, carrier: Carrier, data: bytes | None = None) -> StoredFile:
    return services.file_store(
        actor=cast.clerk,
        carrier=carrier,
        upload=SimpleUploadedFile("de-thi.pdf", data or secret_pdf(), "application/pdf"),
    )


@pytest.fixture
def stored(cast: Cast, exam_paper: Carrier) -> StoredFile:
    return store(cast, exam_paper)


def every_byte_under(path: Any) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file())


def png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(data)).size
