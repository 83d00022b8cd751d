"""A small streaming tokenizer over XML text, enough to read office documents quickly.

It never resolves entities or DTDs (so no entity bombs) and works on the text of one XML part.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator

from ..errors import ArchiveBombError
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


def member_text(archive: zipfile.ZipFile, name: str, ctx: Context) -> str | None:
    """Return a member decoded as UTF-8 text, or None when it is absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return read_member(archive, info, ctx).decode("utf-8", "replace")


def all_text_nodes(xml: str) -> Iterator[str]:
    """Yield the non-blank character data of an XML part (document properties)."""
    for match in TOKEN.finditer(xml):
        text = match.group(5)
        if text is not None and text.strip():
            yield unescape(text).strip()
