"""Legacy binary Office files (.doc .xls .ppt) read from their OLE streams with olefile."""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterator

from ..errors import ExtractionError
from ..model import Block
from .context import Context


def ole_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Yield the text of a Word 97, Excel 97 or PowerPoint 97 file, whichever it is."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"Tệp Office cũ hỏng: {exc}") from exc
    with ole:
        if ole.exists("WordDocument"):
            yield from _word(ole, ctx)
        elif ole.exists("Workbook") or ole.exists("Book"):
            yield from _excel(ole, ctx)
        elif ole.exists("PowerPoint Document"):
            yield from _powerpoint(ole, ctx)
        else:
            raise ExtractionError("Tệp OLE không phải Word, Excel hay PowerPoint")
        yield from _summary(ole, ctx)


def _summary(ole: object, ctx: Context) -> Iterator[Block]:
    """Yield the text properties: title, subject, keywords, comments, category, company, manager and
    the user-defined ones (LibreOffice keeps an OOXML category there), in every section of both sets."""
    for name in ("\x05SummaryInformation", "\x05DocumentSummaryInformation"):
        try:
            if not ole.exists(name):  # type: ignore[attr-defined]
                continue
            stream = ole.openstream(name).read(1024 * 1024)  # type: ignore[attr-defined]
        except (OSError, ValueError):
            continue
        for text in _property_strings(stream):
            if text.strip():
                yield Block(text, "properties", ctx.part)


_STRING_TYPES = (0x1E, 0x1F)  # VT_LPSTR (in the set's code page), VT_LPWSTR (UTF-16)
_CODEPAGES = {65001: "utf-8", 1200: "utf-16-le", 1252: "cp1252", 1258: "cp1258"}


def _property_strings(stream: bytes) -> Iterator[str]:
    """Yield the string values of an OLE property set stream (MS-OLEPS), all sections."""
    try:
        sections = struct.unpack_from("<I", stream, 24)[0]
        for number in range(min(sections, 4)):
            offset = struct.unpack_from("<I", stream, 28 + 20 * number + 16)[0]
            yield from _section_strings(stream, offset)
    except struct.error:
        return


def _section_strings(stream: bytes, start: int) -> Iterator[str]:
    count = min(struct.unpack_from("<I", stream, start + 4)[0], 4096)
    entries = [struct.unpack_from("<II", stream, start + 8 + 8 * index) for index in range(count)]
    codepage = "cp1252"
    for identifier, offset in entries:
        if identifier == 1 and struct.unpack_from("<H", stream, start + offset)[0] == 0x02:
            code = struct.unpack_from("<H", stream, start + offset + 4)[0]
            codepage = _CODEPAGES.get(code, f"cp{code}")
    for identifier, offset in entries:
        if identifier in (0, 1):  # the dictionary of names, the code page
            continue
        position = start + offset
        kind = struct.unpack_from("<H", stream, position)[0]
        if kind not in _STRING_TYPES:
            continue
        size = struct.unpack_from("<I", stream, position + 4)[0]
        if kind == 0x1F:
            raw, encoding = stream[position + 8 : position + 8 + 2 * size], "utf-16-le"
        else:
            raw, encoding = stream[position + 8 : position + 8 + size], codepage
        try:
            text = raw.decode(encoding, "replace")
        except LookupError:
            text = raw.decode("cp1252", "replace")
        yield text.rstrip("\x00")


# ---------------------------------------------------------------- Word 97


def _word(ole: object, ctx: Context) -> Iterator[Block]:
    stream = ole.openstream("WordDocument").read()  # type: ignore[attr-defined]
    if len(stream) < 0x1AA:
        raise ExtractionError("Tệp .doc hỏng")
    flags = struct.unpack_from("<H", stream, 0x0A)[0]
    if flags & 0x0100:
        raise ExtractionError("Tệp .doc được mã hóa, không đọc được")
    table_name = "1Table" if flags & 0x0200 else "0Table"
    table = ole.openstream(table_name).read() if ole.exists(table_name) else b""  # type: ignore[attr-defined]
    counts = struct.unpack_from("<8i", stream, 0x4C)  # text, ftn, hdd, mcr, atn, edn, txbx, hdrtxbx
    fc_clx, lcb_clx = struct.unpack_from("<II", stream, 0x1A2)
    text = _piece_text(stream, table[fc_clx : fc_clx + lcb_clx]) if lcb_clx else ""
    names = ("page", "footnote", "header", "", "comment", "endnote", "text box", "header")
    start = 0
    for count, name in zip(counts, names, strict=True):
        if count <= 0:
            continue
        chunk, start = text[start : start + count], start + count
        if name:
            yield from _word_paragraphs(chunk, name, ctx)


def _piece_text(stream: bytes, clx: bytes) -> str:
    position = 0
    while position < len(clx) and clx[position] == 1:  # Prc: property modifiers
        position += 3 + struct.unpack_from("<H", clx, position + 1)[0]
    if position >= len(clx) or clx[position] != 2:
        raise ExtractionError("Không đọc được bảng đoạn văn bản trong tệp .doc")
    size = struct.unpack_from("<I", clx, position + 1)[0]
    plc = clx[position + 5 : position + 5 + size]
    pieces = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{pieces + 1}I", plc, 0)
    out = []
    for index in range(pieces):
        fc = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * index + 2)[0]
        length = cps[index + 1] - cps[index]
        if fc & 0x40000000:
            offset = (fc & ~0x40000000) // 2
            out.append(stream[offset : offset + length].decode("cp1252", "replace"))
        else:
            out.append(stream[fc : fc + 2 * length].decode("utf-16-le", "replace"))
    return "".join(out)


_FIELD_CODE = re.compile("\x13[^\x13\x14\x15]*\x14|\x13[^\x13\x14\x15]*\x15")


def _word_paragraphs(text: str, location: str, ctx: Context) -> Iterator[Block]:
    text = _FIELD_CODE.sub("", text).replace("\x15", "")
    page = 1
    for paragraph in re.split("[\r\x07]", text):
        for index, piece in enumerate(paragraph.split("\x0c")):
            page += 1 if index else 0
            clean = "".join(ch for ch in piece.replace("\x0b", "\n") if ch >= " " or ch in "\t\n")
            if clean.strip():
                yield Block(clean, f"page {page}" if location == "page" else location, ctx.part)


# ---------------------------------------------------------------- Excel 97 (BIFF8)


def _excel(ole: object, ctx: Context) -> Iterator[Block]:
    from .odf import column_name

    name = "Workbook" if ole.exists("Workbook") else "Book"  # type: ignore[attr-defined]
    stream = ole.openstream(name).read()  # type: ignore[attr-defined]
    records = list(_records(stream))
    sheets: list[tuple[int, str]] = []
    strings: list[str] = []
    for index, (kind, _offset, body) in enumerate(records):
        if kind == 0x0085 and len(body) >= 8:  # BOUNDSHEET
            sheets.append((struct.unpack_from("<I", body, 0)[0], _short_string(body, 6)))
        elif kind == 0x00FC:  # SST (+ CONTINUE)
            strings = _sst(records, index)
    sheet_starts = sorted(sheets)

    def sheet_at(offset: int) -> str:
        return next((title for start, title in reversed(sheet_starts) if start <= offset), "Sheet1")

    for index, (kind, offset, body) in enumerate(records):
        if kind in (0x0014, 0x0015) and len(body) >= 3:  # HEADER, FOOTER
            yield _header_footer(_long_string(body, 0), "header" if kind == 0x0014 else "footer", ctx)
            continue
        if kind == 0x01B6 and len(body) >= 12:  # TXO: a cell comment or a text box; its text follows
            text = _txo_text(records, index)
            if text.strip():
                yield Block(text, f"{sheet_at(offset)} comment", ctx.part)
            continue
        if kind not in (0x00FD, 0x0204, 0x0006) or len(body) < 6:
            continue
        row, col = struct.unpack_from("<HH", body, 0)
        if kind == 0x00FD and len(body) >= 10:
            index = struct.unpack_from("<I", body, 6)[0]
            text = strings[index] if index < len(strings) else ""
        elif kind == 0x0204:
            text = _long_string(body, 6)
        else:
            continue
        title = sheet_at(offset)
        if text.strip():
            yield Block(text, f"{title}!{column_name(col + 1)}{row + 1}", ctx.part)


def _header_footer(raw: str, location: str, ctx: Context) -> Block:
    from .ooxml import _HF_CODE, _HF_SECTION

    return Block(_HF_SECTION.sub("\t", _HF_CODE.sub("", raw)).replace("&&", "&"), location, ctx.part)


def _txo_text(records: list[tuple[int, int, bytes]], index: int) -> str:
    length = struct.unpack_from("<H", records[index][2], 10)[0]
    pieces, remaining = [], length
    for kind, _offset, body in records[index + 1 :]:
        if kind != 0x003C or remaining <= 0 or not body:
            break
        wide = body[0] & 1
        raw = body[1 : 1 + remaining * (2 if wide else 1)]
        piece = raw.decode("utf-16-le", "replace") if wide else raw.decode("latin-1")
        pieces.append(piece)
        remaining -= len(piece)
    return "".join(pieces)


def _records(stream: bytes) -> Iterator[tuple[int, int, bytes]]:
    position = 0
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        yield kind, position, stream[position + 4 : position + 4 + size]
        position += 4 + size


def _short_string(body: bytes, offset: int) -> str:
    length, flags = body[offset], body[offset + 1]
    raw = body[offset + 2 :]
    return raw[: 2 * length].decode("utf-16-le", "replace") if flags & 1 else raw[:length].decode("latin-1")


def _long_string(body: bytes, offset: int) -> str:
    length = struct.unpack_from("<H", body, offset)[0]
    flags = body[offset + 2] if len(body) > offset + 2 else 0
    raw = body[offset + 3 :]
    return raw[: 2 * length].decode("utf-16-le", "replace") if flags & 1 else raw[:length].decode("latin-1")


def _sst(records: list[tuple[int, int, bytes]], index: int) -> list[str]:
    """Read the shared string table, whose strings may run on into CONTINUE records."""
    chunks = [records[index][2]]
    for kind, _offset, body in records[index + 1 :]:
        if kind != 0x003C:
            break
        chunks.append(body)
    total = struct.unpack_from("<I", chunks[0], 4)[0]
    chunk, position, strings = 0, 8, []
    data = chunks[0]
    for _ in range(total):
        if position >= len(data):
            chunk += 1
            if chunk >= len(chunks):
                break
            data, position = chunks[chunk], 0
        length = struct.unpack_from("<H", data, position)[0]
        flags = data[position + 2]
        position += 3
        runs = ext = 0
        if flags & 0x08:
            runs = struct.unpack_from("<H", data, position)[0]
            position += 2
        if flags & 0x04:
            ext = struct.unpack_from("<I", data, position)[0]
            position += 4
        wide = flags & 1
        pieces = []
        remaining = length
        while remaining > 0:
            available = (len(data) - position) // (2 if wide else 1)
            take = min(available, remaining)
            raw = data[position : position + take * (2 if wide else 1)]
            pieces.append(raw.decode("utf-16-le", "replace") if wide else raw.decode("latin-1"))
            position += len(raw)
            remaining -= take
            if remaining > 0:
                chunk += 1
                if chunk >= len(chunks):
                    break
                data, position = chunks[chunk], 1
                wide = data[0] & 1
        strings.append("".join(pieces))
        skip = 4 * runs + ext
        while skip > 0:
            step = min(skip, len(data) - position)
            position += step
            skip -= step
            if skip > 0:
                chunk += 1
                if chunk >= len(chunks):
                    break
                data, position = chunks[chunk], 0
    return strings


# ---------------------------------------------------------------- PowerPoint 97

_CONTAINERS = {0x03E8, 0x03EE, 0x03F0, 0x0FF0, 0xF002, 0xF003, 0xF004, 0xF00D, 0x0FF5, 0x040C, 0x07D0}


def _powerpoint(ole: object, ctx: Context) -> Iterator[Block]:
    stream = ole.openstream("PowerPoint Document").read()  # type: ignore[attr-defined]
    state = {"slide": 0, "notes": 0, "list": -1, "persist": 0}
    yield from _ppt_walk(stream, 0, len(stream), "", state, ctx, 0)


def _ppt_walk(
    stream: bytes, start: int, end: int, where: str, state: dict[str, int], ctx: Context, depth: int
) -> Iterator[Block]:
    position = start
    while position + 8 <= end and depth < 32:
        ver_inst, kind, size = struct.unpack_from("<HHI", stream, position)
        body_start, body_end = position + 8, min(position + 8 + size, end)
        instance = ver_inst >> 4
        if kind == 0x0FF0:  # SlideListWithText: 0 slides, 1 masters, 2 notes
            state["list"], state["persist"] = instance, 0
            yield from _ppt_walk(stream, body_start, body_end, where, state, ctx, depth + 1)
            state["list"] = -1
        elif kind == 0x03F3 and state["list"] >= 0:  # SlidePersistAtom
            state["persist"] += 1
        elif kind == 0x03EE:  # SlideContainer
            state["slide"] += 1
            yield from _ppt_walk(stream, body_start, body_end, f"slide {state['slide']}", state, ctx, depth + 1)
        elif kind == 0x03F0:  # NotesContainer
            state["notes"] += 1
            yield from _ppt_walk(stream, body_start, body_end, f"slide {state['notes']} notes", state, ctx, depth + 1)
        elif kind in (0x0FA0, 0x0FA8):  # TextCharsAtom, TextBytesAtom
            raw = stream[body_start:body_end]
            text = raw.decode("utf-16-le", "replace") if kind == 0x0FA0 else raw.decode("latin-1")
            location = where
            if state["list"] >= 0:
                location = {0: "slide", 1: "slide master", 2: "slide"}.get(state["list"], "slide")
                number = max(state["persist"], 1)
                location = (
                    f"slide {number}" + (" notes" if state["list"] == 2 else "") if state["list"] != 1 else location
                )
            for paragraph in re.split("[\r\x0b]", text):
                if paragraph.strip():
                    yield Block(paragraph, location or "slide", ctx.part)
        elif (ver_inst & 0x0F) == 0x0F or kind in _CONTAINERS:
            yield from _ppt_walk(stream, body_start, body_end, where, state, ctx, depth + 1)
        position = body_start + size
