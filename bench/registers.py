"""Benchmark: render the outgoing register of one agency for N entries (default 10,000) as PDF, DOCX, XLSX.

    .venv/bin/python bench/registers.py            # 10,000 entries, each format twice
    .venv/bin/python bench/registers.py 2000 3     # 2,000 entries, 3 runs per format
    .venv/bin/python bench/registers.py 10000 1 docx,xlsx   # only these formats

Creates a throw-away SQLite database in a temporary BMNN_DATA_DIR, bulk-inserts the entries (a third each
MAT, TOI_MAT, TUYET_MAT; no abstract for TUYET_MAT, R18), then times the same service the screens call
(bmnn.registers.downloads.register_export), so the timing covers the query, the row building and the
rendering. Each run is a forked child process, so the peak resident memory of one export is measured on its
own. Prints a table of seconds per format (best and median of the runs), peak memory and the file sizes.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["BMNN_DATA_DIR"] = tempfile.mkdtemp(prefix="bmnn-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bmnn.core import clock  # noqa: E402
from bmnn.core.levels import Level  # noqa: E402
from bmnn.org.models import Organisation, OrgKind, Person, Position  # noqa: E402
from bmnn.registers.choices import RegisterKind  # noqa: E402
from bmnn.registers.downloads import register_export  # noqa: E402
from bmnn.registers.selectors import Selection  # noqa: E402
from bmnn.registry.choices import Direction, SeriesKind  # noqa: E402
from bmnn.registry.models import Carrier, RegisterSeries  # noqa: E402

LEVELS = [Level.MAT, Level.TOI_MAT, Level.TUYET_MAT]


def populate(count: int) -> tuple[Person, Organisation]:
    call_command("migrate", verbosity=0)
    province = Organisation.objects.create(name="Tỉnh Quảng Ninh", kind=OrgKind.PROVINCE)
    agency = Organisation.objects.create(
        name="Sở Giáo dục và Đào tạo", kind=OrgKind.DEPARTMENT, parent=province, symbol="SGDĐT", keeps_register=True
    )
    clerk = Person.objects.create(
        username="vanthu",
        organisation=agency,
        position=Position.CLERK,
        clearance=Level.TUYET_MAT,
        designated_for_secrets=True,
        designation_ref="1/QĐ",
        first_name="Chi",
        last_name="Lê Thị",
    )
    head = Person.objects.create(
        username="giamdoc",
        organisation=agency,
        position=Position.HEAD,
        clearance=Level.TUYET_MAT,
        first_name="An",
        last_name="Nguyễn Văn",
        title="Giám đốc",
    )
    start = dt.datetime(2026, 1, 2, 8, tzinfo=timezone.get_current_timezone())
    rows = []
    for n in range(1, count + 1):
        level = LEVELS[n % 3]
        moment = start + dt.timedelta(minutes=45 * n)
        rows.append(
            Carrier(
                agency=agency,
                direction=Direction.OUTGOING,
                reg_year=2026,
                reg_number=n,
                doc_number=f"{n}/KH-SGDĐT",
                doc_date=moment.date(),
                issuing_body=agency.name,
                doc_type="Kế hoạch",
                level=level,
                abstract="" if level == Level.TUYET_MAT else f"Tổ chức kỳ thi, phương án bảo vệ đề thi số {n}",
                decision_maker=head,
                recipients="Công an tỉnh; Phòng Khảo thí; Lưu: VT",
                copies_issued=3,
                custodian=clerk,
                created_at=moment,
            )
        )
    Carrier.objects.bulk_create(rows, batch_size=1000)
    RegisterSeries.objects.create(agency=agency, kind=SeriesKind.OUTGOING, year=2026, last_number=count)
    return clerk, agency


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    formats = sys.argv[3].split(",") if len(sys.argv) > 3 else ["pdf", "docx", "xlsx"]
    t0 = time.perf_counter()
    clerk, agency = populate(count)
    print(
        f"{count} entries created in {time.perf_counter() - t0:.1f} s (SQLite, {os.environ['BMNN_DATA_DIR']})",
        flush=True,
    )
    print(f"{'format':<8}{'best s':>10}{'median s':>10}{'CPU s':>8}{'peak MB':>10}{'size KiB':>12}{'pages/rows':>14}")
    connection.close()  # each child opens its own
    for fmt in formats:
        times, cpus, peaks, size, extra = [], [], [], 0, ""
        for _ in range(runs):
            seconds, cpu, peak, size, extra = _run_in_child(clerk, agency, fmt, count)
            times.append(seconds)
            cpus.append(cpu)
            peaks.append(peak)
        print(
            f"{fmt:<8}{min(times):>10.2f}{statistics.median(times):>10.2f}{min(cpus):>8.2f}{max(peaks):>10.0f}"
            f"{size / 1024:>12.0f}{extra:>14}",
            flush=True,
        )


def _run_in_child(clerk: Person, agency: Organisation, fmt: str, count: int) -> tuple[float, float, float, int, str]:
    """One export in a forked child: (seconds, CPU seconds of the export, the child's peak resident MB, file size,
    pages or rows). CPU time is the steadier figure on a loaded machine."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: export, report, exit without running the parent's clean-up
        os.close(read)
        with clock.frozen_at(dt.datetime(2027, 1, 5, 9, tzinfo=timezone.get_current_timezone())):
            t, cpu = time.perf_counter(), time.process_time()
            export = register_export(actor=clerk, selection=Selection(agency, RegisterKind.OUTGOING, 2026), fmt=fmt)
            seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
            content = export.content
        extra = _pages(content) if fmt == "pdf" else str(count)
        os.write(write, f"{seconds} {cpu} {len(content)} {extra}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        seconds, cpu, size, extra = pipe.read().split()
    _, status, usage = os.wait4(pid, 0)
    if status:
        sys.exit(f"The {fmt} export failed in its child process.")
    return float(seconds), float(cpu), usage.ru_maxrss / 1024, int(size), extra


def _pages(content: bytes) -> str:
    import io

    import pypdf

    return str(len(pypdf.PdfReader(io.BytesIO(content)).pages))


if __name__ == "__main__":
    main()
