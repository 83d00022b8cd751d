"""The data a renderer takes: an administrative document made of blocks (plain dataclasses, no Django)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["L", "C", "R", "J"]


@dataclass
class Heading:
    """A heading line of the body, bold ("I. MỤC ĐÍCH, YÊU CẦU"); ``align="C"`` centres it."""

    text: str
    align: Align = "L"


@dataclass
class Paragraph:
    """A body paragraph, justified with a first-line indent of 1 cm unless told otherwise."""

    text: str
    bold: bool = False
    italic: bool = False
    align: Align = "J"
    indent: bool = True


@dataclass
class Table:
    """A bordered table: one header row, then rows of text cells.

    ``widths`` are relative column widths (any unit); ``red_columns`` are column indexes whose
    cells print in red (the level column, R43); ``size`` is the font size in points.
    """

    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None
    red_columns: tuple[int, ...] = ()
    size: float = 12
    numbered_header: bool = False  # add the "(1) (2) … (n)" row of the official forms


@dataclass
class Signer:
    """One signature place: authority line ("KT. GIÁM ĐỐC"), title, name (blank name = to fill in by hand)."""

    title: str
    name: str = ""
    authority: str = ""


@dataclass
class Signatures:
    """A grid of signature places, two per row: council members, both parties of a record."""

    signers: list[Signer]


@dataclass
class PageBreak:
    """Start the next block on a new page."""


Block = Heading | Paragraph | Table | Signatures | PageBreak


@dataclass
class AdminDocument:
    """An administrative document in the layout of Decree 30/2020 (Appendix I).

    ``secrecy`` is a level code ("TUYET_MAT", "TOI_MAT", "MAT") or its words; it prints as the red
    stamp in ô 10a under the number (Form 19 position, R43). ``kind`` is the type line ("KẾ HOẠCH");
    leave it empty for a công văn, whose ``title`` then prints as "V/v …" under the number.
    ``kinh_gui`` fills ô 9a. ``copy_number`` prints "Bản sao số …" at the top right of page 1.
    """

    agency: str
    title: str
    kind: str = ""
    superior: str = ""
    number: str | None = ""  # None: no "Số:" line (lists, minutes, commitments)
    place: str = ""
    date: dt.date | None = None
    body: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    secrecy: str | None = None
    copy_number: int | str | None = None
    urgency: str | None = None
    circulation: str = ""  # ô 11: "TÀI LIỆU THU HỒI", "XEM XONG TRẢ LẠI"
    kinh_gui: list[str] = field(default_factory=list)
    drafter_line: str = ""  # ô 12: "PL.(05b) – Không được sao, chụp" (R4)
    landscape: bool = False
    with_motto: bool = True
