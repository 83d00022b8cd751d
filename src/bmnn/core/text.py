"""Vietnamese text folding for diacritics-insensitive search, and the type of a message a person reads."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.utils.functional import Promise

# A message: an English id through gettext (lazy or not), read in Vietnamese from the catalogue.
if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Message
else:
    Message = str | Promise

_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics: "Tiêu hủy Đề" -> "tieu huy de"."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


# Research notes that must never reach a user or paper: confidence tags, "unverified source" remarks and rule ids
# (data loaded before they were taken out is cleaned by the programme, registers and reports migrations).
_NOTES = re.compile(
    r"\s*\[(?:C\?|C|O|U|D|I)\]"
    r"|\s*\((?:theo nguồn thứ ba, chưa xác minh|cột chưa tìm thấy bản chính thức, suy ra theo LAW-BRIEF §6\.3"
    r"|Nghị định 63/2026 có thể sửa đổi)\)"
    r"|\s*\((?:RULES\.md )?[RPS]\d+\)"
    r"|; cột (?:[\d–-]+ )?suy ra(?=\))"
    r"|, theo nguồn thứ ba(?=\))"
    r"|\s*\(cột [^()]*chưa tìm thấy bản chính thức[^()]*\)"
    r"| Căn cứ pháp lý ghi kèm tình trạng nguồn:.*$"
)


def without_notes(text: str) -> str:
    """``text`` without research notes: "Điều 10 [C?]" -> "Điều 10"."""
    return _NOTES.sub("", text or "")
