"""Administrative documents (plans, reports, decisions, minutes, notices, requests) in the Decree 30/2020 layout.

    from bmnn.documents.administrative import AdminDocument, Heading, Paragraph, Table, render_docx, render_pdf
    doc = AdminDocument(superior="UBND TỈNH QUẢNG NINH", agency="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                        number="12/KH-SGDĐT", place="Quảng Ninh", date=day, kind="KẾ HOẠCH",
                        title="Bảo vệ bí mật nhà nước năm 2027", body=[Heading("I. MỤC ĐÍCH"), Paragraph("…")],
                        recipients=["Công an tỉnh", "Lưu: VT, VP"], signer_authority="KT. GIÁM ĐỐC",
                        signer_title="PHÓ GIÁM ĐỐC", signer_name="Nguyễn Văn A", secrecy="MAT")
    pdf_bytes, docx_bytes = render_pdf(doc), render_docx(doc)

Several documents go into one file (a dossier) with render_pdf_bundle / render_docx_bundle: each starts on a
new page and numbers its own pages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from . import _administrative_docx, _administrative_pdf
from ._docx import new_document
from ._pdf import Pdf
from .model import AdminDocument, Block, Heading, PageBreak, Paragraph, Signatures, Signer, Table

__all__ = [
    "AdminDocument",
    "Block",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Signatures",
    "Signer",
    "Table",
    "render_docx",
    "render_docx_bundle",
    "render_pdf",
    "render_pdf_bundle",
]


def render_pdf(doc: AdminDocument) -> bytes:
    """Return ``doc`` as PDF bytes (A4, Liberation Serif, secrecy stamp in red)."""
    return render_pdf_bundle([doc])


def render_pdf_bundle(docs: Sequence[AdminDocument], *, title: str = "") -> bytes:
    """Return several documents as one PDF; each starts on a new page with its own page numbers."""
    pdf = Pdf(landscape=bool(docs and docs[0].landscape))
    pdf.set_title(title or (docs[0].kind or docs[0].title if docs else ""))
    for doc in docs:
        _administrative_pdf.draw(pdf, doc)
    return bytes(pdf.output())


def render_docx(doc: AdminDocument) -> bytes:
    """Return ``doc`` as DOCX bytes (A4, Times New Roman)."""
    return render_docx_bundle([doc])


def render_docx_bundle(docs: Sequence[AdminDocument]) -> bytes:
    """Return several documents as one DOCX; each starts a new section with its own page numbers."""
    out = new_document()
    for i, doc in enumerate(docs):
        _administrative_docx.draw(out, doc, first=i == 0)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
