"""Office Open XML: Word (.docx .docm .dotx), Excel (.xlsx .xlsm) and PowerPoint (.pptx).

Parts are read with :mod:`zipfile` and tokenized with a regular expression; no DOM is built.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator

from ..errors import ExtractionError
from ..model import Block
from .context import Context
from .xmltext import TOKEN, all_text_nodes, local_attr, member_text, raw_anchors, unescape

_PROPERTY_PARTS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")


def properties(archive: zipfile.ZipFile, ctx: Context) -> Iterator[Block]:
    """Yield the document properties (title, subject, keywords, company, custom values)."""
    for name in _PROPERTY_PARTS:
        xml = member_text(archive, name, ctx)
        if xml:
            for text in all_text_nodes(xml):
                yield Block(text, "properties", ctx.part)


# ---------------------------------------------------------------- Word


def word_blocks(archive: zipfile.ZipFile, ctx: Context) -> Iterator[Block]:
    """Yield the paragraphs of the body, headers, footers, footnotes, endnotes, comments and text boxes."""
    names = archive.namelist()
    main = next((n for n in ("word/document.xml", "word/document2.xml") if n in names), None)
    if main is None:
        main = next((n for n in names if n.startswith("word/") and n.endswith(".xml") and "document" in n), None)
    if main is None:
        raise ExtractionError("Tệp Word không có phần nội dung chính: không kiểm tra được")
    yield from _word_part(member_text(archive, main, ctx, required=True) or "", "page", ctx)
    for name in sorted(names):
        base = posixpath.basename(name)
        if not name.startswith("word/") or not base.endswith(".xml"):
            continue
        for prefix, location in _WORD_PARTS:
            if base.startswith(prefix):
                yield from _word_part(member_text(archive, name, ctx) or "", location, ctx)
                break
    yield from properties(archive, ctx)


_WORD_PARTS = (
    ("header", "header"),
    ("footer", "footer"),
    ("footnotes", "footnote"),
    ("endnotes", "endnote"),
    ("comments", "comment"),
)
_SKIP = {"Fallback", "delText", "instrText", "rPh", "del"}


# Only the tokens that matter to the text: a w:t with its characters (group 1), and the tags that
# open and close paragraphs, text boxes and skipped content, or break lines and pages. Everything
# else (run properties, table structure...) is passed over by the regular expression engine.
_WORD_TOKEN = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?t(?:\s[^>]*)?>([^<]*)"
    r"|<(/?)(?:[A-Za-z_][\w.-]*:)?"
    r"(p|tab|br|cr|lastRenderedPageBreak|txbxContent|textbox|Fallback|delText|instrText|rPh|del)(?=[\s/>])([^>]*)>"
)


def _word_part(xml: str, location: str, ctx: Context) -> Iterator[Block]:
    """Yield one block per w:p; nested paragraphs (text boxes) are blocks of their own.

    A part in which no mark can be (no key letter, literal or as a reference) is not tokenized.
    """
    if raw_anchors(xml) == []:
        return
    stack: list[list[str]] = []
    box_depth = 0
    skip = 0
    page = 1
    text_since_break = False
    for match in _WORD_TOKEN.finditer(xml):
        chars, close, name, raw = match.groups()
        if chars is not None:
            if chars and not skip and stack:
                stack[-1].append(unescape(chars))
                text_since_break = True
            continue
        empty = raw.endswith("/")
        if name in _SKIP:
            if not empty:
                skip += -1 if close else 1
        elif name == "p":
            if close:
                if stack:
                    text = "".join(stack.pop())
                    if text.strip():
                        where = location if location != "page" else ("text box" if box_depth else f"page {page}")
                        yield Block(text, where, ctx.part)
            elif not empty:
                stack.append([])
        elif name in ("txbxContent", "textbox"):
            if not empty:
                box_depth += -1 if close else 1
        elif stack and not skip and not close:
            if name == "tab":
                stack[-1].append("\t")
            elif name == "br":
                if local_attr(raw, "type") == "page":
                    if text_since_break:
                        page, text_since_break = page + 1, False
                else:
                    stack[-1].append("\n")
            elif name == "cr":
                stack[-1].append("\n")
            elif name == "lastRenderedPageBreak" and text_since_break:
                page, text_since_break = page + 1, False


# ---------------------------------------------------------------- Excel

_SI = re.compile(r"<(?:\w+:)?si\b[^>]*>(.*?)</(?:\w+:)?si>", re.S)
_T = re.compile(r"<(?:\w+:)?t\b[^>]*>([^<]*)</(?:\w+:)?t>")
_RPH = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_V = re.compile(r"<(?:\w+:)?v\b[^>]*>([^<]*)</(?:\w+:)?v>")
_REF = re.compile(r'\br="([A-Z]+\d+)"')
_TYPE = re.compile(r'\bt="(\w+)"')
_SHEET = re.compile(r"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL = re.compile(r"<Relationship\b([^>]*)/?>")
_HEADER = re.compile(r"<(?:\w+:)?(odd|even|first)(Header|Footer)>([^<]*)</")
_HF_CODE = re.compile(r'&"[^"]*"|&\d+|&[KkB-IN-Zb-in-z]')
_HF_SECTION = re.compile(r"&[LCRlcr]")


def _rels(archive: zipfile.ZipFile, part: str, ctx: Context) -> dict[str, tuple[str, str]]:
    """Return {relationship id: (type suffix, target part)} for ``part``."""
    folder, base = posixpath.split(part)
    xml = member_text(archive, posixpath.join(folder, "_rels", base + ".rels"), ctx) or ""
    out = {}
    for match in _REL.finditer(xml):
        raw = match.group(1)
        rid, target, kind = local_attr(raw, "Id"), local_attr(raw, "Target"), local_attr(raw, "Type") or ""
        if rid and target and local_attr(raw, "TargetMode") != "External":
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rid] = (kind.rpartition("/")[2], path)
    return out


_SI_OPEN = re.compile(r"<(?:\w+:)?si\b")


def _si_text(si: str) -> str:
    return "".join(unescape(t) for t in _T.findall(_RPH.sub("", si)))


def _shared_strings(archive: zipfile.ZipFile, ctx: Context) -> dict[int, str]:
    """Return {index: text} of the shared strings that may hold a mark (all of them when unsure)."""
    xml = member_text(archive, "xl/sharedStrings.xml", ctx) or ""
    anchors = raw_anchors(xml)
    if anchors is None:
        return dict(enumerate(_si_text(si) for si in _SI.findall(xml)))
    found: dict[int, str] = {}
    index, counted_to = -1, 0
    for position in anchors:
        start = max(xml.rfind("<si>", 0, position), xml.rfind("<si ", 0, position))
        start = max(start, xml.rfind(":si>", 0, position), xml.rfind(":si ", 0, position))
        if start < 0 or start < counted_to:
            continue
        start = xml.rfind("<", 0, start + 1)
        index += len(_SI_OPEN.findall(xml, counted_to, start + 1))
        counted_to = start + 1
        match = _SI.match(xml, start)
        if match is not None:
            found[index] = _si_text(match.group(1))
    return found


def excel_blocks(archive: zipfile.ZipFile, ctx: Context) -> Iterator[Block]:
    """Yield every text cell as "Sheet1!B2", then headers, footers, comments and shapes."""
    strings = _shared_strings(archive, ctx)
    workbook = member_text(archive, "xl/workbook.xml", ctx, required=True) or ""
    rels = _rels(archive, "xl/workbook.xml", ctx)
    for match in _SHEET.finditer(workbook):
        raw = match.group(1)
        title = local_attr(raw, "name") or "?"
        rel = rels.get(local_attr(raw, "id") or "")
        if rel is None:
            continue
        yield from _sheet(archive, rel[1], title, strings, ctx)
    for name in archive.namelist():
        if name.startswith("xl/drawings/") and name.endswith(".xml"):
            yield from _drawing_paragraphs(member_text(archive, name, ctx) or "", "text box", ctx)
    yield from properties(archive, ctx)


_SHARED_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?\bt=\"s\"[^>]*)>\s*<(?:\w+:)?v>(\d+)</")


def _sheet(archive: zipfile.ZipFile, part: str, title: str, strings: dict[int, str], ctx: Context) -> Iterator[Block]:
    xml = member_text(archive, part, ctx, required=True) or ""
    anchors = raw_anchors(xml)
    if anchors is None:
        cells: Iterator[tuple[int, re.Match[str]]] = ((m.start(), m) for m in _CELL.finditer(xml))
    else:
        # Only the cells around a possible mark, and the cells of shared strings that may be one.
        picked: dict[int, re.Match[str]] = {}
        for position in anchors:
            start = _cell_start(xml, position)
            if start >= 0 and start not in picked:
                match = _CELL.match(xml, start)
                if match is not None and match.end() > position:
                    picked[start] = match
        if strings:
            for match in _SHARED_CELL.finditer(xml):
                if int(match.group(2)) in strings:
                    picked.setdefault(match.start(), _CELL.match(xml, match.start()))  # type: ignore[arg-type]
        cells = iter(sorted(picked.items()))
    for _position, match in cells:
        raw, inner = match.group(1), match.group(2)
        if not inner:
            continue
        kind_match = _TYPE.search(raw)
        kind = kind_match.group(1) if kind_match else "n"
        if kind == "s":
            value = _V.search(inner)
            try:
                text = strings.get(int(value.group(1)), "") if value else ""
            except ValueError:
                continue
        elif kind == "inlineStr":
            text = "".join(unescape(t) for t in _T.findall(inner))
        elif kind == "str":
            value = _V.search(inner)
            text = unescape(value.group(1)) if value else ""
        else:
            continue
        if text.strip():
            ref = _REF.search(raw)
            yield Block(text, f"{title}!{ref.group(1) if ref else '?'}", ctx.part)
    for match in _HEADER.finditer(xml):
        text = _HF_SECTION.sub("\t", _HF_CODE.sub("", unescape(match.group(3))))
        yield Block(text.replace("&&", "&"), match.group(2).lower(), ctx.part)
    for kind, target in _rels(archive, part, ctx).values():
        if kind == "comments":
            comments = member_text(archive, target, ctx) or ""
            for found in re.finditer(r"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>", comments, re.S):
                where = local_attr(found.group(1), "ref") or "?"
                comment = "".join(unescape(t) for t in _T.findall(found.group(2)))
                yield Block(comment, f"{title}!{where} comment", ctx.part)


def _cell_start(xml: str, position: int) -> int:
    """Return where the c element holding ``position`` begins (-1 when there is none)."""
    start = max(xml.rfind("<c ", 0, position), xml.rfind("<c>", 0, position))
    prefixed = max(xml.rfind(":c ", 0, position), xml.rfind(":c>", 0, position))
    if prefixed > start:
        start = xml.rfind("<", 0, prefixed)
    return start


# ---------------------------------------------------------------- PowerPoint and DrawingML


def _drawing_paragraphs(xml: str, location: str, ctx: Context) -> Iterator[Block]:
    """Yield one block per a:p (shapes, text boxes, tables, notes); parts without a key letter are skipped."""
    if raw_anchors(xml) == []:
        return
    parts: list[str] | None = None
    in_text = False
    for match in TOKEN.finditer(xml):
        close, _prefix, name, raw, chars = match.groups()
        if chars is not None:
            if in_text and parts is not None:
                parts.append(unescape(chars))
            continue
        empty = raw.endswith("/")
        if name == "p":
            if close:
                if parts is not None and "".join(parts).strip():
                    yield Block("".join(parts), location, ctx.part)
                parts = None
            elif not empty:
                parts = []
        elif name == "t":
            in_text = not close and not empty
        elif name == "br" and parts is not None:
            parts.append("\n")
        elif name == "text" and not empty:  # comment text (p:cm/p:text)
            in_text = not close
            if close and parts is None:
                pass


def powerpoint_blocks(archive: zipfile.ZipFile, ctx: Context) -> Iterator[Block]:
    """Yield the paragraphs of every slide ("slide 3"), its notes ("slide 3 notes") and comments."""
    presentation = member_text(archive, "ppt/presentation.xml", ctx, required=True) or ""
    rels = _rels(archive, "ppt/presentation.xml", ctx)
    order = [rels[rid][1] for rid in re.findall(r'<p:sldId\b[^>]*\br:id="([^"]+)"', presentation) if rid in rels]
    if not order:
        order = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
    for number, part in enumerate(order, start=1):
        where = f"slide {number}"
        yield from _drawing_paragraphs(member_text(archive, part, ctx, required=True) or "", where, ctx)
        for kind, target in _rels(archive, part, ctx).values():
            if kind == "notesSlide":
                yield from _drawing_paragraphs(member_text(archive, target, ctx) or "", f"{where} notes", ctx)
            elif kind == "comments":
                yield from _comment_texts(member_text(archive, target, ctx) or "", f"{where} comment", ctx)
    for name in archive.namelist():
        if re.fullmatch(r"ppt/slideMasters/slideMaster\d+\.xml", name):
            yield from _drawing_paragraphs(member_text(archive, name, ctx) or "", "slide master", ctx)
    yield from properties(archive, ctx)


def _comment_texts(xml: str, location: str, ctx: Context) -> Iterator[Block]:
    for match in re.finditer(r"<(?:\w+:)?text\b[^>]*>([^<]*)</(?:\w+:)?text>", xml):
        yield Block(unescape(match.group(1)), location, ctx.part)
    yield from _drawing_paragraphs(xml, location, ctx)


def ooxml_blocks(archive: zipfile.ZipFile, ctx: Context) -> Iterator[Block]:
    """Yield the blocks of an OOXML package, whatever its extension says, by its content."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        yield from excel_blocks(archive, ctx)
    elif "ppt/presentation.xml" in names:
        yield from powerpoint_blocks(archive, ctx)
    else:
        yield from word_blocks(archive, ctx)
