"""The ``bmnn-scan`` command: find files bearing secrecy marks.

Usage: ``bmnn-scan PATH... [--format text|jsonl] [--jobs N] [--cache FILE]`` or ``bmnn-scan --gate FILE``.
Exit status of a sweep: 0 when no file is secret, 1 when at least one is, 2 for a usage error (files
that cannot be read are listed as ``error`` lines and do not change the status).

Exit status of ``--gate FILE`` (an upload hook publishes only on 0):

* 0 — may publish: the whole file was read and bears no level mark;
* 1 — secret: a level mark was found;
* 3 — could not be checked: a part could not be read or decoded, the file is encrypted, damaged
  or of a format the scanner does not read, or a limit was hit (size, nesting, time, pages, OCR
  budget). Never publish it;
* 2 — usage error.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence

from .model import ScanOptions, ScanResult, Verdict
from .scanner import scan_file, scan_path

GATE_STATUS = {Verdict.CLEAN: 0, Verdict.SECRET: 1, Verdict.ERROR: 3}  # 2 is a usage error (argparse)
_LEVEL_NAMES = {"TUYET_MAT": "TUYỆT MẬT", "TOI_MAT": "TỐI MẬT", "MAT": "MẬT"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bmnn-scan",
        description="Tìm các tệp mang dấu độ mật (TUYỆT MẬT, TỐI MẬT, MẬT) và các dấu BMNN khác.",
        epilog=(
            "Mã thoát khi quét: 0 không có tệp mật, 1 có ít nhất một tệp mật, 2 lỗi cách dùng. "
            "Mã thoát với --gate: 0 được đăng tải, 1 tệp mật, 3 không kiểm tra được "
            "(tệp hỏng, mã hóa, không đọc được một phần, vượt giới hạn), 2 lỗi cách dùng."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="tệp hoặc thư mục cần quét")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text", help="định dạng kết quả")
    parser.add_argument("--jobs", type=int, default=0, metavar="N", help="số tiến trình (mặc định: mọi lõi)")
    parser.add_argument("--gate", metavar="FILE", help="kiểm tra một tệp trước khi đăng tải; mã thoát 0 nếu được đăng")
    parser.add_argument(
        "--cache", metavar="FILE", help="tệp bộ nhớ đệm (chỉ lưu đường dẫn, cỡ, thời gian, băm, kết luận)"
    )
    parser.add_argument("--no-progress", action="store_true", help="không hiện tiến độ trên màn hình")
    parser.add_argument("--no-ocr", action="store_true", help="không dùng OCR cho ảnh")
    parser.add_argument("--timeout", type=float, default=120.0, metavar="GIÂY", help="thời gian tối đa cho một tệp")
    parser.add_argument(
        "--ocr-pages",
        type=int,
        default=ScanOptions().ocr_max_pages,
        metavar="N",
        help="số ảnh hoặc trang tối đa đọc bằng OCR trong một tệp; vượt quá thì tệp là lỗi (mặc định %(default)s)",
    )
    parser.add_argument(
        "--ocr-seconds",
        type=float,
        default=ScanOptions().ocr_seconds,
        metavar="GIÂY",
        help="thời gian OCR tối đa cho một tệp; vượt quá thì tệp là lỗi (mặc định %(default)s)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return (and exit with) its status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.gate is None and not args.paths:
        parser.error("cần ít nhất một PATH hoặc --gate FILE")
    if args.gate is not None and args.paths:
        parser.error("--gate nhận đúng một tệp, không kèm PATH khác")
    if args.jobs < 0 or args.timeout <= 0 or args.ocr_pages < 0 or args.ocr_seconds <= 0:
        parser.error("--jobs, --timeout, --ocr-pages và --ocr-seconds phải là số dương")
    options = ScanOptions(
        timeout_seconds=max(args.timeout, args.ocr_seconds + 30),
        ocr=not args.no_ocr,
        ocr_max_pages=args.ocr_pages,
        ocr_seconds=args.ocr_seconds,
    )
    if args.gate is not None:
        return _gate(args.gate, args.format, options)
    return _sweep(args, options)


def _gate(path: str, fmt: str, options: ScanOptions) -> int:
    result = scan_file(path, options)
    _emit(result, fmt, sys.stdout)
    sys.stdout.flush()
    return GATE_STATUS[result.verdict]


def _sweep(args: argparse.Namespace, options: ScanOptions) -> int:
    jobs = args.jobs or os.cpu_count() or 1
    # Files are already read in parallel: each worker gets its share of the CPUs for OCR.
    options = dataclasses.replace(options, ocr_jobs=max(1, (os.cpu_count() or 1) // jobs))
    cache = None
    if args.cache:
        from .cache import ScanCache

        cache = ScanCache(args.cache)
    progress = sys.stderr.isatty() and not args.no_progress
    counts = {verdict: 0 for verdict in Verdict}
    try:
        for result in scan_path(args.paths, options, jobs=jobs, cache=cache):
            counts[result.verdict] += 1
            if progress:
                sys.stderr.write("\r\x1b[K")
            _emit(result, args.format, sys.stdout)
            if progress:
                sys.stdout.flush()
                done = sum(counts.values())
                sys.stderr.write(f"Đã quét {done} tệp: {counts[Verdict.SECRET]} mật, {counts[Verdict.ERROR]} lỗi")
                sys.stderr.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1 if counts[Verdict.SECRET] else 0
    finally:
        if cache is not None:
            cache.close()
    if progress:
        sys.stderr.write("\n")
    sys.stdout.flush()
    return 1 if counts[Verdict.SECRET] else 0


def _emit(result: ScanResult, fmt: str, stream: object) -> None:
    line = json.dumps(result.as_dict(), ensure_ascii=False) if fmt == "jsonl" else _text_line(result)
    stream.write(line + "\n")  # type: ignore[attr-defined]


def _text_line(result: ScanResult) -> str:
    if result.verdict is Verdict.ERROR:
        return f"LỖI      {result.path}: {result.error}"
    marks = "; ".join(f"{mark.text} ({mark.where})" for mark in result.marks)
    if result.verdict is Verdict.SECRET:
        level = _LEVEL_NAMES.get(result.level.value if result.level else "", "")
        return f"MẬT      {result.path} [{level}] {marks}"
    return f"sạch     {result.path}" + (f" [dấu khác: {marks}]" if marks else "")


if __name__ == "__main__":
    sys.exit(main())
