"""Locate the serif font used in generated PDFs: Liberation Serif (metric-compatible with Times New Roman).

Search order: the directory in the environment variable ``BMNN_FONT_DIR``, then the usual font
directories of Debian/Ubuntu (packages fonts-liberation2, fonts-liberation) and of the user.
A directory holding Times New Roman's own files (times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf)
is accepted as well.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .errors import FontMissing

STYLES = ("", "B", "I", "BI")
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "": ("LiberationSerif-Regular.ttf", "times.ttf", "Times New Roman.ttf"),
    "B": ("LiberationSerif-Bold.ttf", "timesbd.ttf", "Times New Roman Bold.ttf"),
    "I": ("LiberationSerif-Italic.ttf", "timesi.ttf", "Times New Roman Italic.ttf"),
    "BI": ("LiberationSerif-BoldItalic.ttf", "timesbi.ttf", "Times New Roman Bold Italic.ttf"),
}
_SYSTEM_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-serif",  # Fedora, RHEL
    "/usr/share/fonts/truetype/msttcorefonts",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)


def _search_dirs() -> list[Path]:
    dirs = [os.environ["BMNN_FONT_DIR"]] if os.environ.get("BMNN_FONT_DIR") else []
    return [Path(d).expanduser() for d in [*dirs, *_SYSTEM_DIRS]]


def _find_in(directory: Path) -> dict[str, Path] | None:
    if not directory.is_dir():
        return None
    found: dict[str, Path] = {}
    for style, names in _CANDIDATES.items():
        for name in names:
            hits = [directory / name] if (directory / name).is_file() else sorted(directory.rglob(name))
            if hits:
                found[style] = hits[0]
                break
    return found if len(found) == len(STYLES) else None


@functools.lru_cache(maxsize=4)
def _locate(key: str) -> dict[str, Path]:
    for directory in _search_dirs():
        found = _find_in(directory)
        if found:
            return found
    raise FontMissing(
        "Không tìm thấy phông chữ Liberation Serif (tương thích Times New Roman) để xuất tệp PDF. "
        "Hãy cài gói fonts-liberation2 (lệnh: apt-get install fonts-liberation2) hoặc đặt biến môi trường "
        "BMNN_FONT_DIR trỏ tới thư mục chứa LiberationSerif-Regular.ttf, LiberationSerif-Bold.ttf, "
        "LiberationSerif-Italic.ttf và LiberationSerif-BoldItalic.ttf. Đã tìm trong: "
        + ", ".join(str(d) for d in _search_dirs())
    )


def serif_fonts() -> dict[str, Path]:
    """Return the TTF path of each style ("", "B", "I", "BI"); raise FontMissing when none is found."""
    return _locate(os.environ.get("BMNN_FONT_DIR", ""))
