"""Benchmark: the vault's chunked envelope encryption against raw AES-256-GCM of the same library.

    .venv/bin/python bench/vault.py            # 64 MiB of data, 5 runs each
    .venv/bin/python bench/vault.py 256 3      # 256 MiB, 3 runs

Rows (MiB/s, best and median of the runs, single thread), each pair like for like:
- raw AES-GCM in the vault's chunk size, output discarded: ``AESGCM.encrypt`` over the same data (the ceiling);
- vault encrypt, output discarded: ``ChunkWriter`` fed 64 KiB pieces (as Django's upload handler feeds them),
  with its buffering, nonces, associated data and header, into a sink that drops the bytes;
- raw AES-GCM → disk and vault encrypt → disk: the same two into a file in a temporary directory, fsync at the end;
- raw AES-GCM, one shot: the whole buffer in one call (memory grows with the file: not what the vault does);
- raw / vault decrypt: ``AESGCM.decrypt`` per chunk from memory, and ``decrypt_chunks`` reading the file back.
Prints the ratios of the vault to raw AES-GCM (the issue's goal for encryption: at least 50%).
Then, for a generated 20-page PDF stored encrypted: seconds to view one page (open the decrypting reader,
render with PDFium, draw the overlay, encode PNG) and to build the watermarked copy of the whole file.
Needs no database: it times bmnn.vault.crypto and bmnn.vault.render directly.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from bmnn.vault import crypto  # noqa: E402

PIECE = 64 * 1024  # Django's upload handlers receive 64 KiB pieces


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    mib = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    data = os.urandom(mib * 1024 * 1024)
    key = crypto.new_key()
    aead = AESGCM(key)
    nonce = os.urandom(12)
    chunk = crypto.CHUNK_SIZE
    work = Path(tempfile.mkdtemp(prefix="bmnn-bench-vault-"))

    class Sink:
        def write(self, block: bytes) -> None:
            pass

    def raw_chunked() -> None:
        view = memoryview(data)
        for i in range(0, len(data), chunk):
            aead.encrypt(nonce, view[i : i + chunk], b"")

    def raw_one_shot() -> None:
        aead.encrypt(nonce, data, b"")

    def feed(out: object) -> None:
        writer = crypto.ChunkWriter(key, out)  # type: ignore[arg-type]
        view = memoryview(data)
        for i in range(0, len(data), PIECE):
            writer.write(view[i : i + PIECE])
        writer.close()

    def vault_discarded() -> None:
        feed(Sink())

    def raw_disk() -> None:
        with (work / "raw.enc").open("wb") as out:
            view = memoryview(data)
            for i in range(0, len(data), chunk):
                out.write(aead.encrypt(nonce, view[i : i + chunk], b""))
            out.flush()
            os.fsync(out.fileno())

    def vault_disk() -> None:
        with (work / "f.enc").open("wb") as out:
            feed(out)
            out.flush()
            os.fsync(out.fileno())

    vault_disk()
    encrypted_chunks = [aead.encrypt(nonce, data[i : i + chunk], b"") for i in range(0, len(data), chunk)]

    def raw_decrypt() -> None:
        for block in encrypted_chunks:
            aead.decrypt(nonce, block, b"")

    def vault_decrypt() -> None:
        with (work / "f.enc").open("rb") as source:
            for _ in crypto.decrypt_chunks(key, source):
                pass

    rows = [
        (f"raw AES-GCM, {chunk // 1024} KiB chunks, discarded", raw_chunked),
        ("vault encrypt, discarded", vault_discarded),
        ("raw AES-GCM -> disk (fsync)", raw_disk),
        ("vault encrypt -> disk (fsync)", vault_disk),
        ("raw AES-GCM, one shot", raw_one_shot),
        (f"raw AES-GCM decrypt, {chunk // 1024} KiB chunks", raw_decrypt),
        ("vault decrypt <- disk", vault_decrypt),
    ]
    results = {}
    print(f"{mib} MiB of random data, {runs} runs each, chunk {chunk // 1024} KiB, input pieces {PIECE // 1024} KiB")
    print(f"{'operation':38} {'best MiB/s':>11} {'median MiB/s':>13}")
    for name, fn in rows:
        times = timed(fn, runs)
        best, median = mib / min(times), mib / statistics.median(times)
        results[name] = median
        print(f"{name:38} {best:11.0f} {median:13.0f}")

    def ratio(vault: str, raw: str) -> str:
        return f"{results[vault] / results[raw]:.0%}"

    print("medians, vault / raw:")
    print(f"  encrypt, discarded:  {ratio('vault encrypt, discarded', rows[0][0])}")
    print(f"  encrypt -> disk:     {ratio('vault encrypt -> disk (fsync)', 'raw AES-GCM -> disk (fsync)')}")
    print(f"  decrypt:             {ratio('vault decrypt <- disk', rows[5][0])}")
    (work / "f.enc").unlink()
    (work / "raw.enc").unlink()
    views(work, key, runs)
    work.rmdir()


def views(work: Path, key: bytes, runs: int) -> None:
    from fpdf import FPDF

    from bmnn.documents.fonts import serif_fonts
    from bmnn.vault import render

    pdf = FPDF()
    pdf.add_font("serif", "", str(serif_fonts()[""]))
    pdf.set_font("serif", size=12)
    for n in range(20):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Trang {n + 1}. " + "Nội dung tài liệu điện tử mật dùng để đo. " * 60)
    data = bytes(pdf.output())
    with (work / "doc.enc").open("wb") as out:
        writer = crypto.ChunkWriter(key, out)
        writer.write(data)
        writer.close()
    overlay = render.Overlay("TỐI MẬT", ("Người đọc: Nguyễn Văn A – Văn phòng Sở", "Thời điểm: 09:00 07/12/2026"))

    def view(page: int) -> Callable[[], object]:
        def run() -> None:
            with crypto.DecryptingReader(key, (work / "doc.enc").open("rb")) as reader:
                render.page_png(reader, page, overlay)

        return run

    def copy() -> None:
        with (work / "doc.enc").open("rb") as source:
            plain = b"".join(crypto.decrypt_chunks(key, source))
        render.watermarked_pdf(plain, overlay)

    view(0)()  # load fonts and PDFium once
    print(f"\n20-page PDF ({len(data) // 1024} KiB), {runs} runs each")
    print(f"{'operation':44} {'best s':>7} {'median s':>9}")
    for name, fn in (
        ("view page 1 (decrypt, render, overlay, PNG)", view(0)),
        ("view page 20", view(19)),
        ("watermarked copy, 20 pages", copy),
    ):
        times = timed(fn, runs)
        print(f"{name:44} {min(times):7.2f} {statistics.median(times):9.2f}")
    (work / "doc.enc").unlink()


if __name__ == "__main__":
    main()
