"""Turn a selection's entries and its layout into the renderer's RegisterBook (R18, R20, R21)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bmnn.core import clock
from bmnn.documents.registers import Column, Cover, RegisterBook
from bmnn.org.models import Person

from .choices import Field, RegisterKind
from .models import RegisterLayout
from .selectors import Entry, Selection, book_is_whole, layout_for, register_entries, volumes

CENTRED = {Field.SEQ, Field.REG_NUMBER, Field.COPIES, Field.SPOILED}


def build_book(person: Person, sel: Selection) -> tuple[RegisterBook, RegisterLayout, list[Entry]]:
    """The book as printed: the layout in force for its year, the visible entries, the cover of the volume."""
    layout = layout_for(sel.kind, sel.year)
    columns = list(layout.columns.all())
    entries = register_entries(person, sel)
    rows = [[e.cells.get(col.field, "") for col in columns] for e in entries]
    book = RegisterBook(
        cover=_cover(sel, layout, entries, whole=book_is_whole(person, sel, entries)),
        columns=[
            Column(
                col.heading,
                float(col.width),
                red=col.field in (Field.LEVEL, Field.LEVEL_LETTER),
                centre=col.field in CENTRED or col.field.startswith(("in_", "out_")),
            )
            for col in columns
        ],
        rows=rows,
        landscape=layout.landscape,
        printed_on=clock.today(),
        total_row=sel.kind == RegisterKind.STATISTICS,
    )
    return book, layout, entries


EXTRACT = (
    "Trích sổ: chỉ gồm các mục người in được tiếp cận hoặc đã chọn theo bộ lọc, "
    "không phải toàn bộ sổ; không ghi từ số, đến số và quyển số."
)


def _cover(sel: Selection, layout: RegisterLayout, entries: list[Entry], *, whole: bool) -> Cover:
    """R20: superior body, agency, year opened, first and last date, first and last number, volume number.

    S2: a print that is not the whole book (a filter, or entries the person may not see) is an extract: its
    title says "Trích", its cover says why and gives no range of dates or numbers and no volume, so the rows
    left out cannot be counted from the cover.
    """
    if not whole:
        superior = sel.agency.parent.name if sel.agency.parent is not None else ""
        return Cover(
            agency=sel.agency.name,
            superior=superior,
            title=_("Extract of the {register}").format(register=f"{layout.title[:1].lower()}{layout.title[1:]}"),
            year=sel.year,
            notes=[n for n in layout.cover_notes.splitlines() if n.strip()],
            legal_basis=layout.legal_basis,
            selection=sel.describe(),
            numbers=sel.kind != RegisterKind.STATISTICS,
            extract=EXTRACT,
        )
    agency = sel.agency
    numbered = [e for e in entries if e.number is not None]
    days = [e.day for e in entries if e.day is not None]
    volume: int | str | None = sel.volume
    if volume is None and not sel.filtered and sel.kind != RegisterKind.STATISTICS:
        vols = volumes(agency, sel.kind, sel.year)
        volume = vols[0].number if len(vols) == 1 else ", ".join(str(v.number) for v in vols)
    superior = agency.parent.name if agency.parent is not None else ""
    return Cover(
        agency=agency.name,
        superior=superior,
        title=layout.title,
        year=sel.year,
        first_date=min(days) if days else None,
        last_date=max(days) if days else None,
        first_number=numbered[0].number if numbered else None,
        last_number=numbered[-1].number if numbered else None,
        volume=volume,
        notes=[n for n in layout.cover_notes.splitlines() if n.strip()],
        legal_basis=layout.legal_basis,
        selection=sel.describe(),
        numbers=sel.kind != RegisterKind.STATISTICS,
    )
