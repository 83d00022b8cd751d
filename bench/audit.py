"""Benchmark `bmnn audit verify` and `verify --deep` (issues 12 and 17).

    .venv/bin/python bench/audit.py                                # 100,000 records, 1,000,000 events, SQLite
    .venv/bin/python bench/audit.py --records 10000 --events 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bmnn_bench_audit .venv/bin/python bench/audit.py

SQLite: a throw-away database in a temporary BMNN_DATA_DIR. PostgreSQL: DATABASE_URL must name an empty
database (the script migrates it and refuses one that already holds events).

Generation is bulk: the records are inserted in batches, their state hashes read back the way `verify
--deep` reads them, and the events (one registration per record carrying its state, the rest spread
over the records with realistic payloads) are written with their valid chain in one pass (COPY on
PostgreSQL, executemany on SQLite). Then it prints one table:

- raw SHA-256 over the events' canonical bytes, held in memory (the ceiling: hashing alone);
- `verify` with one process and with N processes (reading the rows from the database, rebuilding the
  canonical bytes, checking every link), in events per second and as a share of raw SHA-256;
- `verify --deep`: the walk collecting states plus recomputing every record's state.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
if not os.environ.get("DATABASE_URL"):
    os.environ["BMNN_DATA_DIR"] = tempfile.mkdtemp(prefix="bmnn-bench-audit-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bmnn.audit.canonical import GENESIS, canonical_json, encode  # noqa: E402
from bmnn.audit.deep import deep_check  # noqa: E402
from bmnn.audit.models import AuditEvent, ChainHead  # noqa: E402
from bmnn.audit.state import current_states, tracked  # noqa: E402
from bmnn.audit.verify import verify  # noqa: E402
from bmnn.core.levels import Level  # noqa: E402
from bmnn.org.models import Organisation, OrgKind, Person, Position  # noqa: E402
from bmnn.registry.choices import Direction, SeriesKind  # noqa: E402
from bmnn.registry.models import Carrier, RegisterSeries  # noqa: E402

LEVELS = [Level.MAT] * 14 + [Level.TOI_MAT] * 5 + [Level.TUYET_MAT]  # 70/25/5 %
ACTIONS = [
    ("registry.handover.created", "R23"),
    ("registry.handover.confirmed", "R23"),
    ("registry.carrier.assigned", "S2"),
    ("lifecycle.takeout.checked_out", "R32"),
    ("lifecycle.takeout.returned", "R32"),
    ("registers.form.exported", "R21"),
]
EVENT_COLUMNS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_repr",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "basis",
    "data",
    "states",
    "prev_hash",
    "hash",
)
BATCH = 20_000


def _people() -> tuple[Organisation, list[Person]]:
    province = Organisation.objects.create(name="Tỉnh Thử Nghiệm", kind=OrgKind.PROVINCE)
    agency = Organisation.objects.create(
        name="Sở Giáo dục và Đào tạo", kind=OrgKind.DEPARTMENT, parent=province, symbol="SGDĐT", keeps_register=True
    )
    names = [
        ("Chi", "Lê Thị", Position.CLERK),
        ("An", "Nguyễn Văn", Position.HEAD),
        ("Bình", "Trần Văn", Position.STAFF),
        ("Dũng", "Phạm Quốc", Position.STAFF),
        ("Hà", "Đỗ Thu", Position.STAFF),
    ]
    people = [
        Person.objects.create(
            username=f"nguoi{i}",
            organisation=agency,
            position=position,
            first_name=first,
            last_name=last,
            clearance=Level.TUYET_MAT,
            designated_for_secrets=True,
        )
        for i, (first, last, position) in enumerate(names)
    ]
    return agency, people


def _records(agency: Organisation, people: list[Person], count: int, start: dt.datetime) -> None:
    rows = []
    for n in range(1, count + 1):
        level = LEVELS[n % len(LEVELS)]
        rows.append(
            Carrier(
                agency=agency,
                direction=Direction.OUTGOING,
                reg_year=2026,
                reg_number=n,
                doc_number=f"{n}/KH-SGDĐT",
                doc_date=start.date(),
                issuing_body=agency.name,
                doc_type="Kế hoạch",
                level=level,
                abstract="" if level == Level.TUYET_MAT else f"Phương án bảo vệ đề thi tuyển sinh số {n}",
                decision_maker=people[1],
                drafter=people[2],
                recipients="Công an tỉnh; Phòng Khảo thí; Lưu: VT",
                copies_issued=3,
                custodian=people[0],
                storage_place="Két sắt phòng văn thư",
                created_at=start + dt.timedelta(seconds=n),
            )
        )
        if len(rows) == BATCH:
            Carrier.objects.bulk_create(rows)
            rows = []
    Carrier.objects.bulk_create(rows)
    RegisterSeries.objects.create(agency=agency, kind=SeriesKind.OUTGOING, year=2026, last_number=count)


def _stored_time(moment: dt.datetime) -> object:
    if connection.vendor == "sqlite":  # Django stores naive UTC text there
        return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    return moment


def _events(people: list[Person], count: int, start: dt.datetime) -> list[bytes]:
    """Write ``count`` events in a valid chain; return their canonical bytes (for the raw SHA-256 row)."""
    states = {}
    for model in ("registry.carrier", "registry.registerseries"):
        states.update(current_states(tracked(model)))
    carriers = sorted(
        (key for key in states if key.startswith("registry.carrier:")), key=lambda k: int(k.rpartition(":")[2])
    )
    series = next(key for key in states if key.startswith("registry.registerseries:"))
    actors = [(p.pk, f"{p.last_name} {p.first_name} ({p.get_username()})") for p in people]
    rng = random.Random(17)  # noqa: S311 (test data)
    prev, blobs, batch = GENESIS, [], []
    for seq in range(1, count + 1):
        moment = start + dt.timedelta(seconds=seq, microseconds=seq % 999_983 + 1)
        actor_id, actor_repr = actors[rng.randrange(len(actors))]
        if seq <= len(carriers):
            key, action, basis = carriers[seq - 1], "registry.outgoing.registered", "R2, R4, R19"
            data = {
                "number": f"{seq}/KH-SGDĐT",
                "level": "MAT",
                "decision_maker": "Nguyễn Văn An",
                "decision_basis": "Người đứng đầu: Giám đốc Sở",
                "items": ["531/QĐ-TTg – Mật khoản 2"],
                "protection_until": "2036-12-07",
            }
            event_states = {key: states[key]} if seq < len(carriers) else {key: states[key], series: states[series]}
        else:
            key = carriers[rng.randrange(len(carriers))]
            action, basis = ACTIONS[rng.randrange(len(ACTIONS))]
            data = {
                "delivery_number": f"{seq}/2026",
                "to": "Trần Văn Bình (nguoi2)",
                "envelope_letter": "A",
                "envelopes": 1,
                "named_only": False,
                "handover_id": seq,
            }
            event_states = {key: states[key]}
        target_id = key.rpartition(":")[2]
        fields = {
            "seq": seq,
            "occurred_at": moment.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor_id": actor_id,
            "actor_repr": actor_repr,
            "action": action,
            "target_type": "registry.carrier",
            "target_id": target_id,
            "target_repr": f"{target_id}/KH-SGDĐT (Mật)",
            "basis": basis,
            "data": data,
            "prev_hash": prev,
            "states": event_states,
        }
        blob = canonical_json(fields)
        digest = hashlib.sha256(blob).hexdigest()
        blobs.append(blob)
        batch.append(
            (
                seq,
                _stored_time(moment),
                actor_id,
                actor_repr,
                action,
                "registry.carrier",
                target_id,
                fields["target_repr"],
                basis,
                encode(data),
                encode(event_states),
                prev,
                digest,
            )
        )
        prev = digest
        if len(batch) == BATCH:
            _insert(batch)
            batch = []
    _insert(batch)
    ChainHead.objects.update_or_create(pk=1, defaults={"seq": count, "hash": prev})
    return blobs


def _insert(rows: list[tuple[object, ...]]) -> None:
    if not rows:
        return
    table = AuditEvent._meta.db_table
    columns = ", ".join(EVENT_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(EVENT_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def _timed(action):  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - started, time.process_time() - cpu, result


def _expect(condition: bool, detail: object) -> None:
    if not condition:
        sys.exit(f"The generated chain did not verify: {detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4))
    args = parser.parse_args()
    if args.events < args.records:
        parser.error("--events must be at least --records (one registration per record)")

    call_command("migrate", verbosity=0)
    if AuditEvent.objects.exists():
        sys.exit("The database already holds audit events: give the benchmark an empty one.")
    start = dt.datetime(2026, 1, 2, 1, tzinfo=dt.UTC)
    t0 = time.perf_counter()
    agency, people = _people()
    _records(agency, people, args.records, start)
    t1 = time.perf_counter()
    blobs = _events(people, args.events, start)
    t2 = time.perf_counter()
    engine = connection.vendor
    print(
        f"# {engine}: {args.records:,} records in {t1 - t0:.1f} s, {args.events:,} events in {t2 - t1:.1f} s "
        f"({sum(map(len, blobs)) / len(blobs):.0f} canonical bytes per event), {os.cpu_count()} CPUs"
    )
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE audit_auditevent")
            cursor.execute("VACUUM ANALYZE registry_carrier")

    sha256 = hashlib.sha256
    started, cpu = time.perf_counter(), time.process_time()
    for blob in blobs:
        sha256(blob).hexdigest()
    raw_wall, raw_cpu = time.perf_counter() - started, time.process_time() - cpu
    raw, raw_per_cpu = args.events / raw_wall, args.events / raw_cpu
    del blobs

    rows: list[tuple[str, float, float | None]] = [
        ("raw SHA-256 over the canonical bytes (in memory)", raw_wall, raw_cpu)
    ]
    for workers in sorted({1, args.workers}):
        wall, cpu_time, result = _timed(lambda w=workers: verify(workers=w))
        _expect(result.ok and result.checked == args.events, result)
        rows.append(
            (
                f"bmnn audit verify, {workers} process{'es' if workers > 1 else ''}",
                wall,
                cpu_time if workers == 1 else None,
            )
        )
    walk, _, result = _timed(lambda: verify(workers=args.workers, collect_states=True))
    _expect(result.ok, result)
    recompute, _, deep = _timed(lambda: deep_check(result.states))
    _expect(not deep.mismatches, deep.mismatches[:3])
    rows.append((f"bmnn audit verify --deep ({deep.checked:,} rows compared)", walk + recompute, None))

    print(f"load average before the runs: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs)")
    print(f"{'measure':<56}{'seconds':>9}{'events/s':>11}{'% of raw':>10}{'events/CPU-s':>14}{'% of raw':>10}")
    for label, wall, cpu_time in rows:
        rate = args.events / wall
        per_cpu = (
            f"{args.events / cpu_time:>14,.0f}{100 * args.events / cpu_time / raw_per_cpu:>9.0f}%"
            if cpu_time
            else f"{'-':>14}{'-':>10}"
        )
        print(f"{label:<56}{wall:>9.2f}{rate:>11,.0f}{100 * rate / raw:>9.0f}%{per_cpu}")
    print(f"deep: walk with states {walk:.2f} s + recomputing {deep.checked:,} rows {recompute:.2f} s")
    print(
        "events/CPU-s: this process's CPU time (SQLite runs inside it; PostgreSQL's server CPU is not counted);"
        " wall-clock rates depend on the machine's load"
    )


if __name__ == "__main__":
    main()
