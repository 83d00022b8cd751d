"""Rich Text Format: a tokenizer that keeps the visible text and knows where it stands."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block
from .context import Context

_TOKEN = re.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.S)
_SKIP_DESTINATIONS = {
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"listtable",
    b"listoverridetable",
    b"pict",
    b"object",
    b"objdata",
    b"themedata",
    b"colorschememapping",
    b"datastore",
    b"latentstyles",
    b"rsidtbl",
    b"generator",
    b"xmlnstbl",
    b"mmathPr",
    b"fldinst",
    b"bkmkstart",
    b"bkmkend",
    b"sp",
    b"sn",
    b"nonshppict",
    b"blipuid",
    b"filetbl",
    b"revtbl",
    b"pgdsctbl",
    b"userprops",
    b"wgrffmtfilter",
    b"operator",
    b"password",
    b"template",
}
_WHERE = {
    b"header": "header", b"headerl": "header", b"headerr": "header", b"headerf": "header",
    b"footer": "footer", b"footerl": "footer", b"footerr": "footer", b"footerf": "footer",
    b"footnote": "footnote", b"annotation": "comment", b"shptxt": "text box", b"info": "properties",
}  # fmt: skip
_BREAKS = {b"par": "\n", b"line": "\n", b"cell": "\n", b"row": "\n", b"tab": "\t", b"sect": "\n", b"page": "\n"}
_CHARS = {b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’", b"ldblquote": "“", b"rdblquote": "”"}


def rtf_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Yield the paragraphs of an RTF file with their location (page, header, footnote, text box...)."""
    codepage = "cp1252"
    declared = re.search(rb"\\ansicpg(\d+)", data[:4096])
    if declared:
        codepage = f"cp{int(declared.group(1))}"
    # Each group: (skipped, location, unicode skip count).
    stack: list[tuple[bool, str, int]] = []
    skipped, where, uc = False, "", 1
    page = 1
    pending_skip = 0
    star = False
    texts: dict[str, list[str]] = {}
    hexbytes = bytearray()

    def out(location: str, text: str) -> None:
        texts.setdefault(location, []).append(text)

    def flush_hex() -> None:
        if hexbytes:
            try:
                out(where or f"page {page}", bytes(hexbytes).decode(codepage, "replace"))
            except LookupError:
                out(where or f"page {page}", bytes(hexbytes).decode("latin-1"))
            hexbytes.clear()

    for match in _TOKEN.finditer(data):
        word, number, hexcode, symbol, brace, chars = match.groups()
        if hexcode is None:
            flush_hex()
        if pending_skip and (hexcode is not None or chars is not None):
            if chars is not None and len(chars) > pending_skip:
                chars = chars[pending_skip:]
                pending_skip = 0
            else:
                pending_skip -= 1 if hexcode is not None else len(chars or b"")
                pending_skip = max(pending_skip, 0)
                continue
        if brace == b"{":
            stack.append((skipped, where, uc))
            star = False
        elif brace == b"}":
            if stack:
                skipped, where, uc = stack.pop()
            star = False
        elif word is not None:
            if word in _SKIP_DESTINATIONS or (star and word not in _WHERE and word not in (b"shpinst",)):
                skipped = True
            elif word in _WHERE:
                where = _WHERE[word]
            elif skipped:
                continue
            elif word == b"uc":
                uc = int(number or 1)
            elif word == b"u":
                code = int(number or 0)
                out(where or f"page {page}", chr(code + 65536 if code < 0 else code))
                pending_skip = uc
            elif word in _BREAKS:
                out(where or f"page {page}", _BREAKS[word])
                if word == b"page":
                    page += 1
            elif word in _CHARS:
                out(where or f"page {page}", _CHARS[word])
            star = False
        elif symbol is not None:
            if symbol == b"*":
                star = True
            elif not skipped and symbol in (b"\\", b"{", b"}"):
                out(where or f"page {page}", symbol.decode())
            elif not skipped and symbol == b"~":
                out(where or f"page {page}", " ")
        elif hexcode is not None and not skipped:
            hexbytes.append(int(hexcode, 16))
        elif chars is not None and not skipped:
            out(where or f"page {page}", chars.decode(codepage, "replace"))
    flush_hex()
    for location, pieces in texts.items():
        for line in "".join(pieces).split("\n"):
            if line.strip():
                yield Block(line, location, ctx.part)
