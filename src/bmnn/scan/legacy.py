"""Decode Vietnamese text typed in the legacy 8-bit font encodings TCVN3 (ABC) and VNI.

Documents typed before Unicode use fonts such as ".VnTime" (TCVN3) or "VNI-Times" (VNI): the
file stores Latin-1 letters that those fonts draw as Vietnamese ones, so "MẬT" is stored as
"MËT" (TCVN3) or "MAÄT" (VNI). These functions turn such text back into Unicode so that the
mark detector can read it. They are applied only to text that looks legacy-encoded.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["decode_tcvn3", "decode_vni", "looks_legacy"]

# TCVN 5712:1993 "ABC" (VN3) byte -> letter. The uppercase fonts (.VnTimeH) draw the same
# codes as capitals, so only the lowercase accented letters and seven capitals have codes.
_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_TABLE = str.maketrans({chr(code): letter for code, letter in _TCVN3.items()})

# VNI types a base letter followed by a diacritic character; these are the diacritics as
# combining marks (lowercase and uppercase forms of the same byte).
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MODIFIERS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_MODIFIERS.update({key.upper(): value for key, value in list(_VNI_MODIFIERS.items())})
# Letters VNI codes on their own.
_VNI_SINGLES = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip
_VNI_BASES = "aeiouyAEIOUYôöÔÖ"
_VNI_PAIR = re.compile("([" + _VNI_BASES + "])([" + "".join(_VNI_MODIFIERS) + "])")
_VNI_SINGLE = re.compile("[" + "".join(_VNI_SINGLES) + "]")

# Letters only Unicode Vietnamese has: their presence means the text is not legacy-encoded.
_UNICODE_VIETNAMESE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0323]"
)
_HIGH_LATIN1 = re.compile("[\u00a1-\u00ff]")


def looks_legacy(text: str) -> bool:
    """Return True when the text may be TCVN3 or VNI: Latin-1 letters and no Unicode Vietnamese."""
    return _HIGH_LATIN1.search(text) is not None and _UNICODE_VIETNAMESE.search(text) is None


def decode_tcvn3(text: str) -> str:
    """Return the Unicode reading of text typed in a TCVN3 (ABC) font."""
    return text.translate(_TCVN3_TABLE)


def decode_vni(text: str) -> str:
    """Return the Unicode reading of text typed in a VNI font."""
    # Singles first: "ô"/"ö" become ơ/ư, which then take their tone from the next character.
    text = _VNI_PAIR.sub(lambda m: m.group(1) + "\x00" + m.group(2), text)
    parts = text.split("\x00")
    out = [_VNI_SINGLE.sub(lambda m: _VNI_SINGLES[m.group(0)], parts[0])]
    for part in parts[1:]:
        modifier, rest = part[0], part[1:]
        out.append(_VNI_MODIFIERS[modifier] + _VNI_SINGLE.sub(lambda m: _VNI_SINGLES[m.group(0)], rest))
    return unicodedata.normalize("NFC", "".join(out))
