"""OpenDocument: text (.odt), spreadsheets (.ods) and presentations (.odp)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from ..errors import ExtractionError
from ..model import Block
from .context import Context
from .xmltext import TOKEN, all_text_nodes, local_attr, member_text, unescape


def column_name(index: int) -> str:
    """Return the spreadsheet column name of a 1-based index (1 -> A, 28 -> AB)."""
    name = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def odf_blocks(archive: zipfile.ZipFile, ctx: Context) -> Iterator[Block]:
    """Yield paragraphs of content.xml, the headers and footers of styles.xml, and meta.xml."""
    names = set(archive.namelist())
    mimetype = archive.read("mimetype")[:200].decode("ascii", "replace") if "mimetype" in names else ""
    manifest = member_text(archive, "META-INF/manifest.xml", ctx) or ""
    if "encryption-data" in manifest:
        raise ExtractionError("Tệp OpenDocument được mã hóa bằng mật khẩu, không đọc được")
    cells = "spreadsheet" in mimetype
    yield from _walk(member_text(archive, "content.xml", ctx, required=True) or "", ctx, cells=cells)
    yield from _walk(member_text(archive, "styles.xml", ctx) or "", ctx)
    meta = member_text(archive, "meta.xml", ctx)
    if meta:
        for text in all_text_nodes(meta):
            yield Block(text, "properties", ctx.part)


_CONTEXT_ELEMENTS = {
    ("style", "header"): "header",
    ("style", "header-first"): "header",
    ("style", "header-left"): "header",
    ("style", "footer"): "footer",
    ("style", "footer-first"): "footer",
    ("style", "footer-left"): "footer",
    ("draw", "text-box"): "text box",
    ("office", "annotation"): "comment",
    ("text", "note-body"): "footnote",
    ("presentation", "notes"): "notes",
}
_SKIPPED = {("text", "note-citation"), ("office", "annotation-end")}


def _walk(xml: str, ctx: Context, cells: bool = False) -> Iterator[Block]:
    stack: list[list[str]] = []
    where: list[str] = []
    skip = 0
    sheet = ""
    row = col = 0
    row_repeat = 1
    page = 0
    body = "page 1"
    for match in TOKEN.finditer(xml):
        close, prefix, name, raw, chars = match.groups()
        if chars is not None:
            if stack and not skip:
                stack[-1].append(unescape(chars))
            continue
        empty = raw.endswith("/")
        key = (prefix, name)
        if key in _SKIPPED and not empty:
            skip += -1 if close else 1
        elif key in _CONTEXT_ELEMENTS and not empty:
            if close:
                where.pop()
            else:
                where.append(_CONTEXT_ELEMENTS[key])
        elif prefix == "text" and name in ("p", "h"):
            if close:
                if stack:
                    text = "".join(stack.pop())
                    if text.strip():
                        yield Block(text, _location(where, body), ctx.part)
            elif not empty:
                stack.append([])
        elif prefix == "text" and stack and not close:
            if name == "s":
                stack[-1].append(" " * int(local_attr(raw, "c") or 1))
            elif name == "tab":
                stack[-1].append("\t")
            elif name == "line-break":
                stack[-1].append("\n")
        elif prefix == "table" and name == "table" and not close:
            sheet, row = local_attr(raw, "name") or "", 0
        elif prefix == "table" and name == "table-row" and not close:
            row, col = row + 1, 0
            row_repeat = min(int(local_attr(raw, "number-rows-repeated") or 1), 1_000_000)
            if empty:
                row += row_repeat - 1
        elif prefix == "table" and name == "table-row" and close:
            row += row_repeat - 1
            row_repeat = 1
        elif prefix == "table" and name in ("table-cell", "covered-table-cell") and not close:
            col += 1
            repeat = int(local_attr(raw, "number-columns-repeated") or 1)
            body = f"{sheet}!{column_name(col)}{row}" if cells else body
            col += min(repeat, 1_000_000) - 1
        elif prefix == "table" and name == "table" and close:
            sheet = ""
            body = f"slide {page}" if page else "page 1"
        elif prefix == "draw" and name == "page" and not close:
            page += 1
            body = f"slide {page}"


def _location(where: list[str], body: str) -> str:
    if not where:
        return body
    if "notes" in where:  # the notes of a slide hold their text in frames too
        return f"{body} notes" if body.startswith("slide") else "notes"
    if where[0] in ("header", "footer"):
        return where[0]
    if body.startswith("slide") and where[-1] == "text box":
        return body  # every shape of a slide is a text box
    return where[-1]
