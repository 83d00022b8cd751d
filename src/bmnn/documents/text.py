"""Vietnamese administrative wording shared by every renderer (Decree 30/2020, Appendix I)."""

from __future__ import annotations

import datetime as dt
import unicodedata

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SUBMOTTO = "Độc lập - Tự do - Hạnh phúc"

# Level codes (bmnn.core.levels.Level values) and their stamp text (R1, R43).
LEVEL_STAMP = {"TUYET_MAT": "TUYỆT MẬT", "TOI_MAT": "TỐI MẬT", "MAT": "MẬT"}
LEVEL_LABEL = {"TUYET_MAT": "Tuyệt mật", "TOI_MAT": "Tối mật", "MAT": "Mật"}
URGENCY_STAMP = {"HOA_TOC": "HỎA TỐC", "THUONG_KHAN": "THƯỢNG KHẨN", "KHAN": "KHẨN"}


def nfc(text: object) -> str:
    """Return ``text`` as an NFC string (precomposed Vietnamese letters render with any TTF)."""
    return unicodedata.normalize("NFC", "" if text is None else str(text))


def stamp_text(level: str | None) -> str:
    """Return the stamp text for a level code ("TOI_MAT" -> "TỐI MẬT"); text already in words passes through."""
    if not level:
        return ""
    return LEVEL_STAMP.get(level, nfc(level).upper())


def level_label(level: str | None) -> str:
    """Return "Tối mật" for "TOI_MAT"; unknown values pass through."""
    return LEVEL_LABEL.get(level or "", nfc(level))


def vn_date(day: dt.date | None) -> str:
    """Return "ngày 05 tháng 01 năm 2026" (day padded; month padded only for 1 and 2), or a blank to fill in."""
    if day is None:
        return "ngày ..... tháng ..... năm ........"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date(place: str, day: dt.date | None) -> str:
    """Return "Quảng Ninh, ngày 05 tháng 01 năm 2026" (Decree 30, Appendix I §II.4)."""
    return f"{nfc(place)}, {vn_date(day)}" if place else vn_date(day).capitalize()


def short_date(day: dt.date | dt.datetime | None) -> str:
    """Return "05/01/2026", or an empty string."""
    return f"{day:%d/%m/%Y}" if day else ""


def number_line(number: str) -> str:
    """Return "Số: 05/KH-SGDĐT"; numbers below 10 take a leading zero; empty gives a blank to fill in."""
    number = nfc(number).strip()
    if not number:
        return "Số:        /"
    head, sep, tail = number.partition("/")
    if head.isdigit() and len(head) == 1:
        head = f"0{head}"
    return f"Số: {head}{sep}{tail}"
