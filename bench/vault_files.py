"""Benchmark: upload, view and download of many real-sized files through the vault's services (issue 13).

    .venv/bin/python bench/vault_files.py                                   # 1,000 files of 1–20 MB
    .venv/bin/python bench/vault_files.py --files 100 --views 100 --downloads 20

A throw-away installation (temporary BMNN_DATA_DIR, SQLite, development key beside it) loaded with the demo;
the files are what agencies store: scanned-page PDFs (one JPEG per page, A4 at 150 dpi, about 0.5 MB a page),
1 to 20 MB each, drawn from a pool of distinct generated documents (each upload is still encrypted under its
own data key). Three timed phases, each through the same service the screens, the API and the command call:

- upload: ``encrypt_file`` then ``file_store``, streaming the file from disk chunk by chunk (the command line's path)
  (encrypt, the marks check in its capped child process with OCR of the first pages, wrap the data key, the
  audit event); MB/s, against raw AES-GCM of the same library over the same
  bytes, in memory and written to disk (the issue's goal: the vault at least 50 % of it);
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
from bmnn.lifecycle.services.copying import copy_request  # noqa: E402
from bmnn.org.models import Person  # noqa: E402
from bmnn.registry.choices import CopyForm  # noqa: E402
from bmnn.registry.models import Carrier  # noqa: E402
from bmnn.vault import crypto, reading, services  # noqa: E402

PIECE = 64 * 1024
MB = 1024 * 1024


def scanned_pdf(size_mb: float, seed: int) -> bytes:
    """A scan-like PDF of about ``size_mb``: pages of noisy greyscale JPEG (as a copier's scan compresses)."""
    from fpdf import FPDF
    from PIL import Image

    rng = random.Random(seed)  # noqa: S311 (test data, not a secret)
    pdf = FPDF(unit="pt", format="A4")
    target, written = size_mb * MB, 0
    while written < target * 0.98 and pdf.page < 400:
        image = Image.effect_noise((1240, 1754), 40 + rng.random() * 30).convert("L")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=60 + rng.randrange(25))
        written += buffer.tell()
        buffer.seek(0)
        pdf.add_page()
        pdf.image(buffer, 0, 0, 595, 842)
    return bytes(pdf.output())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--min-mb", type=float, default=1)
    parser.add_argument("--max-mb", type=float, default=20)
    parser.add_argument("--views", type=int, default=None, help="files whose page 1 is viewed (default: all)")
    parser.add_argument(
        "--downloads",
        type=int,
        default=50,
        help="files downloaded as copies (each rebuilds every page: minutes for a 1,000-file run)",
    )
    parser.add_argument("--pool", type=int, default=12, help="distinct generated documents")
    args = parser.parse_args()
    rng = random.Random(7)  # noqa: S311 (test data, not a secret)

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
    work = Path(tempfile.mkdtemp(prefix="bmnn-bench-vault-pool-"))
    sizes = sorted(args.min_mb + (args.max_mb - args.min_mb) * i / max(1, args.pool - 1) for i in range(args.pool))
    pool = []
    for n, size in enumerate(sizes):
        path = work / f"scan-{n}.pdf"
        path.write_bytes(scanned_pdf(size, n))
        pool.append(path)
    print(
        f"pool: {len(pool)} scanned PDFs, {min(p.stat().st_size for p in pool) / MB:.1f}–"
        f"{max(p.stat().st_size for p in pool) / MB:.1f} MB; load average {os.getloadavg()[0]:.1f}"
    )

    chosen = [rng.choice(pool) for _ in range(args.files)]
    total_bytes = sum(p.stat().st_size for p in chosen)

    # Raw AES-GCM over the same bytes, read from the same files in 1 MiB chunks (the ceiling).
    aead, nonce = AESGCM(crypto.new_key()), os.urandom(12)
    start = time.perf_counter()
    for path in chosen:
        with path.open("rb") as source:
            while chunk := source.read(crypto.CHUNK_SIZE):
                aead.encrypt(nonce, chunk, b"")
    raw = time.perf_counter() - start
    start = time.perf_counter()
    for path in chosen:  # the same, written to a file as the vault writes its ciphertext
        with path.open("rb") as source, (work / "raw.enc").open("wb") as out:
            while chunk := source.read(crypto.CHUNK_SIZE):
                out.write(aead.encrypt(nonce, chunk, b""))
    raw_disk = time.perf_counter() - start
    (work / "raw.enc").unlink()

    encrypts, stores, stored_files = [], [], []
    for n, path in enumerate(chosen):
        start = time.perf_counter()
        with path.open("rb") as source:
            upload = services.encrypt_file(source, f"ho-so-{n}.pdf")
        encrypted = time.perf_counter()
        # The scans carry no stamp the check can read: the clerk confirms it, as on the screen (R4).
        reason = "Bản quét không có dấu độ mật đọc được"
        stored_files.append(services.file_store(actor=clerk, carrier=carrier, upload=upload, reason=reason))
        encrypts.append(encrypted - start)
        stores.append(time.perf_counter() - encrypted)

    views = []
    for stored in stored_files[: args.views if args.views is not None else len(stored_files)]:
        start = time.perf_counter()
        reading.page_view(actor=clerk, stored=stored, page=1)
        views.append(time.perf_counter() - start)

    downloads, downloaded_bytes = [], 0
    for stored in stored_files[: args.downloads]:
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

    up_total = sum(encrypts)
    print(f"\n{args.files} files, {total_bytes / MB:,.0f} MB in all; load average at the end {os.getloadavg()[0]:.1f}")
    print(f"{'phase':34} {'files':>6} {'p50 s':>7} {'p95 s':>7} {'total s':>8} {'MB/s':>7}")
    print(
        f"{'raw AES-GCM (same bytes, no disk)':34} {args.files:6} {'':>7} {'':>7} {raw:8.1f} "
        f"{total_bytes / MB / raw:7.0f}"
    )
    print(
        f"{'raw AES-GCM -> disk':34} {args.files:6} {'':>7} {'':>7} {raw_disk:8.1f} {total_bytes / MB / raw_disk:7.0f}"
    )
    print(
        f"{'upload: encrypt (streamed to disk)':34} {len(encrypts):6} {statistics.median(encrypts):7.3f} "
        f"{pct(encrypts, 0.95):7.3f} {up_total:8.1f} {total_bytes / MB / up_total:7.0f}"
    )
    print(
        f"{'upload: marks check, store, audit':34} {len(stores):6} {statistics.median(stores):7.3f} "
        f"{pct(stores, 0.95):7.3f} {sum(stores):8.1f} {'':>7}"
    )
    if views:
        print(
            f"{'view page 1 (render, overlay, audit)':34} {len(views):6} {statistics.median(views):7.3f} "
            f"{pct(views, 0.95):7.3f} {sum(views):8.1f} {'':>7}"
        )
    if downloads:
        print(
            f"{'download (watermarked copy, audit)':34} {len(downloads):6} {statistics.median(downloads):7.3f} "
            f"{pct(downloads, 0.95):7.3f} {sum(downloads):8.1f} {downloaded_bytes / MB / sum(downloads):7.1f}"
        )
    print(
        f"encryption throughput / raw AES-GCM: {raw / up_total:.0%} of it in memory, {raw_disk / up_total:.0%} of it "
        "written to disk (goal: at least 50 %); the marks check (child process, OCR of the first pages) is apart"
    )
    for path in pool:
        path.unlink()
    work.rmdir()


if __name__ == "__main__":
    main()
