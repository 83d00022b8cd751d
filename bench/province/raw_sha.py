"""The ceiling for ``bmnn audit verify`` on a generated database: raw SHA-256 over the events' canonical bytes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bmnn_bench \
        .venv/bin/python bench/province/raw_sha.py --events 1000000

Reads the first ``--events`` events in chain order (raw rows, as verify reads them), builds each one's
canonical bytes with the chain's own ``canonical_row``, keeps them in memory, then times SHA-256 alone over
them: the events per second no verification can beat on this machine. Compare with the events per second
``time bmnn audit verify`` reports for the whole chain (issue 17 asks for at least 30%).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("BMNN_DATA_DIR", tempfile.mkdtemp(prefix="bmnn-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from bmnn.audit.canonical import COLUMNS, canonical_row

    started = time.perf_counter()
    blobs = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(COLUMNS)} FROM audit_auditevent WHERE seq <= %s ORDER BY seq",  # noqa: S608
            [args.events],
        )
        while rows := cursor.fetchmany(5000):
            blobs.extend(canonical_row(row) for row in rows)
    read = time.perf_counter() - started
    sha256 = hashlib.sha256
    started, cpu = time.perf_counter(), time.process_time()
    for blob in blobs:
        sha256(blob).hexdigest()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    size = sum(map(len, blobs)) / len(blobs)
    print(
        f"{len(blobs):,} events, {size:.0f} bytes each on average: read and rebuilt in {read:.1f} s "
        f"({len(blobs) / read:,.0f}/s); raw SHA-256 {wall:.2f} s = {len(blobs) / wall:,.0f} events/s "
        f"({len(blobs) / cpu:,.0f} per CPU-second); load {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
