"""A byte-level first look: reject text with no candidate mark at memory speed, without decoding it.

Every level mark holds the letter "ậ" after an "m" (MẬT, TỐI MẬT, "Độ mật: Mật", GIẢI MẬT) and
the other marks hold Ố, Ồ, Ì or "bản số", "thu hồi", "bóc bì". This module looks for the bytes of
those letters in every form a text file may carry them:

* UTF-8, precomposed (NFC): "mậ", "Mậ", "Ậ" anywhere (capitals, letter-spaced "M Ậ T"), "ậ" after
  a separator (lower-case letter-spaced "m ậ t"), and Ố, Ồ, Ì, "n số", "o số", "hu hồ", "c bì";
* decomposed (NFD): any combining mark (U+0300-U+033F, lead byte 0xCC) sends the text to the full
  reading;
* TCVN3 and VNI spellings of "mật" ("mËt", "maät" and their capitals), as single bytes and as
  the UTF-8 of those Latin-1 letters.

Text without any of them cannot hold a level mark and is not decoded at all; text with one is
read in full by the line reader of :mod:`.text`, which decides. The search uses StringZilla's
SIMD substring search when it is installed (several GB/s per needle), else ``bytes.find``, on
slices of 256 KiB that stay in the processor's cache while every needle is looked for.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["candidate_lines", "may_hold_mark"]

_UTF8 = (
    b"m\xe1\xba\xad",  # mậ
    b"M\xe1\xba\xad",  # Mậ
    b" \xe1\xba\xad",  # m ậ t (letter-spaced, lower case)
    b"\xa0\xe1\xba\xad",  # the same with no-break spaces
    b"\xe1\xba\xac",  # Ậ
    b"\xe1\xbb\x90",  # Ố
    b"\xe1\xbb\x92",  # Ồ
    b"\xc3\x8c",  # Ì
    b"n s\xe1\xbb\x91",  # bản số
    b"o s\xe1\xbb\x91",  # sao số
    b"hu h\xe1\xbb\x93",  # thu hồi
    b"c b\xc3\xac",  # bóc bì
)
# TCVN3 writes the ậ of "mật" as byte 0xCB (Ë) or 0xEB (ë), VNI writes "maät" with 0xE4 (ä) or
# "MAÄT" with 0xC4 (Ä); stored as UTF-8 these are C3 8B, C3 AB, C3 A4, C3 84. None is a
# Vietnamese letter. 0xCB, 0xEB and 0xE4 are rare as single bytes in UTF-8 text (lead bytes of
# modifier letters, Hangul and CJK); 0xC4 is not (đ, ă, ĩ), so it is looked for with its context.
_LEGACY = (b"\xc3\x8b", b"\xc3\xab", b"\xc3\xa4", b"\xc3\x84", b"A\xc4T", b"A\xc4t", b"a\xc4t")
_SINGLE = b"\xcc\xcb\xeb\xe4"  # 0xCC: a combining mark (NFD text); the three legacy bytes above


NEEDLES = _UTF8 + _LEGACY
_SLICE = 1 << 18
_TAIL = 8  # the longest needle minus one: a needle across two slices is still found


def _finder() -> Callable[[bytes | memoryview, int, int], bool]:
    try:
        import stringzilla
    except ImportError:  # pragma: no cover - stringzilla is a dependency; bytes.find is the slower fallback
        stringzilla = None
    if stringzilla is not None:
        zilla = stringzilla.Str

        single = _SINGLE

        def found(data: bytes | memoryview, start: int, end: int) -> bool:
            view = zilla(data)[start:end]
            return view.find_first_of(single) >= 0 or any(view.find(needle) >= 0 for needle in NEEDLES)

        return found

    def found_plain(data: bytes | memoryview, start: int, end: int) -> bool:
        raw = data if isinstance(data, bytes) else bytes(data)
        return any(raw.find(needle, start, end) >= 0 for needle in NEEDLES + tuple(bytes([b]) for b in _SINGLE))

    return found_plain


_FOUND = _finder()


def may_hold_mark(data: bytes | memoryview) -> bool:
    """Return False when the bytes of a text cannot hold a mark (UTF-8, NFD, TCVN3 or VNI), True when they may."""
    size = len(data)
    if size == 0:
        return False
    if isinstance(data, bytes) and data.isascii():
        return False  # every mark needs a Vietnamese letter
    return any(_FOUND(data, start, min(size, start + _SLICE + _TAIL)) for start in range(0, size, _SLICE))


_LONG_LINE_BYTES = 640  # more than 160 characters whatever the encoding: a sentence unless it has segments


def candidate_lines(data: bytes, keep_long: bool = False) -> list[tuple[int, int]] | None:
    """Return the (start, end) byte spans of the lines holding a candidate, in order; None to read all.

    Only lines around a hit of the UTF-8 needles are kept; lines longer than 160 characters without
    a tab or a wide gap are dropped unless ``keep_long`` (CSV cells), since such a line is never a
    stamp. Text with decomposed or legacy letters is read in full (None).
    """
    try:
        import stringzilla
    except ImportError:  # pragma: no cover - a dependency
        return None
    view = stringzilla.Str(data)
    if view.find_first_of(_SINGLE) >= 0 or any(view.find(needle) >= 0 for needle in _LEGACY):
        return None
    spans: dict[int, int] = {}
    for needle in _UTF8:
        position = view.find(needle)
        while position >= 0:
            start = data.rfind(b"\n", 0, position) + 1
            end = data.find(b"\n", position)
            end = len(data) if end < 0 else end
            if start not in spans and (
                keep_long
                or end - start <= _LONG_LINE_BYTES
                or data.find(b"\t", start, end) >= 0
                or data.find(b"   ", start, end) >= 0
            ):
                spans[start] = end
            position = view.find(needle, end)
    return sorted(spans.items())
