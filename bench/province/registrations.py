"""Benchmark: concurrent registrations on a generated province (issue 17), gapless numbers checked.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bmnn_bench \
        .venv/bin/python bench/province/registrations.py --clients 20 --each 10

Starts ``--clients`` processes (each its own database connection, as gunicorn workers would hold), each
registering ``--each`` incoming records through the service the screens call (``incoming_receive``) as the
department's clerk, all released at once. Prints the registrations per second over the whole burst, the
latency of one registration (p50 / p95) and whether the numbers taken are consecutive after the last one
before the burst (S4). The clerk's appointment commitment (P4), which the generator does not record, is
added if missing. It writes real records and audit events into the database it is given.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("BMNN_DATA_DIR", tempfile.mkdtemp(prefix="bmnn-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    import django

    django.setup()


def _client(clerk_pk: int, index: int, each: int, start: multiprocessing.synchronize.Event, out: object) -> None:
    from django.db import connection

    from bmnn.org.models import Person
    from bmnn.registry.services import incoming_receive

    clerk = Person.objects.get(pk=clerk_pk)
    connection.ensure_connection()
    start.wait()
    for n in range(each):
        began = time.perf_counter()
        carrier = incoming_receive(
            actor=clerk,
            sender="UBND tỉnh",
            doc_number=f"{index * 1000 + n}/UBND-BENCH",
            level="MAT",
            abstract=f"Văn bản đến thử tải {index}-{n}",
        )
        out.put((carrier.reg_number, time.perf_counter() - began, time.perf_counter()))  # type: ignore[attr-defined]
    connection.close()


def _commitment(clerk: object) -> None:
    """The generator records no commitments; the receiving clerk must have signed one (P4)."""
    import datetime as dt

    from django.utils import timezone

    from bmnn.safeguards.models import Commitment

    if not Commitment.objects.filter(person=clerk, kind="APPOINTMENT").exists():
        Commitment.objects.create(
            person=clerk,
            kind="APPOINTMENT",
            signed_on=dt.date(2016, 1, 4),
            scan="safeguards/commitments/2016/benchmark.pdf",
            recorded_by=clerk,
            recorded_at=timezone.now(),
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--each", type=int, default=10)
    args = parser.parse_args(argv)
    _setup()
    from django.db import connections
    from django.utils import timezone

    from bmnn.org.models import Organisation, OrgKind, Person, Position
    from bmnn.registry.models import RegisterSeries

    department = Organisation.objects.get(kind=OrgKind.DEPARTMENT, keeps_register=True)
    clerk = Person.objects.get(organisation=department, position=Position.CLERK)
    _commitment(clerk)
    year = timezone.localdate().year
    series = RegisterSeries.objects.filter(agency=department, kind="INCOMING", year=year).first()
    before = series.last_number if series else 0
    connections.close_all()  # each process opens its own
    context = multiprocessing.get_context("fork")
    start, out = context.Event(), context.Queue()
    workers = [context.Process(target=_client, args=(clerk.pk, i, args.each, start, out)) for i in range(args.clients)]
    for worker in workers:
        worker.start()
    time.sleep(2)  # every process connected and waiting
    began = time.perf_counter()
    start.set()
    results = [out.get(timeout=600) for _ in range(args.clients * args.each)]
    for worker in workers:
        worker.join()
    elapsed = max(r[2] for r in results) - began
    numbers = sorted(r[0] for r in results)
    latencies = sorted(r[1] * 1000 for r in results)
    gapless = numbers == list(range(before + 1, before + 1 + len(results)))
    load = os.getloadavg()[0]
    print(
        f"{args.clients} clients x {args.each} registrations: {len(results)} in {elapsed:.2f} s = "
        f"{len(results) / elapsed:.1f}/s; one registration p50 {statistics.median(latencies):.0f} ms, "
        f"p95 {latencies[round(0.95 * (len(latencies) - 1))]:.0f} ms; numbers {numbers[0]}..{numbers[-1]} "
        f"{'consecutive' if gapless else 'NOT consecutive'}; load {load:.1f}"
    )
    return 0 if gapless else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
