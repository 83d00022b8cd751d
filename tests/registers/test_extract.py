"""A register printed by someone not cleared for every entry is an extract, and says so (R20, R21, S2).

The issue reproduced: a clerk cleared TOI_MAT printed 7 rows under a cover saying numbers 1–9, so the cover
betrayed two TUYET_MAT entries. Only someone who may see every entry prints the book with its cover range.
"""

from __future__ import annotations

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.registry.services import incoming_receive
from tests.documents.readers import docx_text, pdf_text, xlsx_sheets
from tests.helpers import at, clear_for_tuyet_mat


def _incoming_year(cast) -> None:
    """Numbers 1–3 of the incoming register: MAT, TUYET_MAT, TOI_MAT."""
    clear_for_tuyet_mat(cast.clerk)
    with clock.frozen_at(at(2026, 3, 2)):
        for number, level in (
            ("11/BGDĐT-VP", Level.MAT),
            ("12/UBND-NC", Level.TUYET_MAT),
            ("13/BGDĐT-KTKĐ", Level.TOI_MAT),
        ):
            incoming_receive(
                actor=cast.clerk,
                sender="Bộ Giáo dục và Đào tạo",
                doc_number=number,
                level=level,
                doc_type="Công văn",
                abstract="" if level == Level.TUYET_MAT else "Hướng dẫn",
            )


def _everything(client) -> dict[str, str]:
    """The register on the page, in the API and in the three files, as text."""
    out = {
        "page": client.get("/so-sach/so-den/2026/").content.decode(),
        "api": client.get("/api/registers/so-den/2026/").content.decode(),
    }
    out["pdf"] = pdf_text(client.get("/so-sach/so-den/2026/tai-ve.pdf").getvalue())
    out["docx"] = docx_text(client.get("/so-sach/so-den/2026/tai-ve.docx").getvalue())
    out["xlsx"] = " ".join(
        str(cell)
        for rows in xlsx_sheets(client.get("/so-sach/so-den/2026/tai-ve.xlsx").getvalue()).values()
        for row in rows
        for cell in row
        if cell is not None
    )
    out["index"] = client.get("/so-sach/?nam=2026").content.decode()
    return out


def test_a_clerk_not_cleared_for_every_entry_prints_an_extract_without_cover_range_R20_S2(client, cast):
    """R20, S2: cleared TOI_MAT, the clerk gets an extract (trích sổ) of two rows, with no "from number, to number",
    no volume range on the register page, on the page, in the API and in PDF, DOCX and XLSX."""
    _incoming_year(cast)
    cast.clerk.clearance = Level.TOI_MAT
    cast.clerk.save()
    client.force_login(cast.clerk)
    with clock.frozen_at(at(2026, 3, 5)):
        seen = _everything(client)
    for where, text in seen.items():
        assert "UBND-NC" not in text and "12/UBND" not in text, where
        assert "Từ số" not in text and "đến số 03" not in text and "01–03" not in text, where
    for where in ("page", "pdf", "docx", "xlsx"):
        assert "Trích sổ" in seen[where] or "TRÍCH SỔ" in seen[where], where
        assert "KTKĐ" in seen[where], where  # the TOI_MAT row (a PDF cell may wrap the number)
    assert '"extract":true' in seen["api"]


def test_a_clerk_cleared_for_every_entry_prints_the_book_with_its_cover_R20(client, cast):
    """R20: cleared TUYET_MAT, the clerk prints the book: numbers 01 to 03, volume 1, no word of an extract."""
    _incoming_year(cast)
    client.force_login(cast.clerk)
    with clock.frozen_at(at(2026, 3, 5)):
        seen = _everything(client)
    for where in ("page", "pdf", "docx", "xlsx"):
        assert "Từ số 01 đến số 03" in seen[where] and "Trích sổ" not in seen[where], where
    assert "số 01–03" in seen["index"] and '"extract":false' in seen["api"]


def test_a_filtered_print_is_an_extract_even_for_the_cleared_clerk_R20(client, cast):
    """R20: a print filtered by level is not the book either: "Trích sổ", the filter in words, no number range."""
    _incoming_year(cast)
    client.force_login(cast.clerk)
    with clock.frozen_at(at(2026, 3, 5)):
        page = client.get("/so-sach/so-den/2026/?do_mat=MAT").content.decode()
    assert "Trích sổ" in page and "Từ số" not in page and "11/BGDĐT-VP" in page and "13/BGDĐT-KTKĐ" not in page
