"""A small streaming tokenizer over XML text, enough to read office documents quickly.

It never resolves entities or DTDs (so no entity bombs) and works on the text of one XML part.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator

from ..errors import ArchiveBombError, ExtractionError
from .context import Context

# group 1: "/" for an end tag; 2: prefix; 3: local name; 4: attributes (ending in "/" when empty);
# group 5: character data.
TOKEN = re.compile(r"<(/?)(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)([^>]*)>|([^<]+)")
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def unescape(text: str) -> str:
    """Resolve the character references of XML character data."""
    return html.unescape(text) if "&" in text else text


def attrs(raw: str) -> dict[str, str]:
    """Return the attributes of a tag as {qualified name: value}."""
    return {m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(raw)}


def local_attr(raw: str, name: str) -> str | None:
    """Return the value of the attribute whose local name is ``name``, if any."""
    for key, value in attrs(raw).items():
        if key.rpartition(":")[2] == name:
            return value
    return None


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: Context) -> bytes:
    """Read one zip member within the limits of ``ctx`` (size, ratio, total)."""
    options = ctx.options
    ctx.budget.members += 1
    if ctx.budget.members > options.max_archive_members:
        raise ArchiveBombError("Quá nhiều tệp trong tệp nén")
    if info.file_size > options.max_member_bytes:
        raise ArchiveBombError(f"Thành phần quá lớn khi giải nén: {info.filename}")
    if (
        info.compress_size
        and info.file_size / info.compress_size > options.max_compression_ratio
        and (info.file_size > 1024 * 1024)
    ):
        raise ArchiveBombError(f"Tỷ lệ nén bất thường (bom nén): {info.filename}")
    with archive.open(info) as stream:
        data = stream.read(options.max_member_bytes + 1)
    if len(data) > options.max_member_bytes:
        raise ArchiveBombError(f"Thành phần quá lớn khi giải nén: {info.filename}")
    ctx.budget.total_bytes += len(data)
    if ctx.budget.total_bytes > options.max_archive_total_bytes:
        raise ArchiveBombError("Tổng dung lượng giải nén vượt giới hạn")
    return data


def member_text(archive: zipfile.ZipFile, name: str, ctx: Context, required: bool = False) -> str | None:
    """Return an XML member decoded (see :func:`decode_xml`), or None when it is absent.

    A ``required`` part that is absent, and any part that cannot be decoded or is not XML, raise
    :class:`ExtractionError`: the file cannot be checked, so it must never be called clean.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise ExtractionError(f"Thiếu phần nội dung {name}: không kiểm tra được tệp") from None
        return None
    return decode_xml(read_member(archive, info, ctx), name)


_DECLARED = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_UTF32_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"))
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Without a byte order mark, the first "<" tells the encoding family (XML 1.0, appendix F).
_BARE = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def xml_encoding(data: bytes) -> tuple[str, int]:
    """Return the encoding of an XML part and the length of its byte order mark.

    Every encoding XML allows: a BOM (UTF-8, UTF-16 LE/BE, UTF-32), UTF-16/32 without a BOM
    (told by the first "<"), else the encoding declared in ``<?xml ... encoding="..."?>``, else UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3
    for bom, encoding in _UTF32_BOMS + _UTF16_BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    for head, encoding in _BARE:
        if data.startswith(head):
            return encoding, 0
    declared = _DECLARED.match(data[:256])
    if declared is not None:
        name = declared.group(1).decode("ascii").lower()
        if name.replace("_", "-") in ("utf-16", "utf-32", "ucs-2", "ucs-4"):
            return "utf-8", 0  # declared wide but written in 8 bits: what LibreOffice and Word do too
        return name, 0
    return "utf-8", 0


def decode_xml(data: bytes, name: str = "") -> str:
    """Decode an XML part strictly; raise :class:`ExtractionError` when it cannot be, or is not XML."""
    encoding, skip = xml_encoding(data)
    try:
        text = data[skip:].decode(encoding) if skip or encoding != "utf-8" else data.decode("utf-8")
    except LookupError as exc:
        raise ExtractionError(f"Phần {name} khai báo bảng mã không biết ({encoding}): không kiểm tra được") from exc
    except UnicodeDecodeError as exc:
        raise ExtractionError(f"Phần {name} không giải mã được ({encoding}): không kiểm tra được") from exc
    head = text[:64].lstrip()
    if text and not head.startswith("<"):
        raise ExtractionError(f"Phần {name} không phải XML: không kiểm tra được")
    return text


def all_text_nodes(xml: str) -> Iterator[str]:
    """Yield the non-blank character data of an XML part (document properties)."""
    for match in TOKEN.finditer(xml):
        text = match.group(5)
        if text is not None and text.strip():
            yield unescape(text).strip()


# ---------------------------------------------------------------- a fast first look at raw XML


def _ref(*chars: str) -> str:
    """Return a pattern for the rest of a reference ("#7853;", "#x1EAD;") to any of ``chars``, after its "&"."""
    alternatives = []
    for ch in chars:
        hexa = "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in f"{ord(ch):x}")
        alternatives += [f"#0*{ord(ch)};", f"#[xX]0*{hexa};"]
    return "(?:" + "|".join(alternatives) + ")"


def _behind(prefix: str, tail: str, gaps: range) -> str:
    """Return fixed-width lookbehinds for ``prefix``, a gap of 1-3 separators, then ``tail``."""
    return "|".join(f"(?<={prefix}{_SEP * gap}{tail})" for gap in gaps)


_SEP = "[^\\w<]"
# Every mark holds one of these, in NFC: m-ậ (MẬT, GIẢI MẬT, "Độ mật: ..."), n/o-s-ố (BẢN SỐ,
# BẢN SAO SỐ), u-h-ồ (THU HỒI), c-b-ì (BÓC BÌ), or, letter-spaced, a capital Ậ Ố Ồ Ì. The key
# letter comes first (as itself, or as a reference after "&") and what stands before it is checked
# with fixed-width lookbehinds, so that the engine only stops at a few characters.
_RAW_ANCHOR = re.compile(
    "|".join(
        (
            "[ẬỐỒÌ]",
            "ậ(?<=[mM]ậ)",
            "ố(?:" + _behind("[nNoO]", "[sS]ố", range(1, 4)) + ")",
            "ồ(?:" + _behind("[uU]", "[hH]ồ", range(1, 4)) + ")",
            "ì(?:" + _behind("[cC]", "[bB]ì", range(1, 4)) + ")",
            "&(?:" + _ref("Ậ", "Ố", "Ồ", "Ì"),
            "(?<=[mM]&)" + _ref("ậ"),
            "(?:" + _behind("[nNoO]", "[sS]&", range(1, 4)) + ")" + _ref("ố"),
            "(?:" + _behind("[uU]", "[hH]&", range(1, 4)) + ")" + _ref("ồ"),
            "(?:" + _behind("[cC]", "[bB]&", range(1, 4)) + ")" + _ref("ì") + ")",
        )
    )
)
# Text the first look cannot judge: decomposed letters (NFD combining marks U+0300-U+0323), the
# letters of TCVN3/VNI spellings, literal or as references. Such a part is read in full.
_LEGACY_LETTERS = "ëä¶ûåØæËÄÛÅÆ"
_LITERAL_UNSURE = re.compile("[\u0300-\u0323" + _LEGACY_LETTERS + "]")
_DECIMAL_UNSURE = re.compile("&#(?:0|7[6-9]\\d;|80[0-3];|" + "|".join(f"{ord(ch)};" for ch in _LEGACY_LETTERS) + ")")
# The key letters as decimal references, each a pattern with that literal prefix (found as fast as
# a substring) and fixed-width lookbehinds for what must stand before it.
_GAPS = ("[^\\w<&]", "[^\\w<&]{2}", "[^\\w<&]{3}", "&#160;")


def _decimal_key(letter: str, before: str = "", last: str = "") -> re.Pattern[str]:
    ref = f"&#{ord(letter)};"
    if not before:
        return re.compile(re.escape(ref))
    if not last:
        return re.compile(f"{ref}(?<={before}{ref})")
    return re.compile(ref + "(?:" + "|".join(f"(?<={before}{gap}{last}{ref})" for gap in _GAPS) + ")")


_DECIMAL_KEYS = (
    _decimal_key("Ậ"),
    _decimal_key("Ố"),
    _decimal_key("Ồ"),
    _decimal_key("Ì"),
    _decimal_key("ậ", "[mM]"),  # mật
    _decimal_key("ố", "[nNoO]", "[sS]"),  # bản số, sao số
    _decimal_key("ồ", "[uU]", "[hH]"),  # thu hồi
    _decimal_key("ì", "[cC]", "[bB]"),  # bóc bì
)


def raw_anchors(xml: str) -> list[int] | None:
    """Return the positions in raw XML where a mark may be, or None when the part must be read in full.

    Used to skip, without unescaping them, the thousands of cells of a sheet that cannot hold a mark.
    Literal letters are found by one regular expression (only when the text is not pure ASCII);
    decimal references, which some exporters write for every Vietnamese letter, by patterns that
    begin with the reference itself, much faster than one pattern stopping at millions of "&#".
    """
    literal = not xml.isascii()
    if literal and _LITERAL_UNSURE.search(xml) is not None:
        return None
    if "&#" not in xml:
        return [match.start() for match in _RAW_ANCHOR.finditer(xml)] if literal else []
    if "&#x" in xml or "&#X" in xml:  # hexadecimal references: the general pattern
        if _RAW_UNSURE.search(xml) is not None:
            return None
        return [match.start() for match in _RAW_ANCHOR.finditer(xml)]
    if _DECIMAL_UNSURE.search(xml) is not None:
        return None
    positions = [match.start() for match in _RAW_ANCHOR.finditer(xml)] if literal else []
    for key in _DECIMAL_KEYS:
        positions += [match.start() for match in key.finditer(xml)]
    return sorted(positions)


_RAW_UNSURE = re.compile(
    "[\u0300-\u0323"
    + _LEGACY_LETTERS
    + "]"
    + "|&#0*(?:7[6-9]\\d|80[0-3]|"
    + "|".join(str(ord(ch)) for ch in _LEGACY_LETTERS)
    + ");|&#[xX]0*(?:3[01][0-9a-fA-F]|32[0-3]|"
    + "|".join("".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in f"{ord(ch):x}") for ch in _LEGACY_LETTERS)
    + ");"
)
