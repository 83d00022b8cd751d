"""The data of a register book, shared by its renderers and ``registers``: columns, cover, rows and the
running lines printed on every page (R20, R21). Data only: nothing here renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .text import nfc

__all__ = ["Column", "Cover", "RegisterBook", "cover_details", "cover_lines", "footer_line", "header_line"]


@dataclass
class Column:
    """One column: heading as printed, relative width, red text (the level column), centred (numbers)."""

    heading: str
    width: float = 1.0
    red: bool = False
    centre: bool = False  # numbers and counts are centred in their cells


@dataclass
class Cover:
    """The cover page of a volume (R20; TT24 Forms 14/15 cover notes (1)–(6))."""

    agency: str
    title: str
    year: int
    superior: str = ""
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    first_number: int | None = None
    last_number: int | None = None
    volume: int | str | None = None
    notes: list[str] = field(default_factory=list)  # the form's own notes, printed small under the frame
    legal_basis: str = ""
    selection: str = ""  # "Bản in theo bộ lọc: ..." when the print is not a whole volume
    secrecy: str | None = None  # the book's own mark, e.g. the highest level it contains
    numbers: bool = True  # False for a form without numbered entries (the yearly statistics)
    # An extract (trích sổ) says so, here in words, and prints no range of dates or numbers nor a volume:
    # only a whole book, printed by someone who may see every entry, has the cover of the book (R20, S2).
    extract: str = ""


@dataclass
class RegisterBook:
    cover: Cover
    columns: list[Column]
    rows: list[list[str]]
    landscape: bool = True
    printed_on: dt.date | None = None
    numbered_header: bool = True
    size: float = 11
    total_row: bool = False  # the last row is a total ("Cộng cả năm"), printed bold


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def header_line(book: RegisterBook) -> str:
    """The running title over the entry pages: "<title> năm <year> – Quyển số <n>"."""
    volume = None if book.cover.extract else book.cover.volume
    return nfc(
        f"{_sentence(book.cover.title)} năm {book.cover.year}"
        + (f" – Quyển số {volume}" if volume not in (None, "") else "")
    )


def footer_line(book: RegisterBook) -> str:
    printed = f"In ngày {book.printed_on:%d/%m/%Y}" if book.printed_on else ""
    return nfc(f"{_sentence(book.cover.title)} năm {book.cover.year}" + (f" – {printed}" if printed else ""))


def cover_lines(cover: Cover) -> list[str]:
    """The cover's lines in order (R20): superior body, agency, title, then cover_details()."""
    head = [cover.superior.upper(), cover.agency.upper(), cover.title.upper()]
    return [line for line in head if line] + cover_details(cover)


def cover_details(cover: Cover) -> list[str]:
    """Year opened, first and last date, first and last number, volume number, the filter if any (R20)."""

    def day(d: dt.date | None) -> str:
        return f"{d:%d/%m/%Y}" if d else "................"

    def num(n: int | None) -> str:
        return f"{n:02d}" if n is not None else "........"

    if cover.extract:
        return [f"Năm: {cover.year}", cover.extract] + ([cover.selection] if cover.selection else [])
    lines = [f"Năm: {cover.year}", f"Từ ngày {day(cover.first_date)} đến ngày {day(cover.last_date)}"]
    if cover.numbers:
        lines += [
            f"Từ số {num(cover.first_number)} đến số {num(cover.last_number)}",
            f"Quyển số: {cover.volume if cover.volume not in (None, '') else '....'}",
        ]
    if cover.selection:
        lines.append(cover.selection)
    return lines
