"""Benchmark: the per-upload cost of checking a file in a capped child process (issue 12).

    .venv/bin/python bench/upload_scan.py                 # 20 rounds of each file
    .venv/bin/python bench/upload_scan.py --rounds 50

Every uploaded file is checked by ``bmnn.core.uploadscan.scan_upload``: a new ``python -m bmnn.scan.worker``
process (nice 10, address-space and CPU caps) reads the bytes on a pipe and answers in JSON. This measures, for
realistic files, the time of that check against the same scan run in this process (``bmnn.scan.scan_bytes``,
what the web process did before), so the difference is the overhead of isolation: starting the interpreter,
importing the scanner, the pipe.

Files: a 10-page text PDF (a plan with its annexes), a DOCX of about 2 MB (a report with embedded photographs),
a one-page scanned PDF (read by OCR) and an empty-ish text file (the floor: the process start alone).
Prints p50/p95 per file in milliseconds and the load average, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ["BMNN_DATA_DIR"] = tempfile.mkdtemp(prefix="bmnn-bench-upload-scan-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")

import django  # noqa: E402

django.setup()

from tests.helpers import docx_bytes, image_pdf  # noqa: E402

from bmnn.core.uploadscan import scan_upload  # noqa: E402
from bmnn.documents.fonts import serif_fonts  # noqa: E402
from bmnn.scan import ScanOptions, scan_bytes  # noqa: E402


def ten_page_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("serif", "", str(serif_fonts()[""]))
    pdf.set_font("serif", size=12)
    for page in range(1, 11):
        pdf.add_page()
        for line in range(1, 41):
            pdf.cell(
                0,
                6,
                f"Trang {page}, mục {line}: tổ chức thực hiện công tác bảo vệ bí mật nhà nước năm 2026.",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())


def two_mb_docx() -> bytes:
    """Paragraphs of text plus noisy JPEG photographs in word/media, about 2 MB in all."""
    from PIL import Image

    rng = random.Random(7)  # noqa: S311 - reproducible noise for the photographs, not a secret
    paragraphs = [f"Đoạn {n}: kết quả tự kiểm tra công tác bảo vệ bí mật nhà nước." for n in range(2000)]
    media: dict[str, bytes] = {}
    while sum(len(d) for d in media.values()) < 2 * 1024 * 1024 - 60_000:
        photo = Image.frombytes("RGB", (400, 300), rng.randbytes(400 * 300 * 3))
        jpeg = io.BytesIO()
        photo.save(jpeg, "JPEG", quality=85)
        media[f"image{len(media) + 1}.jpeg"] = jpeg.getvalue()
    return docx_bytes(*paragraphs, media=media)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    files = [
        ("văn bản ngắn (.txt, 1 KB)", "ghi-chu.txt", "Biên bản họp giao ban.\n".encode() * 40),
        ("PDF 10 trang có lớp chữ", "ke-hoach.pdf", ten_page_pdf()),
        ("DOCX khoảng 2 MB (có ảnh)", "bao-cao.docx", two_mb_docx()),
        ("PDF quét 1 trang (OCR)", "ban-quet.pdf", image_pdf(1)),
    ]
    print(f"Tải hệ thống (1/5/15 phút): {os.getloadavg()}; {args.rounds} lần mỗi tệp\n")
    print(
        f"{'Tệp':30} {'cỡ':>9} {'kết quả':>10} {'tiến trình con p50':>19} {'p95':>8} "
        f"{'trong tiến trình p50':>21} {'p95':>8} {'chênh p50':>10}"
    )
    rounds = args.rounds
    for label, name, data in files:
        isolated, inline = [], []
        answer = ""
        for _ in range(rounds if "OCR" not in label else max(3, rounds // 4)):
            started = time.perf_counter()
            answer = scan_upload(data, name).status
            isolated.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            scan_bytes(data, name, ScanOptions(ocr_jobs=1))
            inline.append((time.perf_counter() - started) * 1000)
        print(
            f"{label:30} {len(data) / 1024:>7.0f}KB {answer:>10} {statistics.median(isolated):>17.0f}ms "
            f"{percentile(isolated, 0.95):>6.0f}ms {statistics.median(inline):>19.0f}ms "
            f"{percentile(inline, 0.95):>6.0f}ms {statistics.median(isolated) - statistics.median(inline):>8.0f}ms"
        )


if __name__ == "__main__":
    main()
