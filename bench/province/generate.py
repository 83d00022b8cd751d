"""Fill a BMNN database with a province's registry: organisations, people, records, hand-overs, an audit chain.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bmnn_bench \
        .venv/bin/python bench/province/generate.py --records 100000

The shape follows issue 17 scaled by ``--records``: the department (which keeps a register), 5 divisions
(which use the department's register), 20 district offices and ``records // 500`` schools (each keeping its
own register, so a school clerk sees about 350 records); 19% of the records belong to the department, 11%
to the district offices and 70% to the schools; levels are 70/25/5% MAT/TOI_MAT/TUYET_MAT (no abstract for
TUYET_MAT, R18); about 30% of the records were handed over once, 5% assigned to a second person; every
registration, hand-over and assignment has its audit event, in one valid hash chain.

On PostgreSQL the command line loads with COPY (``generate_copy``): rows are built as tuples without model
instances and streamed in chunks of 50,000 records; the secondary indexes of the bulk tables are dropped for
the load and built again after, their triggers (agency counters, foreign-key checks) disabled meanwhile and
the counters filled once at the end; the audit chain is hashed as it is written, over the chain's own
canonical bytes (``audit.canonical.canonical_row``), and filled up to ``--events`` (default 5 per record)
with sign-ins and sign-outs. 1,000,000 records and 5,000,000 events took under 10 minutes on the shared
2-core machine. ``--orm`` (and SQLite) use bulk inserts through the ORM (``generate``, importable by tests,
which use a few hundred records). Both need a migrated, empty registry. The random choices are seeded:
the same arguments give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LEVEL_WEIGHTS = (("MAT", 70), ("TOI_MAT", 25), ("TUYET_MAT", 5))
YEARS = tuple(range(2016, 2026))
BATCH = 2000
SUBJECTS = (
    "đề thi tuyển sinh lớp 10",
    "đề thi tốt nghiệp trung học phổ thông",
    "đáp án và hướng dẫn chấm đề thi",
    "kế hoạch tổ chức kỳ thi chọn học sinh giỏi",
    "danh sách cán bộ coi thi",
    "phương án bảo vệ đề thi",
    "báo cáo công tác bảo vệ bí mật nhà nước",
    "kế hoạch kiểm tra công tác bảo mật",
    "kết quả thanh tra chuyên đề",
    "hồ sơ nhân sự cán bộ quản lý",
    "quy hoạch cán bộ lãnh đạo",
    "kế hoạch phòng chống thiên tai trường học",
    "biên bản giao nhận tài liệu mật",
    "phương án tuyển sinh đầu cấp",
    "báo cáo tình hình an ninh trường học",
    "dự toán kinh phí kỳ thi",
    "tài liệu tập huấn ra đề kiểm tra",
    "ma trận đề kiểm tra cuối kỳ",
    "danh sách thí sinh đặc cách",
    "công văn về công tác quốc phòng an ninh",
)
DOC_TYPES = ("Kế hoạch", "Báo cáo", "Công văn", "Quyết định", "Biên bản", "Đề thi", "Tờ trình", "Phương án")
SENDERS = ("UBND tỉnh", "Bộ Giáo dục và Đào tạo", "Công an tỉnh", "Sở Nội vụ", "Bộ chỉ huy quân sự tỉnh")
FIRST = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nga", "Phúc", "Quân", "Thảo", "Vy")
LAST = ("Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Minh", "Vũ Thị", "Đặng Quốc", "Bùi Thị")
YEARS_BY_LEVEL = {"MAT": 10, "TOI_MAT": 20, "TUYET_MAT": 30}


@dataclass
class Province:
    """What was generated: the personas the benchmark logs in as and the totals."""

    department: Any
    school: Any
    director: Any
    department_clerk: Any
    school_clerk: Any
    counts: dict[str, int] = field(default_factory=dict)


def generate(
    records: int, *, schools: int | None = None, seed: int = 17, progress: Callable[[str], None] = lambda line: None
) -> Province:
    """Insert a province of ``records`` records; the registry must be empty."""
    from django.db import transaction

    from bmnn.registry.models import Carrier

    if Carrier.objects.exists():
        raise RuntimeError("The database already holds records: generate into an empty database.")
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not a secret)
    schools = max(2, records // 500) if schools is None else schools
    with transaction.atomic():
        return _Generator(rng, progress).run(records, schools)


class _Generator:
    def __init__(self, rng: random.Random, progress: Callable[[str], None]) -> None:
        self.rng = rng
        self.progress = progress
        self.events: list[tuple[dt.datetime, int, str, Any, str, dict[str, Any]]] = []
        self.counts: dict[str, int] = {}

    def run(self, records: int, schools: int) -> Province:
        started = time.monotonic()
        orgs = self._organisations(schools)
        people = self._people(orgs)
        self.progress(f"{self.counts['organisations']:,} organisations, {self.counts['people']:,} people")
        carriers = self._carriers(records, orgs, people)
        self.progress(f"{len(carriers):,} records ({time.monotonic() - started:.0f} s)")
        self._handovers_and_assignments(carriers, people)
        self.progress(f"{self.counts['handovers']:,} hand-overs, {self.counts['assignments']:,} assignments")
        self._audit_chain()
        self.progress(f"{self.counts['audit_events']:,} audit events in one chain ({time.monotonic() - started:.0f} s)")
        department, first_school = orgs["department"], orgs["schools"][0]
        return Province(
            department=department,
            school=first_school,
            director=people["head"][department.pk],
            department_clerk=people["clerk"][department.pk],
            school_clerk=people["clerk"][first_school.pk],
            counts=dict(self.counts),
        )

    # -- organisations and people ----------------------------------------------------------------------------
    def _organisations(self, schools: int) -> dict[str, Any]:
        from bmnn.org.models import Organisation, OrgKind

        province = Organisation.objects.create(name="Tỉnh Thử Nghiệm", kind=OrgKind.PROVINCE)
        department = Organisation.objects.create(
            name="Sở Giáo dục và Đào tạo",
            short_name="Sở GDĐT",
            kind=OrgKind.DEPARTMENT,
            parent=province,
            symbol="SGDĐT",
            keeps_register=True,
        )
        divisions = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Phòng {n}", kind=OrgKind.DIVISION, parent=department)
                for n in (
                    "Khảo thí và Quản lý chất lượng",
                    "Giáo dục Trung học",
                    "Giáo dục Tiểu học",
                    "Tổ chức cán bộ",
                    "Kế hoạch Tài chính",
                )
            ]
        )
        districts = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Phòng Giáo dục và Đào tạo huyện {n:02d}",
                    kind=OrgKind.DISTRICT_OFFICE,
                    parent=province,
                    symbol=f"PGDĐT{n:02d}",
                    keeps_register=True,
                )
                for n in range(1, 21)
            ]
        )
        school_rows = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Trường THCS số {n}",
                    kind=OrgKind.SCHOOL,
                    parent=districts[n % len(districts)],
                    symbol=f"THCS{n}",
                    keeps_register=True,
                )
                for n in range(1, schools + 1)
            ],
            batch_size=BATCH,
        )
        self.counts["organisations"] = 2 + len(divisions) + len(districts) + len(school_rows)
        return {"department": department, "divisions": divisions, "districts": districts, "schools": school_rows}

    def _people(self, orgs: dict[str, Any]) -> dict[str, Any]:
        from django.contrib.auth.hashers import make_password

        from bmnn.org.models import Person, Position

        unusable = make_password(None)  # generated people never log in with a password
        rows: list[Person] = []
        serial = iter(range(1, 10**9))

        def person(org: Any, position: str, clearance: str, designated: bool = False, title: str = "") -> Person:
            n = next(serial)
            row = Person(
                username=f"u{n:06d}",
                password=unusable,
                organisation=org,
                position=position,
                clearance=clearance,
                first_name=self.rng.choice(FIRST),
                last_name=self.rng.choice(LAST),
                title=title,
                designated_for_secrets=designated,
                designation_ref="15/QĐ-SGDĐT" if designated else "",
                designation_date=dt.date(2016, 1, 4) if designated else None,
            )
            rows.append(row)
            return row

        department = orgs["department"]
        person(department, Position.HEAD, "TUYET_MAT", True, "Giám đốc Sở")
        person(department, Position.DEPUTY_HEAD, "TUYET_MAT", True, "Phó Giám đốc")
        person(department, Position.DEPUTY_HEAD, "TUYET_MAT", True, "Phó Giám đốc")
        person(department, Position.CLERK, "TUYET_MAT", True, "Văn thư")
        for division in orgs["divisions"]:
            person(division, Position.DIVISION_HEAD, "TUYET_MAT", True, "Trưởng phòng")
            for _ in range(4):
                person(division, Position.STAFF, "TOI_MAT", True, "Chuyên viên")
        for district in orgs["districts"]:
            person(district, Position.HEAD, "TUYET_MAT", True, "Trưởng phòng")
            person(district, Position.CLERK, "TUYET_MAT", True, "Văn thư")
            for _ in range(3):
                person(district, Position.STAFF, "TOI_MAT", True, "Chuyên viên")
        for school in orgs["schools"]:
            person(school, Position.HEAD, "TUYET_MAT", True, "Hiệu trưởng")
            person(school, Position.CLERK, "TUYET_MAT", True, "Văn thư")
            person(school, Position.STAFF, "TOI_MAT", True, "Giáo viên")
        Person.objects.bulk_create(rows, batch_size=BATCH)
        saved = {p.username: p for p in Person.objects.select_related("organisation")}
        by_agency: dict[int, list[Any]] = defaultdict(list)
        head: dict[int, Any] = {}
        clerk: dict[int, Any] = {}
        for p in saved.values():
            agency_id = department.pk if p.organisation.parent_id == department.pk else p.organisation_id
            by_agency[agency_id].append(p)
            if p.position == Position.HEAD:
                head[agency_id] = p
            elif p.position == Position.CLERK:
                clerk[agency_id] = p
        self.counts["people"] = len(saved)
        return {"by_agency": by_agency, "head": head, "clerk": clerk, "all": list(saved.values())}

    # -- records -------------------------------------------------------------------------------------------
    def _carriers(self, records: int, orgs: dict[str, Any], people: dict[str, Any]) -> list[Any]:
        from django.utils import timezone

        from bmnn.catalog.models import SecretListItem
        from bmnn.core.text import fold
        from bmnn.registry.models import Carrier, RegisterSeries

        rng = self.rng
        department, districts, schools = orgs["department"], orgs["districts"], orgs["schools"]
        items_by_level: dict[str, list[int]] = defaultdict(list)
        for pk, level in SecretListItem.objects.filter(repealed=False).values_list("pk", "level"):
            items_by_level[level].append(pk)
        levels = [lv for lv, _ in LEVEL_WEIGHTS]
        weights = [w for _, w in LEVEL_WEIGHTS]
        numbers: dict[tuple[int, str, int], int] = defaultdict(int)
        today = timezone.localdate()
        plan = []
        for _ in range(records):
            share = rng.random()
            agency = department if share < 0.19 else rng.choice(districts) if share < 0.30 else rng.choice(schools)
            year = rng.choice(YEARS)
            created = dt.datetime(year, 1, 1, 7, tzinfo=VN) + dt.timedelta(seconds=rng.randrange(365 * 86400))
            plan.append((created, agency))
        plan.sort(key=lambda row: row[0])
        carriers = []
        for created, agency in plan:
            level = rng.choices(levels, weights)[0]
            direction = "OUTGOING" if rng.random() < 0.6 else "INCOMING"
            numbers[(agency.pk, direction, created.year)] += 1
            number = numbers[(agency.pk, direction, created.year)]
            staff = people["by_agency"][agency.pk]
            custodian = rng.choice(staff)
            subject = rng.choice(SUBJECTS)
            doc_type = rng.choice(DOC_TYPES)
            day = created.astimezone(VN).date()
            until = day.replace(year=day.year + YEARS_BY_LEVEL[level], day=min(day.day, 28))
            status = rng.choices(("IN_STORAGE", "DECLASSIFIED", "DESTROYED", "OUT_OF_STORAGE"), (86, 8, 5, 1))[0]
            if status == "IN_STORAGE" and until <= today:
                status = "DECLASSIFIED"
            outgoing = direction == "OUTGOING"
            carrier = Carrier(
                agency=agency,
                direction=direction,
                kind="DOCUMENT",
                medium="PAPER",
                reg_year=created.year,
                reg_number=number,
                doc_number=f"{number}/{doc_type[:2].upper()}-{agency.symbol}"
                if outgoing
                else f"{rng.randrange(1, 999)}/{rng.choice(('UBND', 'BGDĐT', 'CAT'))}",
                doc_date=day,
                issuing_body=agency.name if outgoing else rng.choice(SENDERS),
                doc_type=doc_type,
                abstract="" if level == "TUYET_MAT" else f"{doc_type} {subject} năm {created.year}",
                level=level,
                drafter=custodian if outgoing else None,
                decision_maker=people["head"][agency.pk] if outgoing else None,
                decision_basis="Người đứng đầu" if outgoing else "",
                recipients="Như trên" if outgoing else "",
                sender="" if outgoing else rng.choice(SENDERS),
                received_at=None if outgoing else created,
                named_recipient=rng.choice(staff) if not outgoing and rng.random() < 0.05 else None,
                determination_date=day,
                protection_until=until,
                custodian=custodian,
                storage_place="Tủ tài liệu mật",
                status=status,
                created_at=created,
            )
            parts = [
                carrier.doc_number,
                carrier.doc_type,
                carrier.issuing_body,
                carrier.sender,
                carrier.recipients,
                carrier.storage_place,
                carrier.abstract,
            ]
            carrier.search_text = fold(" ".join(p for p in parts if p))
            carriers.append(carrier)
        Carrier.objects.bulk_create(carriers, batch_size=BATCH)
        links = [
            Carrier.items.through(carrier_id=c.pk, secretlistitem_id=rng.choice(items_by_level[c.level]))
            for c in carriers
            if items_by_level[c.level]
        ]
        Carrier.items.through.objects.bulk_create(links, batch_size=BATCH * 5)
        RegisterSeries.objects.bulk_create(
            [
                RegisterSeries(agency_id=agency_id, kind=direction, year=year, last_number=last)
                for (agency_id, direction, year), last in numbers.items()
            ],
            batch_size=BATCH,
        )
        clerks = people["clerk"]
        for c in carriers:
            action = "registry.outgoing.registered" if c.direction == "OUTGOING" else "registry.incoming.registered"
            self.events.append(
                (
                    c.created_at,
                    clerks[c.agency_id].pk,
                    str(clerks[c.agency_id]),
                    c,
                    action,
                    {"number": c.doc_number, "level": c.level},
                )
            )
        self.counts["records"] = len(carriers)
        return carriers

    def _handovers_and_assignments(self, carriers: list[Any], people: dict[str, Any]) -> None:
        from bmnn.registry.models import Assignment, Carrier, Handover, RegisterSeries

        rng = self.rng
        numbers: dict[tuple[int, int], int] = defaultdict(int)
        handovers, assignments, moved = [], [], []
        everyone = people["all"]
        for c in carriers:
            roll = rng.random()
            if roll < 0.30 and c.status == "IN_STORAGE":
                staff = people["by_agency"][c.agency_id]
                outside = rng.random() < 0.1
                to_person = rng.choice(everyone) if outside else rng.choice(staff)
                if to_person.pk == c.custodian_id or not to_person.clearance:
                    continue
                handed = c.created_at + dt.timedelta(days=rng.randrange(1, 30))
                numbers[(c.agency_id, handed.year)] += 1
                handovers.append(
                    Handover(
                        carrier=c,
                        agency_id=c.agency_id,
                        year=handed.year,
                        number=numbers[(c.agency_id, handed.year)],
                        from_person_id=c.custodian_id,
                        to_person=to_person,
                        envelope_letter="A",
                        handed_at=handed,
                        status="CONFIRMED",
                        confirmed_by=to_person,
                        confirmed_at=handed + dt.timedelta(hours=1),
                    )
                )
                self.events.append((handed, c.custodian_id, "", c, "registry.handover.created", {"to": str(to_person)}))
                self.events.append(
                    (
                        handed + dt.timedelta(hours=1),
                        to_person.pk,
                        str(to_person),
                        c,
                        "registry.handover.confirmed",
                        {"by": str(to_person)},
                    )
                )
                if not outside:
                    c.custodian_id = to_person.pk
                    moved.append(c)
            elif roll > 0.95:
                person = rng.choice(people["by_agency"][c.agency_id])
                clerk = people["clerk"][c.agency_id]
                at = c.created_at + dt.timedelta(days=1)
                assignments.append(Assignment(carrier=c, person=person, assigned_by=clerk, assigned_at=at))
                self.events.append((at, clerk.pk, str(clerk), c, "registry.carrier.assigned", {"person": str(person)}))
        Handover.objects.bulk_create(handovers, batch_size=BATCH)
        Assignment.objects.bulk_create(assignments, batch_size=BATCH)
        Carrier.objects.bulk_update(moved, ["custodian"], batch_size=BATCH)
        RegisterSeries.objects.bulk_create(
            [
                RegisterSeries(agency_id=agency_id, kind="DELIVERY", year=year, last_number=last)
                for (agency_id, year), last in numbers.items()
            ],
            batch_size=BATCH,
        )
        self.counts["handovers"], self.counts["assignments"] = len(handovers), len(assignments)

    # -- the audit chain -------------------------------------------------------------------------------------
    def _audit_chain(self) -> None:
        from bmnn.audit.chain import GENESIS, compute_hash
        from bmnn.audit.models import AuditEvent, ChainHead

        self.events.sort(key=lambda e: e[0])
        prev, seq, batch = GENESIS, 0, []
        for occurred, actor_id, actor_repr, target, action, data in self.events:
            seq += 1
            event = AuditEvent(
                seq=seq,
                occurred_at=occurred,
                actor_id=actor_id,
                actor_repr=actor_repr or "Hệ thống",
                action=action,
                target_type="registry.carrier",
                target_id=str(target.pk),
                target_repr=target.doc_number,
                basis="R23" if "handover" in action else "R19",
                data=data,
                prev_hash=prev,
            )
            event.hash = prev = compute_hash(event)
            batch.append(event)
            if len(batch) >= BATCH * 5:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        AuditEvent.objects.bulk_create(batch)
        ChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev})
        self.counts["audit_events"] = seq


# -- the fast path: PostgreSQL COPY (issue 17) ----------------------------------------------------------------
COPY_CHUNK = 50_000
# The tables the load writes in bulk: their secondary indexes are dropped for the load and built again after,
# their triggers (the agency counters, the foreign-key checks) are disabled meanwhile and the counters filled
# once at the end, as migration 0010 fills them.
BULK_TABLES = (
    "registry_carrier",
    "registry_carrier_items",
    "registry_handover",
    "registry_assignment",
    "audit_auditevent",
)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def generate_copy(
    records: int,
    *,
    events: int | None = None,
    schools: int | None = None,
    seed: int = 17,
    progress: Callable[[str], None] = lambda line: None,
) -> Province:
    """Insert a province of ``records`` records and about ``events`` audit events with PostgreSQL COPY.

    The same province as ``generate`` (organisations and people through the ORM, records, hand-overs and
    assignments drawn the same way), written in chunks of ``COPY_CHUNK`` records without model instances.
    Each record's hand-over or assignment is drawn when the record is, so its final custodian is written
    once. The audit events are emitted in time order through a heap of the events still to come (a
    hand-over a few days after its registration) and hashed as they go with the chain's own canonical
    bytes (``audit.canonical.canonical_row``); sign-ins and sign-outs of the province's people fill the
    chain up to ``events`` (default 5 per record), as sign-ins dominate a real log. Memory stays bounded
    by the chunk. PostgreSQL only; the registry must be empty.
    """
    from django.db import connection, transaction

    from bmnn.registry.models import Carrier

    if connection.vendor != "postgresql":
        raise RuntimeError("generate_copy needs PostgreSQL (COPY); use generate() elsewhere.")
    if Carrier.objects.exists():
        raise RuntimeError("The database already holds records: generate into an empty database.")
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not a secret)
    schools = max(2, records // 500) if schools is None else schools
    with transaction.atomic():
        return _CopyGenerator(rng, progress).load(records, schools, 5 * records if events is None else events)


class _CopyGenerator(_Generator):
    def load(self, records: int, schools: int, events: int) -> Province:
        from django.db import connection

        started = time.monotonic()
        orgs = self._organisations(schools)
        people = self._people(orgs)
        self.progress(f"{self.counts['organisations']:,} organisations, {self.counts['people']:,} people")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            indexes = _secondary_indexes(cursor)
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            for table in BULK_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER ALL")
            self._stream(cursor.connection, records, orgs, people, events, started)
            self.progress(f"loaded ({time.monotonic() - started:.0f} s); building {len(indexes)} indexes")
            for table in BULK_TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER ALL")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('registry_carrier', 'id'), COALESCE(MAX(id), 1)) "
                "FROM registry_carrier"
            )
            cursor.execute("DELETE FROM registry_agencycount")
            cursor.execute(_counter_fill())
        self.progress(f"indexes and counters ({time.monotonic() - started:.0f} s)")
        department, first_school = orgs["department"], orgs["schools"][0]
        return Province(
            department=department,
            school=first_school,
            director=people["head"][department.pk],
            department_clerk=people["clerk"][department.pk],
            school_clerk=people["clerk"][first_school.pk],
            counts=dict(self.counts),
        )

    def _stream(
        self, conn: Any, records: int, orgs: dict[str, Any], people: dict[str, Any], events: int, started: float
    ) -> None:
        import hashlib
        import heapq
        import itertools

        from django.utils import timezone

        from bmnn.audit.canonical import COLUMNS, GENESIS, canonical_row, encode
        from bmnn.audit.models import AuditEvent, ChainHead
        from bmnn.catalog.models import SecretListItem
        from bmnn.core.text import fold
        from bmnn.registry.models import Carrier, RegisterSeries

        rng = self.rng
        department, districts, schools = orgs["department"], orgs["districts"], orgs["schools"]
        agencies = [department, *districts, *schools]
        items_by_level: dict[str, list[int]] = defaultdict(list)
        for pk, level in SecretListItem.objects.filter(repealed=False).values_list("pk", "level"):
            items_by_level[level].append(pk)
        levels = [lv for lv, _ in LEVEL_WEIGHTS]
        weights = [w for _, w in LEVEL_WEIGHTS]
        today = timezone.localdate()
        staff_of = {a.pk: [(p.pk, str(p), p.clearance) for p in people["by_agency"][a.pk]] for a in agencies}
        everyone = [(p.pk, str(p), p.clearance) for p in people["all"]]
        head_of = {pk: p.pk for pk, p in people["head"].items()}
        clerk_of = {pk: (p.pk, str(p)) for pk, p in people["clerk"].items()}
        address = {
            p[0]: encode({"ip_address": f"10.{p[0] // 65536 % 256}.{p[0] // 256 % 256}.{p[0] % 256}"}) for p in everyone
        }

        # When each record was registered (seconds since the epoch) and by which agency, in time order.
        plan: list[tuple[int, int]] = []
        for _ in range(records):
            share = rng.random()
            agency = 0 if share < 0.19 else rng.randrange(1, 21) if share < 0.30 else rng.randrange(21, len(agencies))
            year = rng.choice(YEARS)
            start = int((dt.datetime(year, 1, 1, 7, tzinfo=VN) - EPOCH).total_seconds())
            plan.append((start + rng.randrange(365 * 86400), agency))
        plan.sort()

        carrier_fields = list(Carrier._meta.concrete_fields)
        columns = [f.column for f in carrier_fields]
        at = {f.attname: i for i, f in enumerate(carrier_fields)}
        template = [_default(f, conn) for f in carrier_fields]
        folded: dict[str, str] = {}

        def fold_part(text: str) -> str:
            value = folded.get(text)
            if value is None:
                value = folded[text] = fold(text)
            return value

        numbers: dict[tuple[int, str, int], int] = defaultdict(int)
        delivery: dict[tuple[int, int], int] = defaultdict(int)
        pending: list[tuple[int, int, tuple[Any, ...]]] = []  # (when, tie-break, event) still to come
        tie = itertools.count()
        produced = 0
        seq, prev = 0, GENESIS
        counts = {"records": 0, "handovers": 0, "assignments": 0, "audit_events": 0}

        def moment(ts: int) -> dt.datetime:
            return EPOCH + dt.timedelta(seconds=ts)

        def emit(out: list[tuple[Any, ...]], ts: int, event: tuple[Any, ...]) -> None:
            nonlocal seq, prev
            seq += 1
            actor_id, actor_repr, action, target_type, target_id, target_repr, basis, data = event
            row = (
                seq,
                moment(ts),
                actor_id,
                actor_repr,
                action,
                target_type,
                target_id,
                target_repr,
                basis,
                data,
                "",
                prev,
            )
            digest = hashlib.sha256(canonical_row(row, data_as_stored=True)).hexdigest()
            out.append((*row, digest, ""))
            prev = digest

        def later(ts: int, event: tuple[Any, ...]) -> None:
            nonlocal produced
            heapq.heappush(pending, (ts, next(tie), event))
            produced += 1

        event_columns = ", ".join(COLUMNS)
        carrier_copy = f"COPY registry_carrier ({', '.join(columns)}) FROM STDIN"
        pk = 0
        for chunk_start in range(0, records, COPY_CHUNK):
            rows, links, handovers, assignments, out = [], [], [], [], []
            for ts, agency_index in plan[chunk_start : chunk_start + COPY_CHUNK]:
                pk += 1
                agency = agencies[agency_index]
                while pending and pending[0][0] <= ts:
                    when, _, event = heapq.heappop(pending)
                    emit(out, when, event)
                created = moment(ts)
                local = created.astimezone(VN)
                year = local.year
                level = rng.choices(levels, weights)[0]
                direction = "OUTGOING" if rng.random() < 0.6 else "INCOMING"
                numbers[(agency.pk, direction, year)] += 1
                number = numbers[(agency.pk, direction, year)]
                staff = staff_of[agency.pk]
                custodian = rng.choice(staff)
                subject = rng.choice(SUBJECTS)
                doc_type = rng.choice(DOC_TYPES)
                day = local.date()
                until = day.replace(year=day.year + YEARS_BY_LEVEL[level], day=min(day.day, 28))
                status = rng.choices(("IN_STORAGE", "DECLASSIFIED", "DESTROYED", "OUT_OF_STORAGE"), (86, 8, 5, 1))[0]
                if status == "IN_STORAGE" and until <= today:
                    status = "DECLASSIFIED"
                outgoing = direction == "OUTGOING"
                doc_number = (
                    f"{number}/{doc_type[:2].upper()}-{agency.symbol}"
                    if outgoing
                    else f"{rng.randrange(1, 999)}/{rng.choice(('UBND', 'BGDĐT', 'CAT'))}"
                )
                issuing_body = agency.name if outgoing else rng.choice(SENDERS)
                abstract = "" if level == "TUYET_MAT" else f"{doc_type} {subject} năm {year}"
                sender = "" if outgoing else rng.choice(SENDERS)
                named = rng.choice(staff)[0] if not outgoing and rng.random() < 0.05 else None
                recipients = "Như trên" if outgoing else ""
                parts = (doc_number, doc_type, issuing_body, sender, recipients, "Tủ tài liệu mật", abstract)
                search = " ".join(fold_part(p) if i else fold(p) for i, p in enumerate(parts) if p)
                clerk_pk, clerk_repr = clerk_of[agency.pk]
                action = "registry.outgoing.registered" if outgoing else "registry.incoming.registered"
                emit(
                    out,
                    ts,
                    (
                        clerk_pk,
                        clerk_repr,
                        action,
                        "registry.carrier",
                        str(pk),
                        doc_number,
                        "R19",
                        encode({"level": level, "number": doc_number}),
                    ),
                )
                produced += 1
                # A hand-over (30%, in storage) or an assignment (5%), drawn now so the custodian is final.
                holder = custodian
                roll = rng.random()
                if roll < 0.30 and status == "IN_STORAGE":
                    outside = rng.random() < 0.1
                    to = rng.choice(everyone) if outside else rng.choice(staff)
                    if to[0] != custodian[0] and to[2]:
                        handed = ts + 86400 * rng.randrange(1, 30)
                        handed_year = moment(handed).year
                        delivery[(agency.pk, handed_year)] += 1
                        handovers.append(
                            (
                                pk,
                                agency.pk,
                                handed_year,
                                delivery[(agency.pk, handed_year)],
                                custodian[0],
                                to[0],
                                "A",
                                moment(handed),
                                "CONFIRMED",
                                to[0],
                                moment(handed + 3600),
                            )
                        )
                        later(
                            handed,
                            (
                                custodian[0],
                                custodian[1],
                                "registry.handover.created",
                                "registry.carrier",
                                str(pk),
                                doc_number,
                                "R23",
                                encode({"to": to[1]}),
                            ),
                        )
                        later(
                            handed + 3600,
                            (
                                to[0],
                                to[1],
                                "registry.handover.confirmed",
                                "registry.carrier",
                                str(pk),
                                doc_number,
                                "R23",
                                encode({"by": to[1]}),
                            ),
                        )
                        if not outside:
                            holder = to
                elif roll > 0.95:
                    person = rng.choice(staff)
                    assigned = ts + 86400
                    assignments.append((pk, person[0], clerk_pk, moment(assigned)))
                    later(
                        assigned,
                        (
                            clerk_pk,
                            clerk_repr,
                            "registry.carrier.assigned",
                            "registry.carrier",
                            str(pk),
                            doc_number,
                            "R19",
                            encode({"person": person[1]}),
                        ),
                    )
                # Sign-ins and sign-outs fill the chain up to the events asked for, spread over the decade.
                while produced < events * pk // records:
                    who = rng.choice(everyone)
                    signed_in = ts + rng.randrange(86400)
                    for when, verb in (
                        (signed_in, "org.login.succeeded"),
                        (signed_in + rng.randrange(600, 14400), "org.login.logged_out"),
                    ):
                        later(when, (who[0], who[1], verb, "org.person", str(who[0]), who[1], "", address[who[0]]))
                row = template.copy()
                row[at["id"]] = pk
                row[at["agency_id"]] = agency.pk
                row[at["direction"]] = direction
                row[at["kind"]] = "DOCUMENT"
                row[at["medium"]] = "PAPER"
                row[at["reg_year"]] = year
                row[at["reg_number"]] = number
                row[at["doc_number"]] = doc_number
                row[at["doc_date"]] = day
                row[at["issuing_body"]] = issuing_body
                row[at["doc_type"]] = doc_type
                row[at["abstract"]] = abstract
                row[at["level"]] = level
                row[at["drafter_id"]] = custodian[0] if outgoing else None
                row[at["decision_maker_id"]] = head_of[agency.pk] if outgoing else None
                row[at["decision_basis"]] = "Người đứng đầu" if outgoing else ""
                row[at["recipients"]] = recipients
                row[at["sender"]] = sender
                row[at["received_at"]] = None if outgoing else created
                row[at["named_recipient_id"]] = named
                row[at["determination_date"]] = day
                row[at["protection_until"]] = until
                row[at["custodian_id"]] = holder[0]
                row[at["storage_place"]] = "Tủ tài liệu mật"
                row[at["status"]] = status
                row[at["created_at"]] = created
                row[at["search_text"]] = search
                rows.append(row)
                if items_by_level[level]:
                    links.append((pk, rng.choice(items_by_level[level])))
            if pk == records:  # the last chunk: what is still to come happens after the last registration
                while pending:
                    when, _, event = heapq.heappop(pending)
                    emit(out, when, event)
            _copy(conn, carrier_copy, rows)
            _copy(conn, "COPY registry_carrier_items (carrier_id, secretlistitem_id) FROM STDIN", links)
            _copy(
                conn,
                "COPY registry_handover (carrier_id, agency_id, year, number, from_person_id, to_person_id, "
                "envelope_letter, handed_at, status, confirmed_by_id, confirmed_at, envelope_count, named_only, note) "
                "FROM STDIN",
                [(*h, 1, False, "") for h in handovers],
            )
            _copy(
                conn,
                "COPY registry_assignment (carrier_id, person_id, assigned_by_id, assigned_at) FROM STDIN",
                assignments,
            )
            _copy(conn, f"COPY audit_auditevent ({event_columns}) FROM STDIN", out)
            counts["records"] += len(rows)
            counts["handovers"] += len(handovers)
            counts["assignments"] += len(assignments)
            counts["audit_events"] += len(out)
            self.progress(
                f"{counts['records']:,} records, {counts['handovers']:,} hand-overs, "
                f"{counts['audit_events']:,} audit events ({time.monotonic() - started:.0f} s)"
            )
        RegisterSeries.objects.bulk_create(
            [RegisterSeries(agency_id=a, kind=d, year=y, last_number=n) for (a, d, y), n in numbers.items()]
            + [RegisterSeries(agency_id=a, kind="DELIVERY", year=y, last_number=n) for (a, y), n in delivery.items()],
            batch_size=BATCH,
        )
        ChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev})
        assert AuditEvent.objects.count() == seq  # noqa: S101 (a generator's own consistency check)
        self.counts.update(counts)


def _default(field: Any, conn: Any) -> Any:
    """What the ORM would write for ``field`` left at its default, as COPY takes it."""
    import json

    from django.db import models

    if field.primary_key or not field.has_default():
        return None if field.null else ""
    value = field.get_default()
    if isinstance(field, models.JSONField):
        return json.dumps(value)
    return value


def _copy(conn: Any, statement: str, rows: list[Any]) -> None:
    if not rows:
        return
    with conn.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _secondary_indexes(cursor: Any) -> list[tuple[str, str]]:
    """The bulk tables' indexes that back no constraint (primary and unique keys stay), with their definitions."""
    cursor.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
        [list(BULK_TABLES)],
    )
    return list(cursor.fetchall())


def _counter_fill() -> str:
    """The statement migration 0010 fills the agency counters with (one GROUP BY over the records)."""
    import importlib

    return str(importlib.import_module("bmnn.registry.migrations.0010_agency_counts").FILL)


def main(argv: list[str]) -> int:
    import argparse
    import os
    import tempfile
    from pathlib import Path

    parser = argparse.ArgumentParser(description="Fill an empty BMNN database with a generated province.")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--schools", type=int, default=None, help="default: records // 500")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--events", type=int, default=None, help="audit events with COPY (default: 5 per record)")
    parser.add_argument("--orm", action="store_true", help="bulk inserts through the ORM even on PostgreSQL (slow)")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "src"))
    os.environ.setdefault("BMNN_DATA_DIR", tempfile.mkdtemp(prefix="bmnn-province-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.monotonic()

    def say(line: str) -> None:
        print(line, flush=True)

    if connection.vendor == "postgresql" and not args.orm:
        province = generate_copy(args.records, events=args.events, schools=args.schools, seed=args.seed, progress=say)
    else:
        province = generate(args.records, schools=args.schools, seed=args.seed, progress=say)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"done in {time.monotonic() - started:.0f} s: {province.counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
