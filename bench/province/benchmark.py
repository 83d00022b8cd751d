"""Benchmark: every list page and endpoint of issue 17, for three roles, on a generated province.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bmnn_bench \
        .venv/bin/python bench/province/generate.py --records 100000        # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bmnn_bench \
        .venv/bin/python bench/province/benchmark.py --runs 15

Drives the Django test client in this one process (no network, no gunicorn: the figures are the
server's own time per request: middleware, queries, template; the SQL part is shown apart, since on a
shared machine the Python part varies with the load). With ``--server http://127.0.0.1:8011`` the same
pages are requested over HTTP from a running server (gunicorn, as deployed), with the session cookie of a
login made here (the director's second factor marked as passed with a TOTP device made for the benchmark);
the figures are then the client's wall time per request and the SQL part is not shown:

    DATABASE_URL=... BMNN_VAULT_KEY=<key file> .venv/bin/gunicorn bmnn.config.wsgi:application \
        --workers 2 --bind 127.0.0.1:8011 &
    DATABASE_URL=... .venv/bin/python bench/province/benchmark.py --runs 20 --server http://127.0.0.1:8011

Logs in as the department's clerk, the
first school's clerk and the director (the department's head), requests each page ``--runs`` times after
one warm-up request, and prints p50 / p95 in milliseconds, the response size and the number of SQL
queries of the last request. A page a role may not open shows its status code instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default="", help="run only the pages whose label contains this text")
    parser.add_argument("--server", default="", help="request the pages from this running server over HTTP")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("BMNN_DATA_DIR", tempfile.mkdtemp(prefix="bmnn-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # The pages are measured, not the login: the director's second factor has its own tests.
    settings.BMNN_TWO_FACTOR_REQUIRED = False
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bmnn.org.models import Organisation, OrgKind, Person, Position
    from bmnn.registry.models import Carrier

    department = Organisation.objects.get(kind=OrgKind.DEPARTMENT, keeps_register=True)
    school = Organisation.objects.filter(kind=OrgKind.SCHOOL).order_by("pk").first()
    roles = {
        "department clerk": Person.objects.get(organisation=department, position=Position.CLERK),
        "school clerk": Person.objects.get(organisation=school, position=Position.CLERK),
        "director": Person.objects.get(organisation=department, position=Position.HEAD),
    }
    record = {
        "department clerk": Carrier.objects.filter(agency=department).order_by("-pk").first(),
        "school clerk": Carrier.objects.filter(agency=school).order_by("-pk").first(),
        "director": Carrier.objects.filter(agency=department).order_by("-pk").first(),
    }
    pages: list[tuple[str, Any]] = [
        ("/so-bmnn/", lambda role: "/so-bmnn/"),
        ("/so-bmnn/?page=200", lambda role: "/so-bmnn/?page=200"),
        ("search đề thi", lambda role: "/so-bmnn/?q=đề+thi"),
        ("/api/carriers/?level=MAT&direction=INCOMING", lambda role: "/api/carriers/?level=MAT&direction=INCOMING"),
        ("/api/carriers/counts/", lambda role: "/api/carriers/counts/"),
        ("a record's page", lambda role: f"/so-bmnn/{record[role].pk}/"),
        ("/thu-truong/", lambda role: "/thu-truong/"),
        ("/ (dashboard)", lambda role: "/"),
    ]
    total = Carrier.objects.count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    if args.server:
        print(
            f"{connection.vendor}, {total:,} records; {args.server}; {args.runs} runs per cell after one warm-up; "
            f"load {load:.1f}; p50 / p95 ms of wall time per request (size of the last response)"
        )
        return _over_http(args, roles, pages)
    print(
        f"{connection.vendor}, {total:,} records; {args.runs} runs per cell after one warm-up; load {load:.1f}; "
        "p50 / p95 ms (p50 of the time spent in SQL; size and number of queries of the last response)"
    )
    print()
    print("| page | " + " | ".join(roles) + " |")
    print("|---|" + "---|" * len(roles))
    for label, url_for in pages:
        if args.only and args.only not in label:
            continue
        cells = []
        for role, person in roles.items():
            client = Client()
            client.force_login(person)
            url = url_for(role)
            response = client.get(url)
            if response.status_code != 200:
                cells.append(f"HTTP {response.status_code}")
                continue
            times, db = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                db.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            size = len(response.content) / 1024
            cells.append(
                f"{statistics.median(times):,.0f} / {percentile(times, 0.95):,.0f} "
                f"(SQL {statistics.median(db):,.0f}; {size:,.0f} KB, {len(queries)} q)"
            )
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    return 0


def _session_cookie(person: Any) -> str:
    """A logged-in session for ``person`` (second factor passed), as the cookie a browser would send."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(person)
    session = client.session
    device = TOTPDevice.objects.filter(user=person, name="benchmark").first()
    if device is None:
        device = TOTPDevice.objects.create(user=person, name="benchmark", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _over_http(args: argparse.Namespace, roles: dict[str, Any], pages: list[tuple[str, Any]]) -> int:
    import http.client
    from urllib.parse import quote, urlsplit

    where = urlsplit(args.server)
    cookies = {role: _session_cookie(person) for role, person in roles.items()}
    print()
    print("| page | " + " | ".join(roles) + " |")
    print("|---|" + "---|" * len(roles))
    for label, url_for in pages:
        if args.only and args.only not in label:
            continue
        cells = []
        for role in roles:
            url = quote(url_for(role), safe="/?=&+")
            connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port or 80, timeout=120)

            def get() -> tuple[int, bytes]:
                connection.request("GET", url, headers={"Cookie": cookies[role], "Host": "127.0.0.1"})  # noqa: B023
                response = connection.getresponse()  # noqa: B023
                return response.status, response.read()

            status, body = get()
            if status != 200:
                cells.append(f"HTTP {status}")
                continue
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                status, body = get()
                times.append((time.perf_counter() - started) * 1000)
            connection.close()
            cells.append(
                f"{statistics.median(times):,.0f} / {percentile(times, 0.95):,.0f} ({len(body) / 1024:,.0f} KB)"
            )
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
