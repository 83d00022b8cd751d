"""Scan one file given on standard input, in a process that caps itself; the answer is one JSON line.

``python -m bmnn.scan.worker --name tep.pdf --seconds 30 --memory-mb 512 --ocr-pages 5 < file``

The application runs this for every uploaded file, so that its own process never parses one. Before
reading a byte this process lowers its priority (nice 10) and limits itself: address space (RLIMIT_AS),
CPU time (RLIMIT_CPU, a hard stop a little after the scan's own clock) and the number of pages it may
hand to OCR. What it prints is the jsonl object of ``bmnn-scan`` (verdict, level, marks, error); a limit
hit is verdict ``error``, never ``clean``. With ``--task-bytes N`` the first N bytes of standard input are a
JSON task (``bmnn.scan.tasks``): the child also opens the file for the application (a signed report
package, a file of scan results) and adds what it read and verified, bounded, as ``task`` to its answer.
``--first-pages N`` reads only the first N pages of a PDF: the vault checks that a record's file bears its
level mark, which stands at the top of the first page. ``--no-scan`` runs the task alone (verdict ``opened``): a
task that writes files out for the application (``document-archive``, ``image-pdf``), whose files are checked
for marks afterwards. The caller adds a wall-clock timeout and kills the
process group (Tesseract included) past it. Nothing is written to disk: the bytes stay in this process's
memory, OCR reads images through pipes, and what a task writes out goes to the anonymous in-memory files the
application handed over (``bmnn.core.uploadscan.scratch_file``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import sys
from typing import Any

from .model import ScanOptions
from .scanner import scan_bytes
from .tasks import run_task


def _limit(memory_bytes: int, cpu_seconds: int) -> None:
    import resource

    for kind, soft, hard in (
        (resource.RLIMIT_AS, memory_bytes, memory_bytes),
        (resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 2),
    ):
        _old_soft, old_hard = resource.getrlimit(kind)
        if old_hard != resource.RLIM_INFINITY:
            soft, hard = min(soft, old_hard), min(hard, old_hard)
        resource.setrlimit(kind, (soft, hard))


def _read_input(at_most: int) -> bytes:
    """Standard input, read in pieces: ``read(n)`` would reserve n bytes at once, whatever arrives."""
    data = bytearray()
    stream: Any = sys.stdin.buffer
    while len(data) < at_most:
        piece = stream.read1(min(1 << 20, at_most - len(data)))
        if not piece:
            break
        data += piece
    return bytes(data)


def _first_pages(data: bytes, pages: int) -> bytes:
    """A PDF cut to its first ``pages`` pages (where the level mark stands); anything else unchanged."""
    if pages <= 0 or not data.startswith(b"%PDF"):
        return data
    import pypdfium2 as pdfium

    try:
        source = pdfium.PdfDocument(data)
        if len(source) <= pages:
            return data
        cut = pdfium.PdfDocument.new()
        cut.import_pages(source, list(range(pages)))
        buffer = io.BytesIO()
        cut.save(buffer)
        return buffer.getvalue()
    except pdfium.PdfiumError:
        return data  # the scan itself says what is wrong with it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bmnn.scan.worker")
    parser.add_argument("--name", default="tep", help="the file's name (its extension hints the type)")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--memory-mb", type=int, default=512)
    parser.add_argument("--ocr-pages", type=int, default=5)
    parser.add_argument("--max-bytes", type=int, default=256 * 1024 * 1024)
    parser.add_argument("--first-pages", type=int, default=0, help="read only the first pages of a PDF (0: all)")
    parser.add_argument("--task-bytes", type=int, default=0, help="a JSON task of this length precedes the file")
    parser.add_argument("--no-scan", action="store_true", help="run the task only, without looking for marks")
    args = parser.parse_args(argv)
    memory = args.memory_mb * 1024 * 1024
    with contextlib.suppress(OSError):
        os.nice(10)
    _limit(memory, math.ceil(args.seconds) + 1)
    default = ScanOptions()
    options = ScanOptions(
        max_file_bytes=args.max_bytes,
        timeout_seconds=args.seconds,
        max_memory_bytes=memory,
        max_member_bytes=min(memory // 2, default.max_member_bytes),
        max_archive_total_bytes=min(memory, default.max_archive_total_bytes),
        ocr_max_pages=args.ocr_pages,
        ocr_seconds=args.seconds,
        ocr_jobs=1,
    )
    answer: dict[str, Any]
    task: dict[str, Any] | None = None
    try:
        if args.task_bytes:
            task = json.loads(_read_input(args.task_bytes))
        data = _read_input(args.max_bytes + 1)
        if len(data) > args.max_bytes:
            answer = {
                "verdict": "error",
                "level": None,
                "marks": [],
                "error": f"Tệp quá lớn để kiểm tra (tối đa {args.max_bytes} byte)",
            }
        elif args.no_scan:
            answer = {"verdict": "opened", "level": None, "marks": [], "task": run_task(task or {}, data)}
        else:
            answer = scan_bytes(_first_pages(data, args.first_pages), args.name, options).as_dict()
            if task is not None and answer.get("verdict") != "error":
                answer["task"] = run_task(task, data)
    except MemoryError:
        answer = {"verdict": "error", "level": None, "marks": [], "error": "Vượt giới hạn bộ nhớ khi đọc tệp"}
    answer.pop("path", None)
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
