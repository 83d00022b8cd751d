"""Find secrecy marks in blocks of text, and decide the verdict they lead to.

A mark is a stamp that stands on its own (LAW-BRIEF §3.2, Circular 24/2020 forms 02, 05, 07, 08,
11): its own paragraph, cell, text box, header line or frame, like "MẬT", "[ TỐI MẬT ]",
"T U Y Ệ T  M Ậ T", "BẢN SAO SỐ 02", "TÀI LIỆU THU HỒI", "GIẢI MẬT", or a filled level field
"Độ mật: Tối mật". The same words inside a sentence or a title ("bảo vệ bí mật nhà nước",
"mật khẩu", 'tài liệu "MẬT"'), an empty field "Độ mật: ....", or a list of the level names
(a training slide) are not marks.

The detector is deliberately line-based: each block is split into lines, and each line into
segments separated by tabs or wide gaps (a header line often holds the agency's name and the
stamp side by side). A segment is a stamp when, stripped of punctuation, frames and spacing,
it is exactly the stamp's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .legacy import decode_tcvn3, decode_vni, looks_legacy
from .model import Block, Level, Mark, MarkKind, Verdict

__all__ = ["candidate_spans", "find_marks", "verdict_of"]

MAX_MARK_TEXT = 80
_LONGEST_STAMP_LINE = 160

_LEVEL_BY_WORDS = {"tuyệtmật": Level.TUYET_MAT, "tốimật": Level.TOI_MAT, "mật": Level.MAT}
_URGENCY = {"khẩn", "thượngkhẩn", "hỏatốc", "hoảtốc", "hỏatốchẹngiờ", "hoảtốchẹngiờ"}
_PHRASES = {
    "tàiliệuthuhồi": MarkKind.RECALL,
    "chỉngườicótênmớiđượcbócbì": MarkKind.NAMED_RECIPIENT,
    "giảimật": MarkKind.DECLASSIFIED,
    "đãgiảimật": MarkKind.DECLASSIFIED,
}

# A cheap first look on the case-folded text without spaces: most blocks stop here.
_MIGHT_WORDS = (
    "mật", "mët", "maät", "thuhồi", "thuhåi", "thuhoài", "bócbì", "bãcb", "boùcb", "bảnsố", "bảnsaosố", "b¶ns",
    "baûnso", "bảnsao", "b¶nsao", "baûnsao",
)  # fmt: skip
_MIGHT = re.compile("|".join(_MIGHT_WORDS))
# The same words with any spacing between their letters, to find the candidates of many lines at once.
_MIGHT_SPACED = re.compile("|".join(r"\s*".join(map(re.escape, word)) for word in _MIGHT_WORDS))
_LINES = re.compile(r"[\r\n\v\f\u2028\u2029]+")
_SEGMENTS = re.compile(r"\t+| {3,}")
_PIECES = re.compile(r"\s*[,;/|+–—-]\s*|\s+-\s+")
_SPACES = re.compile(r"\s+")

_FIELD = re.compile(
    r"(?:^|[^\w])(?:mức\s+)?độ\s+mật\s*(?::|：|-|–)?\s*(?P<value>tuyệt\s+mật|tối\s+mật|mật)(?![\w])(?P<rest>.*)$"
)
_FIELD_REST_OK = re.compile(r"^\W*$|^\s*(?:[;,.|)\]]|\s{2,}|\t)")
_LEVEL_WORD_ANYWHERE = re.compile(r"(?<!\w)mật(?!\w)")
_COPY = re.compile(r"^\W*bản\s+(?:sao\s+)?số\b\s*[:.]?\s*(?P<number>[\d./…_\s-]*)(?P<rest>.*)$")
_PHRASE_START = re.compile(
    r"^\W*(?P<phrase>tài\s+liệu\s+thu\s+hồi|chỉ\s+người\s+có\s+tên\s+mới\s+được\s+bóc\s+bì|(?:đã\s+)?giải\s+mật)"
    r"(?![\w])(?P<rest>.*)$"
)
_DATE_REST = re.compile(r"^[\W\d]*(?:(?:từ\s+)?ngày\s*[\d/.\s-]*(?:tháng\s*\d+\s*năm\s*\d+)?)?[\W\d]*$")
_SEPARATOR_REST = re.compile(r"^\s*[:(\-–—]")
_COPY_COMPACT = re.compile(r"bản(?:sao)?số\d+")


@dataclass(frozen=True, slots=True)
class _Candidate:
    mark: Mark
    index: int  # the block's position within its part
    strong: bool  # uppercase stamp or a filled field; weak ones are plain-case words on their own


def find_marks(blocks: Iterable[Block]) -> list[Mark]:
    """Return the marks found in the blocks, in order, without duplicates.

    Level names that stand near other level names (a list of the three levels on a training
    slide) are dropped, and so are plain-case ones ("Tối mật" rather than "TỐI MẬT") when a
    part names more than one level on their own.
    """
    candidates: list[_Candidate] = []
    index_in_part: dict[str, int] = {}
    for block in blocks:
        index = index_in_part.get(block.part, 0)
        index_in_part[block.part] = index + block.span
        if block.text and might_contain_mark(block.text):
            candidates.extend(_candidates_in(block, index))
    kept = _drop_level_lists(candidates)
    seen: set[tuple[str, str | None, str, str, str]] = set()
    marks = []
    for candidate in kept:
        mark = candidate.mark
        key = (mark.kind.value, mark.level.value if mark.level else None, mark.text, mark.location, mark.part)
        if key not in seen:
            seen.add(key)
            marks.append(mark)
    return marks


def verdict_of(marks: Iterable[Mark]) -> tuple[Verdict, Level | None]:
    """Return the verdict and highest level: secret when some part has a level mark and no GIẢI MẬT."""
    levels_by_part: dict[str, list[Level]] = {}
    declassified: set[str] = set()
    for mark in marks:
        if mark.kind is MarkKind.DECLASSIFIED:
            declassified.add(mark.part)
        elif mark.kind is MarkKind.LEVEL and mark.level is not None:
            levels_by_part.setdefault(mark.part, []).append(mark.level)
    secret_levels = [level for part, levels in levels_by_part.items() if part not in declassified for level in levels]
    if not secret_levels:
        return Verdict.CLEAN, None
    return Verdict.SECRET, max(secret_levels, key=lambda level: level.rank)


def might_contain_mark(text: str) -> bool:
    """Return False when the text cannot hold a mark (a fast filter run on every block)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _MIGHT.search("".join(text.casefold().split())) is not None


def candidate_spans(text: str) -> list[tuple[int, int]] | None:
    """Return the spans of ``text`` that may hold a mark, or None when only a line-by-line look can tell.

    A line holds no candidate for :func:`might_contain_mark` unless it overlaps one of these spans,
    so a reader of a long text (a PDF page) checks it once and passes over the other lines. None
    when the text is not NFC or case folding changes its length (positions would not map back).
    """
    if not unicodedata.is_normalized("NFC", text):
        return None
    folded = text.casefold()
    if len(folded) != len(text):
        return None
    return [match.span() for match in _MIGHT_SPACED.finditer(folded)]


def _candidates_in(block: Block, index: int) -> Iterator[_Candidate]:
    for view, encoding in _views(block.text, block.ocr):
        found = False
        for raw_line, line in zip(_LINES.split(block.text), _LINES.split(view), strict=False):
            for mark_kind, level, strong, segment in _marks_in_line(line):
                found = True
                shown = raw_line.strip() if segment is None else _SEGMENTS.split(raw_line.strip())[segment]
                shown = shown.strip() if encoding in (None, "OCR") else f"{shown.strip()} [{encoding}]"
                yield _Candidate(Mark(mark_kind, level, _shorten(shown), block.location, block.part), index, strong)
        if found:
            return


def _views(text: str, ocr: bool = False) -> Iterator[tuple[str, str | None]]:
    """Yield the readings of a text: as it is, then as TCVN3 and VNI when it looks legacy-encoded.

    Text read by OCR also gets a reading where a misread tone in TỐI / TUYỆT before MẬT is
    corrected (Tesseract often reads the red stamp "TỐI MẬT" as "TỔI MẬT") and the remains of a
    stamp's frame ("|[ TỐI MẬT 1|") are dropped.
    """
    normal = unicodedata.normalize("NFC", text)
    yield normal, None
    if ocr:
        relaxed = _OCR_TOI.sub(lambda m: _same_case("tối", m.group(1)) + m.group(2), normal)
        relaxed = _OCR_TUYET.sub(lambda m: _same_case("tuyệt", m.group(1)) + m.group(2), relaxed)
        relaxed = _OCR_FRAME.sub(" ", relaxed)
        if relaxed != normal:
            yield relaxed, "OCR"
    if looks_legacy(normal):
        yield decode_tcvn3(normal), "TCVN3"
        yield decode_vni(normal), "VNI"


def _marks_in_line(line: str) -> Iterator[tuple[MarkKind, Level | None, bool, int | None]]:
    """Yield the marks of one line: the whole line, or else each of its wide-spaced segments."""
    stripped = line.strip()
    if not stripped or (len(stripped) > _LONGEST_STAMP_LINE and _SEGMENTS.search(stripped) is None):
        return  # a long line without tabs or wide gaps is a sentence, never a stamp on its own
    whole = _stamp(stripped)
    if whole is not None and whole[0] is MarkKind.LEVEL:
        yield (*whole, None)
        return
    segments = _SEGMENTS.split(stripped)
    found_in_segments: list[tuple[MarkKind, Level | None, bool, int | None]] = []
    if len(segments) > 1:
        for number, segment in enumerate(segments):
            found = _stamp(segment.strip()) if segment.strip() else None
            if found is not None:
                found_in_segments.append((*found, number))
    # "BẢN SAO SỐ 02<tab>MẬT": a copy number and a level stamp side by side are two marks.
    if whole is not None and not any(found[0] is MarkKind.LEVEL for found in found_in_segments):
        yield (*whole, None)
        return
    yield from found_in_segments


def _stamp(segment: str) -> tuple[MarkKind, Level | None, bool] | None:
    """Return the mark a segment is, when it is one and nothing else."""
    folded = segment.casefold()
    if _START.match(folded) is None:
        return None  # every stamp, field and urgency note begins with one of a few words (or is letter-spaced)
    compact = _compact(folded)
    level = _LEVEL_BY_WORDS.get(compact)
    if level is not None:
        return MarkKind.LEVEL, level, _is_upper(segment)
    phrase = _PHRASES.get(compact)
    if phrase is MarkKind.DECLASSIFIED and not _is_upper(segment):
        return None  # a heading "Giải mật" in a regulation is not the stamp
    if phrase is not None:
        return phrase, None, True
    level = _level_with_urgency(folded)
    if level is not None:
        return MarkKind.LEVEL, level, _is_upper(segment)
    if _COPY_COMPACT.fullmatch(compact):
        return MarkKind.COPY, None, True
    return _field_or_phrase(segment)


def _level_with_urgency(folded: str) -> Level | None:
    """Read "MẬT - KHẨN" and the like: one level name beside urgency words, nothing else."""
    pieces = [_compact(piece) for piece in _PIECES.split(folded)]
    pieces = [piece for piece in pieces if piece]
    if len(pieces) < 2:
        return None
    levels = {_LEVEL_BY_WORDS[piece] for piece in pieces if piece in _LEVEL_BY_WORDS}
    others = [piece for piece in pieces if piece not in _LEVEL_BY_WORDS and piece not in _URGENCY]
    if len(levels) == 1 and not others and sum(piece in _LEVEL_BY_WORDS for piece in pieces) == 1:
        return levels.pop()
    return None


def _field_or_phrase(text: str) -> tuple[MarkKind, Level | None, bool] | None:
    folded = _SPACES.sub(" ", text.casefold()).strip()
    field = _FIELD.search(folded)
    if field is not None:
        rest = field.group("rest")
        if _FIELD_REST_OK.match(rest) and not _LEVEL_WORD_ANYWHERE.search(rest):
            return MarkKind.LEVEL, _LEVEL_BY_WORDS[_compact(field.group("value"))], True
    copy = _COPY.match(folded)
    if copy is not None and any(ch.isdigit() for ch in copy.group("number")) and not copy.group("rest").strip():
        return MarkKind.COPY, None, True
    if copy is not None and folded.startswith("bản sao số") and text.lstrip()[:10].isupper():
        return MarkKind.COPY, None, True
    phrase = _PHRASE_START.match(folded)
    if phrase is not None:
        kind = _PHRASES[_compact(phrase.group("phrase"))]
        rest = phrase.group("rest")
        if _DATE_REST.match(rest):
            return kind, None, True
        head = text.lstrip()[: len(phrase.group("phrase")) + 2]
        if kind is not MarkKind.DECLASSIFIED and _is_upper(head) and _SEPARATOR_REST.match(rest):
            return kind, None, True
    return None


def _drop_level_lists(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop level names that are really a list of levels (a training slide), not stamps.

    Two different level names standing close together in the same place are a list; plain-case
    level names ("Tối mật") are dropped when a part names more than one level that way.
    """
    by_part: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        if candidate.mark.kind is MarkKind.LEVEL:
            by_part.setdefault(candidate.mark.part, []).append(candidate)
    dropped: set[int] = set()
    for part_candidates in by_part.values():
        dropped.update(id(candidate) for candidate in _clustered_levels(part_candidates))
        dropped.update(id(candidate) for candidate in _level_sequences(part_candidates))
        weak = [candidate for candidate in part_candidates if not candidate.strong]
        if len({candidate.mark.level for candidate in weak}) > 1:
            dropped.update(id(candidate) for candidate in weak)
    return [candidate for candidate in candidates if id(candidate) not in dropped]


def _clustered_levels(candidates: list[_Candidate], gap: int = 8) -> Iterator[_Candidate]:
    """Yield the level candidates that, with their neighbours in the same location, name all three levels.

    Two different stamps in one document (a TUYỆT MẬT cell above a MẬT annex) stay marks: only a
    run of the three level names, as on a training slide, is a list.
    """
    for i, candidate in enumerate(candidates):
        area = _area(candidate.mark.location)
        near = {
            other.mark.level
            for other in candidates[max(0, i - 10) : i + 11]
            if _area(other.mark.location) == area and abs(other.index - candidate.index) <= gap
        }
        if len(near) == len(Level):
            yield candidate


_DESCENDING = (Level.TUYET_MAT, Level.TOI_MAT, Level.MAT)


def _level_sequences(candidates: list[_Candidate]) -> Iterator[_Candidate]:
    """Yield the level names that, however far apart, name the three levels in order: a handbook's sections.

    Training slides and handbooks give each level a heading and an explanation ("TUYỆT MẬT / Là bí
    mật nhà nước ...", then "TỐI MẬT ...", then "MẬT ..."), pages apart. A real document bears one
    level, or a higher one with an annex of a lower one; the three levels in a row, descending or
    ascending, are a list. A filled field ("Độ mật: Tối mật") is never part of one.
    """
    names = [candidate for candidate in candidates if not _is_field(candidate.mark.text)]
    for order in (_DESCENDING, _DESCENDING[::-1]):
        picked: list[_Candidate] = []
        for candidate in names:
            if candidate.mark.level is order[len(picked)]:
                picked.append(candidate)
                if len(picked) == len(order):
                    yield from picked
                    picked = []


def _is_field(text: str) -> bool:
    return "độ mật" in _SPACES.sub(" ", unicodedata.normalize("NFC", text).casefold())


_NUMBERS = re.compile(r"\d+")


def _area(location: str) -> str:
    """Return the kind of place a location names: "Sheet1!B2" and "Sheet1!B3" are both cells of a sheet.

    The three level names in a column of cells, or on consecutive lines of a text file, are a list
    just like three paragraphs of one slide.
    """
    return _NUMBERS.sub("#", location)


# What is left of a stamp's frame after OCR: "|", "1", "l", "I" or brackets standing as words of their own.
_OCR_FRAME = re.compile(r"(?m)(?:^|(?<=\s))[|1lI!\[\](){}]+(?=\s|$)")
_OCR_MAT = r"(\W+m\W?[ậâạặấầẫẩ]\W?t)"
_OCR_TOI = re.compile(r"\b(t[ôốồổỗộoóòỏõọơớờởỡợ0][iíìỉĩịl1|])" + _OCR_MAT, re.IGNORECASE)
_OCR_TUYET = re.compile(r"\b(tuy[eêếềểễệéèẻẽẹ]t)" + _OCR_MAT, re.IGNORECASE)


def _same_case(word: str, like: str) -> str:
    return word.upper() if like.isupper() else word


_NOT_ALNUM = re.compile(r"[\W_]+")
_START = re.compile(
    r"[\W_]*(?:tuyệt|tối|mật|bản|tài|chỉ|giải|đã|độ|mức|khẩn|hỏa|hoả|thượng|\w(?:[\W_]|$))", re.IGNORECASE
)


def _compact(text: str) -> str:
    """Keep letters and digits only: drops spacing ("M Ậ T"), punctuation and frames (text is NFC)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _NOT_ALNUM.sub("", text)


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(not ch.islower() for ch in letters)


def _shorten(text: str) -> str:
    text = _SPACES.sub(" ", text)
    return text if len(text) <= MAX_MARK_TEXT else text[: MAX_MARK_TEXT - 1] + "…"
