"""Size of the pages that choose people: a record's page, its hand-over form, the council set-up form and the
training form (pickers of several), for the department's clerk.

    .venv/bin/python bench/pickers.py --demo                 # the demo province (14 people)
    .venv/bin/python bench/pickers.py --staff 3000           # a generated province whose department has
                                                             # 3,000 more people in 100 teams

Each run uses a fresh private data directory (SQLite unless DATABASE_URL names an empty database), loads the
data, then prints the size of each page and the time of a few people look-ups as you type.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup(args: object) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("BMNN_DATA_DIR", tempfile.mkdtemp(prefix="bmnn-pickers-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    os.environ.setdefault("BMNN_DEBUG", "1")  # a development key signs the demo's audit checkpoints
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.demo:
        call_command("demo", verbosity=0, stdout=io.StringIO())
    else:
        from bench.province.generate import generate

        generate(args.records, schools=args.schools, progress=lambda line: None)


def _add_staff(agency: object, staff: int, units: int) -> None:
    """A large agency: ``staff`` cleared, designated people in ``units`` teams under it (pickers list them all)."""
    import datetime as dt
    import random

    from bench.province.generate import FIRST, LAST
    from django.contrib.auth.hashers import make_password

    from bmnn.org.models import Organisation, OrgKind, Person, Position

    rng = random.Random(15)  # noqa: S311 (names, not secrets)
    teams = Organisation.objects.bulk_create(
        [Organisation(name=f"Tổ công tác số {n}", kind=OrgKind.DIVISION, parent=agency) for n in range(1, units + 1)]
    )
    unusable = make_password(None)
    Person.objects.bulk_create(
        [
            Person(
                username=f"nv{n:05d}",
                password=unusable,
                organisation=teams[n % units],
                position=Position.STAFF,
                clearance="TOI_MAT",
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                title="Chuyên viên",
                designated_for_secrets=True,
                designation_ref="15/QĐ-SGDĐT",
                designation_date=dt.date(2020, 1, 6),
            )
            for n in range(staff)
        ],
        batch_size=2000,
    )


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--staff", type=int, default=0, help="cleared people added to the clerk's own agency")
    parser.add_argument("--units", type=int, default=100, help="the sub-units they are spread over")
    args = parser.parse_args(argv)
    _setup(args)
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from bmnn.core import operations
    from bmnn.org.models import Organisation, OrgKind, Person, Position
    from bmnn.registry.models import Carrier

    if args.demo:
        clerk = Person.objects.get(username="vanthu")  # the department's clerk
    else:
        clerk = Person.objects.get(organisation__kind=OrgKind.DEPARTMENT, position=Position.CLERK)
    department = clerk.agency()
    if args.staff:
        _add_staff(department, args.staff, args.units)
    handover = operations.get("handover-create")
    carrier = next(c for c in Carrier.objects.filter(agency=department).order_by("-pk") if handover.allowed(clerk, c))
    client = Client()
    client.force_login(clerk)
    print(
        f"{Person.objects.count():,} people, {Organisation.objects.count():,} units; "
        f"{clerk} ({department}), record {carrier.pk}"
    )
    for label, url in (
        ("a record's page", reverse("registry:carrier", args=[carrier.pk])),
        ("its hand-over form", reverse("ops:handover-create", args=[carrier.pk])),
        ("council set-up form", reverse("ops:council-set-up")),
        ("training form", reverse("ops:training-record")),
    ):
        response = client.get(url)
        print(f"{label:20} {url:30} HTTP {response.status_code} {len(response.content) / 1024:8.1f} KB")
    try:
        lookup = reverse("api:lookup-people")
    except NoReverseMatch:
        return 0
    for q in ("nguyen van", "tran thi an", "u0000", "x"):
        times, found = [], 0
        for _ in range(5):
            started = time.perf_counter()
            response = client.get(
                lookup, {"q": q, "purpose": "handover-create", "field": "to_person", "subject": carrier.pk}
            )
            times.append((time.perf_counter() - started) * 1000)
            found = len(response.json()["results"])
        print(
            f"look-up {q!r:14} {found:3} found, p50 {statistics.median(times):6.1f} ms, "
            f"{len(response.content) / 1024:.1f} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
