"""Plain text (.txt .md), CSV, HTML and e-mail (.eml)."""

from __future__ import annotations

import codecs
import contextlib
import csv
import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Protocol

from ..model import Block
from .context import Context
from .prefilter import candidate_lines, may_hold_mark


def decode(data: bytes) -> str:
    """Decode text bytes: a BOM, then UTF-8, then Latin-1 (which keeps TCVN3/VNI bytes recognisable)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252" if b"\x81" not in data else "latin-1", "replace")


def _wide(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def text_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Yield the lines of a text file that may hold a mark, located as "line 12".

    The bytes are first looked at without decoding them (:mod:`.prefilter`): text with no
    candidate letter costs little more than reading it.
    """
    if _wide(data):
        yield from line_blocks(decode(data), ctx, lambda number: f"line {number}")
        return
    if may_hold_mark(data):
        yield from _narrowed(data, 0, ctx, ".txt", None)


def _narrowed(
    data: bytes, lines_before: int, ctx: Context, kind: str, dialect: type[csv.Dialect] | csv.Dialect | None
) -> Iterator[Block]:
    """Read only the lines of ``data`` around a candidate (all of it when it has NFD or legacy letters)."""
    spans = candidate_lines(data, keep_long=kind == ".csv")
    if spans is None:
        yield from _chunk_blocks(decode(data), lines_before, ctx, kind, dialect)
        return
    count = _newlines()
    counted_to, number = 0, lines_before
    trigger = _TRIGGER_ANY_CASE.search
    for start, end in spans:
        line = decode(data[start:end])
        if trigger("\n" + line) is None:
            continue  # the key syllable is inside a sentence ("bảo vệ bí mật nhà nước"): never a stamp
        number += count(memoryview(data)[counted_to:start])
        counted_to = start
        yield from _chunk_blocks(line, number, ctx, kind, dialect)


STREAM_CHUNK = 4 * 1024 * 1024  # bytes read at a time from a large text file
_LONGEST_LINE = 1024 * 1024  # a line longer than this is cut, the cut pieces overlapping
_OVERLAP = 512


class Readable(Protocol):
    """A binary stream read into a buffer (a file opened "rb")."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readinto(self, buffer: bytearray, /) -> int: ...


def stream_text_blocks(stream: Readable, ctx: Context, kind: str = ".txt") -> Iterator[Block]:
    """Yield the blocks of a large text or CSV file read in bounded chunks, never whole.

    Chunks end at a line end (a very long line is cut with an overlap, so that a mark across the
    cut is still seen whole); each chunk goes through the byte-level first look, and only the
    chunks that may hold a mark are decoded. Memory stays a few chunks whatever the file's size.
    """
    head = stream.read(4)
    if _wide(head):
        yield from _stream_wide(head, stream, ctx, kind)
        return
    dialect: type[csv.Dialect] | csv.Dialect | None = None
    for piece, lines_before in _pieces(head, stream):
        if kind == ".csv" and dialect is None:
            dialect = _dialect(bytes(piece[:8192]).decode("utf-8", "replace"))
        if not may_hold_mark(piece):
            continue
        yield from _narrowed(bytes(piece), lines_before, ctx, kind, dialect)


def _pieces(head: bytes, stream: Readable) -> Iterator[tuple[bytes | memoryview, int]]:
    """Yield (whole lines, number of lines before them) from a byte stream.

    The file is read into one reused buffer; the pieces handed out are views into it, valid
    until the next piece is asked for (each is looked at, and decoded if needed, at once).
    """
    count = _newlines()
    lines_before = 0
    carry = head
    buffer = bytearray(STREAM_CHUNK)
    while True:
        size = stream.readinto(buffer)
        if not size:
            if carry:
                yield carry, lines_before
            return
        view = memoryview(buffer)[:size]
        cut = buffer.rfind(b"\n", 0, size) + 1
        if cut == 0:
            carry = carry + bytes(view)
            if len(carry) >= _LONGEST_LINE:
                yield carry, lines_before
                carry = carry[_utf8_start(carry, len(carry) - _OVERLAP) :]
            continue
        if carry:
            first = buffer.find(b"\n", 0, size) + 1
            joined = carry + bytes(view[:first])
            yield joined, lines_before
            lines_before += count(joined)
            view = view[first:]
            cut -= first
        if cut:
            piece = view[:cut]
            yield piece, lines_before
            lines_before += count(piece)
        carry = bytes(view[cut:])


def _utf8_start(data: bytes, position: int) -> int:
    """Move ``position`` back to the start of a UTF-8 character."""
    while position > 0 and 0x80 <= data[position] < 0xC0:
        position -= 1
    return position


def _newlines() -> Callable[[bytes | memoryview], int]:
    try:
        import stringzilla
    except ImportError:  # pragma: no cover - a dependency; bytes.count is the slower fallback
        return lambda data: bytes(data).count(b"\n")
    return lambda data: stringzilla.Str(data).count(b"\n")


def _stream_wide(head: bytes, stream: Readable, ctx: Context, kind: str) -> Iterator[Block]:
    """UTF-16 text: decoded chunk by chunk (no byte-level first look), cut at line ends."""
    decoder = codecs.getincrementaldecoder("utf-16")("replace")
    carry = decoder.decode(head)
    lines_before = 0
    dialect = None
    while True:
        chunk = stream.read(STREAM_CHUNK)
        text = carry + decoder.decode(chunk, final=not chunk)
        cut = text.rfind("\n") + 1 if chunk else len(text)
        if chunk and cut == 0 and len(text) >= _LONGEST_LINE:
            cut = len(text)
        piece, carry = text[:cut], text[cut:]
        if piece:
            if kind == ".csv" and dialect is None:
                dialect = _dialect(piece[:4096])
            yield from _chunk_blocks(piece, lines_before, ctx, kind, dialect)
            lines_before += piece.count("\n")
        if not chunk:
            return


def _chunk_blocks(
    text: str, lines_before: int, ctx: Context, kind: str, dialect: type[csv.Dialect] | csv.Dialect | None
) -> Iterator[Block]:
    if kind == ".csv":
        yield from _csv_cells(text, ctx, dialect or csv.excel, lines_before)
    else:
        yield from line_blocks(text, ctx, lambda number: f"line {number + lines_before}")


# A line worth looking at has, at the start of a segment (line start, tab, wide gap, CSV
# delimiter or quote) and after nothing but frames and a few words (urgency, "Độ", "giải"), a
# mark's key syllable; or letter-spaced capitals; or a TCVN3/VNI spelling. It runs once over the
# lower-cased NFC text; the mark detector then judges the few lines it finds.
_SEP = r"[^\w\n]"
_TRIGGER = re.compile(
    rf"(?:[\n\t,;|\"]|  ){_SEP}{{0,8}}(?:"
    rf"(?:(?:tuyệt|tối|giải|đã|mức|độ|khẩn|hỏa|hoả|tốc|thượng|hẹn|giờ){_SEP}{{1,6}}){{0,4}}m{_SEP}{{0,3}}ậ{_SEP}{{0,3}}t"
    rf"|(?:\w{_SEP}{{1,3}}){{3,}}"
    rf"|m{_SEP}{{1,3}}ậ"
    rf"|bản{_SEP}{{1,3}}(?:sao{_SEP}{{1,3}})?số"
    rf"|tài{_SEP}{{1,3}}liệu{_SEP}{{1,3}}thu"
    rf"|chỉ{_SEP}{{1,3}}người"
    rf")",
)
# Text typed in TCVN3 or VNI fonts: any line holding the legacy spelling of a key syllable.
_LEGACY = re.compile(r"mët|maät|b¶n|baûn|thu\W{0,3}h(?:åi|oài)|chØ|chæ")
_TRIGGER_ANY_CASE = re.compile(_TRIGGER.pattern, re.IGNORECASE)


def nfc(text: str) -> str:
    """Return ``text`` in NFC (cheap when it already is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _lookbehinds(prefix: str, anchor: str, gaps: range, last: str | None = None) -> str:
    """Return lookbehinds (fixed width each) for "<prefix><gap><anchor>" or "<prefix><gap><last><0-1><anchor>"."""
    if last is None:
        return "|".join(f"(?<={prefix}{_SEP * gap}{anchor})" for gap in gaps)
    return "|".join(f"(?<={prefix}{_SEP * gap}{last}{_SEP * inner}{anchor})" for gap in gaps for inner in (0, 1))


# The fast first look: the rare last letter of a mark's key syllable, checked backwards with
# fixed-width lookbehinds: m-ậ (MẬT, letter-spaced too), n/o-s-ố (BẢN SAO SỐ, BẢN SỐ), u-h-ồ
# (THU HỒI), c-b-ì (BÓC BÌ), and the capitals Ậ Ố Ồ Ì anywhere. One pattern per letter, each
# beginning with that letter, so that the engine finds it as fast as a substring search. Only the
# lines it finds are given to _TRIGGER, then to the mark detector.
_ANCHORS = tuple(
    re.compile(pattern)
    for pattern in (
        "Ậ",
        "Ố",
        "Ồ",
        "Ì",
        "ậ(?:" + _lookbehinds("[mM]", "ậ", range(4)) + ")",
        "ố(?:" + _lookbehinds("[nNoO]", "ố", range(1, 4), "[sS]") + ")",
        "ồ(?:" + _lookbehinds("[uU]", "ồ", range(1, 4), "[hH]") + ")",
        "ì(?:" + _lookbehinds("[cC]", "ì", range(1, 4), "[bB]") + ")",
    )
)
_LEGACY_ANY_CASE = re.compile(_LEGACY.pattern, re.IGNORECASE)
_LEGACY_LETTERS = "ëä¶ûåØæËÄÛÅÆ"  # letters only TCVN3/VNI spellings bring into a text


def line_blocks(text: str, ctx: Context, where: Callable[[int], str]) -> Iterator[Block]:
    """Yield only the lines of ``text`` that contain a trigger, with their 1-based line numbers."""
    text = nfc(text)
    text = "\n" + text  # every line, the first one too, starts after a newline
    hits = [match.span() for anchor in _ANCHORS for match in anchor.finditer(text)]
    legacy = any(letter in text for letter in _LEGACY_LETTERS)
    if legacy:
        hits += [match.span() for match in _LEGACY_ANY_CASE.finditer(text)]
    last_end = -1
    counted_to, line_number = 0, 0
    for hit_start, hit_end in sorted(hits):
        if hit_start < last_end:
            continue
        start = text.rfind("\n", 0, hit_start) + 1
        end = text.find("\n", hit_end)
        end = len(text) if end < 0 else end
        last_end = end
        line = text[start:end]
        if _TRIGGER_ANY_CASE.search("\n" + line) is None and not (legacy and _LEGACY_ANY_CASE.search(line)):
            continue
        line_number += text.count("\n", counted_to, start)
        counted_to = start
        yield Block(line, where(line_number), ctx.part)


def csv_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Yield the non-empty cells of the CSV lines that may hold a mark, located as "B2"."""
    if _wide(data):
        text = decode(data)
        yield from _csv_cells(text, ctx, _dialect(text[:4096]), 0)
    elif may_hold_mark(data):
        yield from _narrowed(data, 0, ctx, ".csv", _dialect(data[:4096].decode("utf-8", "replace")))


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_cells(text: str, ctx: Context, dialect: type[csv.Dialect] | csv.Dialect, lines_before: int) -> Iterator[Block]:
    from .odf import column_name

    delimiter = dialect.delimiter
    for line in line_blocks(text, ctx, lambda number: str(number + lines_before)):
        cells = next(csv.reader([line.text], dialect), []) if '"' in line.text else line.text.split(delimiter)
        for col_number, row in enumerate(cells, start=1):
            if row.strip() and (_TRIGGER_ANY_CASE.match("\n" + row) or _LEGACY.search(row.lower())):
                yield Block(row, f"{column_name(col_number)}{line.location}", ctx.part)


_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|aside|blockquote|pre|dd|dt|hr"
    r"|caption|figure|figcaption|nav|main|center|title)\b)[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.S | re.I)


def html_text(markup: str) -> str:
    """Return the text of an HTML page, one line per block element; inline tags are dropped."""
    title = _TITLE.search(markup)
    body = _DROP.sub(" ", markup)
    body = _BLOCK_TAG.sub("\n", body)
    body = _TAG.sub("", body)
    text = html.unescape(body)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return (html.unescape(title.group(1)).strip() + "\n" if title else "") + text


def html_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Yield the block-level lines of an HTML page, located as "line 12" of its text."""
    markup = decode(data)
    declared = re.search(rb'charset=["\']?([\w-]+)', data[:2048])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        with contextlib.suppress(LookupError):
            markup = data.decode(declared.group(1).decode("ascii"), "replace")
    yield from line_blocks(html_text(markup), ctx, lambda number: f"line {number}")


def _header_text(value: object) -> str:
    """Return a header value as text: RFC 2047 encoded words and raw 8-bit (UTF-8) bytes decoded."""
    if value is None:
        return ""
    import email.errors
    import email.header

    if isinstance(value, str):
        if any("\udc80" <= ch <= "\udcff" for ch in value):  # raw 8-bit bytes kept as surrogates
            return value.encode("ascii", "surrogateescape").decode("utf-8", "replace")
        if "=?" not in value:
            return value
    try:
        pieces = email.header.decode_header(value)  # type: ignore[arg-type]
    except (LookupError, ValueError, email.errors.HeaderParseError):
        return str(value)
    out = []
    for chunk, charset in pieces:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        try:
            out.append(chunk.decode(charset if charset and charset != "unknown-8bit" else "utf-8", "replace"))
        except LookupError:
            out.append(chunk.decode("utf-8", "replace"))
    return "".join(out)


def eml_blocks(data: bytes, ctx: Context, member: Callable[[bytes, str, Context], Iterator[Block]]) -> Iterator[Block]:
    """Yield the subject, the text and HTML bodies, and the blocks of attached files."""
    # compat32 parses without the header registry of policy.default, several times faster;
    # encoded words (RFC 2047) in the subject and file names are decoded here. Imported here: the
    # email package doubles the start of a scan of plain text.
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    subject = _header_text(message.get("subject"))
    if subject.strip():
        yield Block(subject, "subject", ctx.part)
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = _header_text(part.get_filename())
        raw = part.get_payload(decode=True)
        payload = raw if isinstance(raw, bytes) else b""
        if filename:
            yield from member(payload, filename, ctx.inner(filename))
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            body = payload.decode(charset, "replace")
        except LookupError:
            body = decode(payload)
        if part.get_content_type() == "text/html":
            body = html_text(body)
        elif not part.get_content_type().startswith("text/"):
            continue
        yield from line_blocks(body, ctx, lambda number: f"body line {number}")
