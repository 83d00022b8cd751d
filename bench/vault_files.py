"""Benchmark: upload, view and download of many real-sized files through the vault's services (issue 13).

    .venv/bin/python bench/vault_files.py                                   # 1,000 files of 1–20 MB
    .venv/bin/python bench/vault_files.py --files 100 --views 100 --downloads 20

A throw-away installation (temporary BMNN_DATA_DIR, SQLite, development key beside it) loaded with the demo;
the files are what an agency holds electronically, 1 to 20 MB each, every one carrying its level mark:
- mostly born-digital PDFs (``--scanned`` share apart), as Word or LibreOffice exports them: pages of
  Vietnamese text in an embedded font, the level mark in red at the top of page 1, photographs and figures
  (JPEG) through the document, which make the size;
- scans (``--scanned``, 13 % by default): greyscale JPEG pages at 150 dpi, typed lines on a slightly noisy
  page, the level stamp printed on page 1 (the marks check reads it by OCR).
Drawn from a pool of distinct generated documents (each upload is still encrypted under its own data key).
Timed phases, each through the same service the screens, the API and the command call:

- upload, encrypt: ``encrypt_file`` streaming the file from disk straight into the chunk buffer (the command
  line's path); MB/s, against raw AES-GCM of the same library over the same bytes, in memory and written to
  disk (the issue's goal: the vault at least 50 % of raw in memory);
- upload, marks check: ``file_check``'s check in its capped child process (text layer, or OCR of the first
  pages of a scan), per kind of file;
- upload, store: ``file_store`` (wrap the data key, the record, the audit event); a difference of marks is
  confirmed with a reason, as on the screen;
- view: ``page_view`` of page 1 (decrypt the chunks PDFium asks for, render, overlay, PNG, audit event);
- download: ``file_download`` under an approved copy request (decrypt the whole file, rebuild every page with
  the overlay and the copy number, the copy register entry and the audit event). Requests are approved
  beforehand, outside the timing.

Prints one table with p50/p95 per file and totals, and the load average, since the machine may be shared.
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
os.environ["BMNN_DATA_DIR"] = tempfile.mkdtemp(prefix="bmnn-bench-vault-files-")
os.environ["BMNN_DEBUG"] = "1"  # the development key beside the data directory
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")

import django  # noqa: E402

django.setup()

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bmnn.approvals.services import request_decide  # noqa: E402
from bmnn.core.levels import Level  # noqa: E402
from bmnn.lifecycle.services.copying import copy_request  # noqa: E402
from bmnn.org.models import Person  # noqa: E402
from bmnn.registry.choices import CopyForm  # noqa: E402
from bmnn.registry.models import Carrier  # noqa: E402
from bmnn.vault import crypto, reading, services  # noqa: E402

PIECE = 64 * 1024
MB = 1024 * 1024


LINES = [
    "Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018;",
    "Căn cứ Nghị định số 26/2020/NĐ-CP quy định chi tiết một số điều của Luật Bảo vệ bí mật nhà nước;",
    "Theo đề nghị của Trưởng phòng Khảo thí và Quản lý chất lượng giáo dục,",
    "Điều 1. Phê duyệt phương án bảo đảm an toàn đề thi, đáp án và hướng dẫn chấm của kỳ thi năm nay.",
    "Điều 2. Ban Đề thi làm việc tại khu vực cách ly, có lực lượng công an bảo vệ 24/24 giờ.",
    "Điều 3. Các đơn vị, cá nhân có liên quan chịu trách nhiệm thi hành phương án này.",
    "Số liệu tổng hợp theo từng đơn vị được trình bày tại phụ lục kèm theo văn bản này.",
]


def photo(width: int, height: int, rng: random.Random) -> io.BytesIO:
    """A photograph-like JPEG (smooth light, fine grain): about as compressible as a camera's picture."""
    from PIL import Image

    grain = Image.effect_noise((width, height), 25 + rng.random() * 25)
    light = Image.linear_gradient("L").resize((width, height)).rotate(rng.randrange(360))
    red = Image.blend(grain, light, 0.5)
    image = Image.merge("RGB", (red, Image.blend(grain, light, 0.3), light))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80 + rng.randrange(12))
    buffer.seek(0)
    return buffer


def born_digital_pdf(size_mb: float, seed: int, mark: str) -> bytes:
    """A document exported from a word processor: text pages, the red level mark on page 1, pictures."""
    from fpdf import FPDF

    from bmnn.documents.fonts import serif_fonts

    rng = random.Random(seed)  # noqa: S311 (test data, not a secret)
    fonts = serif_fonts()
    pdf = FPDF(format="A4")
    pdf.add_font("serif", "", str(fonts[""]))
    pdf.add_font("serif", "B", str(fonts["B"]))
    pdf.set_auto_page_break(True, margin=20)
    target, written, page = size_mb * MB * 0.97, 0, 0
    while written < target and pdf.page < 300:
        pdf.add_page()
        page += 1
        if page == 1:
            pdf.set_font("serif", "B", 14)
            pdf.set_text_color(220, 0, 0)
            pdf.cell(0, 10, mark, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.cell(0, 12, "QUYẾT ĐỊNH", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("serif", "", 12)
        for _ in range(6):
            pdf.multi_cell(0, 6, rng.choice(LINES), new_x="LMARGIN", new_y="NEXT")
        picture = photo(1200 + rng.randrange(600), 800 + rng.randrange(400), rng)
        written += picture.getbuffer().nbytes
        pdf.image(picture, x=25, w=160, h=100)
        pdf.multi_cell(0, 6, f"Hình {page}. " + rng.choice(LINES), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf(size_mb: float, seed: int, mark: str) -> bytes:
    """A paper document scanned at 150 dpi: one greyscale JPEG a page, the level stamp on page 1."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    from bmnn.documents.fonts import serif_fonts

    rng = random.Random(seed)  # noqa: S311 (test data, not a secret)
    fonts = serif_fonts()
    body, stamp = ImageFont.truetype(str(fonts[""]), 26), ImageFont.truetype(str(fonts["B"]), 44)
    pdf = FPDF(unit="pt", format="A4")
    target, written = size_mb * MB * 0.98, 0
    while written < target and pdf.page < 400:
        paper = Image.new("L", (1240, 1754), 245)
        draw = ImageDraw.Draw(paper)
        top = 120
        if pdf.page == 0:
            draw.rectangle((110, 90, 420, 170), outline=40, width=4)
            draw.text((130, 100), mark, font=stamp, fill=30)
            top = 240
        for n in range((1754 - top - 120) // 46):
            draw.text((120, top + 46 * n), rng.choice(LINES)[:70], font=body, fill=20)
        grain = Image.effect_noise((1240, 1754), 12 + rng.random() * 10)
        page = Image.blend(paper, grain, 0.18)
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=75 + rng.randrange(15))
        written += buffer.tell()
        buffer.seek(0)
        pdf.add_page()
        pdf.image(buffer, 0, 0, 595, 842)
    return bytes(pdf.output())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def row(name: str, values: list[float], megabytes: float | None = None) -> None:
    if not values:
        return
    rate = f"{megabytes / sum(values):7.0f}" if megabytes is not None else f"{'':>7}"
    print(
        f"{name:40} {len(values):6} {statistics.median(values):7.3f} {pct(values, 0.95):7.3f} {sum(values):8.1f} {rate}"
    )


def raw_aes_gcm(chosen: list[Path], out: Path | None) -> float:
    """Seconds for raw AES-GCM over the same bytes, read from the files a chunk at a time; the fastest of the
    vault's chunk size and 1 MiB (the best raw figure is the ceiling the vault is held against)."""
    best = float("inf")
    for chunk in sorted({crypto.CHUNK_SIZE, MB}):
        aead, nonce = AESGCM(crypto.new_key()), os.urandom(12)
        start = time.perf_counter()
        for path in chosen:
            with path.open("rb") as source:
                sink = out.open("wb") if out is not None else None
                while piece := source.read(chunk):
                    sealed = aead.encrypt(nonce, piece, b"")
                    if sink is not None:
                        sink.write(sealed)
                if sink is not None:
                    sink.close()
                    out.unlink()  # type: ignore[union-attr]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--min-mb", type=float, default=1)
    parser.add_argument("--max-mb", type=float, default=20)
    parser.add_argument("--scanned", type=float, default=0.13, help="share of scans among the files")
    parser.add_argument("--views", type=int, default=None, help="files whose page 1 is viewed (default: all)")
    parser.add_argument(
        "--downloads",
        type=int,
        default=50,
        help="files downloaded as copies (each rebuilds every page: minutes for a 1,000-file run)",
    )
    parser.add_argument("--pool", type=int, default=24, help="distinct generated documents")
    parser.add_argument("--pool-dir", type=Path, help="keep the generated documents here, or reuse those already in it")
    parser.add_argument(
        "--minutes",
        type=float,
        default=None,
        help="time budget: uploads stop at 70 %% of it, views at 85 %%, downloads at 100 %% (the table says how many)",
    )
    args = parser.parse_args()
    rng = random.Random(7)  # noqa: S311 (test data, not a secret)
    began = time.perf_counter()

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    clerk = Person.objects.get(username="vanthu")
    director = Person.objects.get(username="giamdoc")
    carrier = (
        Carrier.objects.filter(
            custodian=clerk, original__isnull=True, copy_permitted=True, status="IN_STORAGE", level="TOI_MAT"
        )
        .order_by("pk")
        .first()
    )
    if carrier is None:
        raise SystemExit("the demo has no Tối mật record of the clerk in storage")
    mark = Level(carrier.level).label.upper()
    work = args.pool_dir or Path(tempfile.mkdtemp(prefix="bmnn-bench-vault-pool-"))
    work.mkdir(parents=True, exist_ok=True)
    scans = max(1, round(args.pool * args.scanned)) if args.scanned > 0 else 0
    pool: dict[str, list[Path]] = {"born-digital": [], "scan": []}
    for kind, count, make in (("born-digital", args.pool - scans, born_digital_pdf), ("scan", scans, scanned_pdf)):
        for n in range(count):
            size = args.min_mb + (args.max_mb - args.min_mb) * n / max(1, count - 1)
            path = work / f"{kind}-{n}.pdf"
            if not path.exists():
                path.write_bytes(make(size, n, mark))
            pool[kind].append(path)
    ready = time.perf_counter()  # the budget counts from here: the setup and the pool are apart
    budget = args.minutes * 60 if args.minutes else float("inf")

    def within(share: float) -> bool:
        return time.perf_counter() < ready + budget * share

    every = pool["born-digital"] + pool["scan"]
    print(
        f"pool: {len(pool['born-digital'])} born-digital and {len(pool['scan'])} scanned PDFs, "
        f"{min(p.stat().st_size for p in every) / MB:.1f}–{max(p.stat().st_size for p in every) / MB:.1f} MB, "
        f"made in {time.perf_counter() - began:.0f} s; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )

    chosen = [
        rng.choice(pool["scan"]) if pool["scan"] and rng.random() < args.scanned else rng.choice(pool["born-digital"])
        for _ in range(args.files)
    ]
    kinds = {path: ("scan" if path in pool["scan"] else "born-digital") for path in every}

    encrypts, checks, stores, stored_files = [], {"born-digital": [], "scan": []}, [], []
    marks_read = {"born-digital": 0, "scan": 0}
    for n, path in enumerate(chosen):
        if not within(0.7):
            print(f"  time budget: uploads stop after {n} of {len(chosen)} files", flush=True)
            chosen = chosen[:n]
            break
        start = time.perf_counter()
        with path.open("rb") as source:
            upload = services.encrypt_file(source, f"ho-so-{n}.pdf")
        encrypted = time.perf_counter()
        checked = services.file_check(upload)
        scanned = time.perf_counter()
        agree = not services.marks_disagreement(checked[1], carrier.level)
        marks_read[kinds[path]] += agree
        # A mark the check could not read (a faint scan) is confirmed by the clerk with a reason, as on the screen.
        reason = "" if agree else "Bản quét, dấu độ mật trên trang 1 không đọc được tự động"
        stored_files.append(
            services.file_store(actor=clerk, carrier=carrier, upload=upload, reason=reason, checked=checked)
        )
        encrypts.append(encrypted - start)
        checks[kinds[path]].append(scanned - encrypted)
        stores.append(time.perf_counter() - scanned)
        if (n + 1) % 100 == 0:
            print(f"  uploaded {n + 1} files, {time.perf_counter() - began:.0f} s", flush=True)

    total_bytes = sum(p.stat().st_size for p in chosen)
    raw = raw_aes_gcm(chosen, None)  # over the files uploaded, once they are done (their bytes in the page cache)
    raw_disk = raw_aes_gcm(chosen, work / "raw.enc")

    views = []
    for stored in stored_files[: args.views if args.views is not None else len(stored_files)]:
        if not within(0.85):
            break
        start = time.perf_counter()
        reading.page_view(actor=clerk, stored=stored, page=1)
        views.append(time.perf_counter() - start)
    print(f"  viewed {len(views)} files, {time.perf_counter() - began:.0f} s", flush=True)

    downloads, downloaded_bytes = [], 0
    for stored in stored_files[: args.downloads]:
        if not within(1.0):
            break
        request = copy_request(
            actor=clerk,
            carrier=carrier,
            form=CopyForm.TRUE_COPY,
            count=1,
            recipients="Lưu hồ sơ",
            reasons="Đo hiệu năng",
        )
        request_decide(actor=director, request=request, approve=True)
        start = time.perf_counter()
        services.file_download(actor=clerk, stored=stored, request=request)
        downloads.append(time.perf_counter() - start)
        downloaded_bytes += stored.size

    up_total = sum(encrypts) or float("nan")
    count = {kind: sum(1 for p in chosen if kinds[p] == kind) for kind in pool}
    print(
        f"\n{len(chosen)} files uploaded of {args.files} asked ({count['born-digital']} born-digital, "
        f"{count['scan']} scans), "
        f"{total_bytes / MB:,.0f} MB in all, {time.perf_counter() - began:.0f} s; "
        f"load average at the end {os.getloadavg()[0]:.1f}"
    )
    print(
        f"marks read and agreeing with the record: {marks_read['born-digital']} of {count['born-digital']} "
        f"born-digital, {marks_read['scan']} of {count['scan']} scans (the others confirmed with a reason)"
    )
    print(f"{'phase':40} {'files':>6} {'p50 s':>7} {'p95 s':>7} {'total s':>8} {'MB/s':>7}")
    print(
        f"{'raw AES-GCM (same bytes, no disk)':40} {len(chosen):6} {'':>7} {'':>7} {raw:8.1f} "
        f"{total_bytes / MB / raw:7.0f}"
    )
    print(
        f"{'raw AES-GCM -> disk':40} {len(chosen):6} {'':>7} {'':>7} {raw_disk:8.1f} {total_bytes / MB / raw_disk:7.0f}"
    )
    row("upload: encrypt (streamed to disk)", encrypts, total_bytes / MB)
    row("upload: marks check, born-digital", checks["born-digital"])
    row("upload: marks check, scans (OCR)", checks["scan"])
    row("upload: store (wrap key, record, audit)", stores)
    row("view page 1 (render, overlay, audit)", views)
    row("download (watermarked copy, audit)", downloads, downloaded_bytes / MB)
    print(
        f"encryption throughput / raw AES-GCM: {raw / up_total:.0%} of it in memory, {raw_disk / up_total:.0%} of it "
        "written to disk (goal: at least 50 % of it in memory)"
    )
    if args.pool_dir is None:
        for path in every:
            path.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
