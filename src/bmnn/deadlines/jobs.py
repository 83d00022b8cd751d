"""`bmnn deadlines run`: declassification at expiry, proposals to heads, reminders and overdue flags.

A repealed list item declassifies nothing by itself: the job proposes each record citing only repealed items
to the head of its holding agency (R9, R48); declassification at expiry stays automatic (R8).

Idempotent: every step looks for what is not yet done (a live record past expiry, a reminder
whose key does not exist, an overdue item not yet flagged), so running it twice a day, or
twice in a row, changes nothing more the second time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, cast

from django.db import transaction
from django.db.models import CharField, Exists, Func, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat

from bmnn.audit.chain import Entry, record_many
from bmnn.core import clock
from bmnn.legal.deadlines import extension_alert_from, extension_decision_deadline, notice_alert_from, return_alert_from
from bmnn.legal.periods import Durations
from bmnn.lifecycle.models import Notice, RecallItem, Reminder, Takeout
from bmnn.lifecycle.selectors import LIVE
from bmnn.lifecycle.services.delisting import delisting_propose, records_to_propose
from bmnn.lifecycle.services.protection import declassify_at_expiry_many
from bmnn.org.models import Person, Position
from bmnn.registry.choices import IncidentKind
from bmnn.registry.models import Carrier, Incident

CHUNK = 2000  # records read at a time
WRITE_CHUNK = 500  # reminders or events written in one transaction


def _quiet(line: str) -> None:
    """The default progress sink: say nothing."""


def run(*, dry_run: bool = False, progress: Callable[[str], None] = _quiet) -> Counter[str]:
    """Apply every deadline as of today; return what was done, by kind.

    Every pass reads only what is due (indexed due dates, never every live record), in chunks, with
    the legal parameters loaded once; reminders already raised are skipped by their keys, so a run
    after a run does no more than what became due in between.
    """
    started = time.monotonic()
    today = clock.today()
    table = Durations()
    done: Counter[str] = Counter()
    originals = Carrier.objects.filter(original__isnull=True, status__in=LIVE)
    expired = list(originals.filter(protection_until__lte=today).order_by("pk").values_list("pk", flat=True))
    expired_set = set(expired)
    # R48: a record citing only repealed items is proposed to its head, never declassified here.
    delisted = [pk for pk in records_to_propose().order_by("pk").values_list("pk", flat=True) if pk not in expired_set]
    done["declassified_expiry (R8)"] = len(expired)
    done["delisting_proposed (R9, R48)"] = len(delisted)
    progress(
        f"Giải mật: {len(expired)} hết thời hạn bảo vệ; {len(delisted)} đề xuất người đứng đầu xem xét "
        f"do mục danh mục bị bãi bỏ"
    )
    if dry_run:
        return done
    for start in range(0, len(expired), WRITE_CHUNK):
        # R8: a chunk at a time, each record with its own audit event; a chunk is written whole or not at all.
        declassify_at_expiry_many(Carrier.objects.filter(pk__in=expired[start : start + WRITE_CHUNK]).order_by("pk"))
        progress(f"  giải mật (R8): {min(start + WRITE_CHUNK, len(expired))}/{len(expired)}")
    for start in range(0, len(delisted), CHUNK):
        for carrier in Carrier.objects.filter(pk__in=delisted[start : start + CHUNK]).order_by("pk"):
            delisting_propose(carrier=carrier)
        progress(f"  đề xuất (R48): {min(start + CHUNK, len(delisted))}/{len(delisted)}")
    done["reminders"] = _remind(today, table, progress)
    done.update(_flag_overdue(today))
    elapsed = f"{time.monotonic() - started:.1f}".replace(".", ",")  # Vietnamese decimal comma
    progress(f"Xong trong {elapsed} giây.")
    return done


class _Heads:
    """Each agency's head, looked up once per agency for the whole run, a chunk of agencies per query."""

    def __init__(self) -> None:
        self._known: dict[int, Person | None] = {}

    def load(self, agency_ids: Iterable[int]) -> None:
        """Look up, in one query, the heads of the agencies not looked up yet."""
        missing = set(agency_ids) - self._known.keys()
        if not missing:
            return
        self._known.update(dict.fromkeys(missing))
        # The first by the people's ordering, as ``.first()`` on one agency's heads would pick.
        heads = Person.objects.filter(organisation_id__in=missing, position=Position.HEAD, is_active=True)
        for person in heads.order_by(*(Person._meta.ordering or ()), "pk"):
            agency = cast(int, person.organisation_id)  # one of ``missing``
            if self._known[agency] is None:
                self._known[agency] = person

    def of(self, carrier: Carrier) -> Person | None:
        self.load([carrier.agency_id])
        return self._known[carrier.agency_id]


class _IsoDate(Func):
    """A date as the text Python writes in a reminder's key (YYYY-MM-DD), whatever the server's date style."""

    output_field = CharField()
    template = "to_char(%(expressions)s, 'YYYY-MM-DD')"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="%(expressions)s", **extra)  # dates are stored as ISO text


class _Due(NamedTuple):
    """A reminder to raise unless its key was raised before."""

    key: str
    person: Person | None
    carrier: Carrier
    text: str
    due: dt.date


def _remind(today: dt.date, table: Durations, progress: Callable[[str], None]) -> int:
    raised = 0
    heads = _Heads()
    # R7: the alert starts at most (decision lead + alert lead) before expiry: only those due dates are read.
    horizon = today + dt.timedelta(
        days=table.longest("EXTENSION_DECISION_LEAD") + table.longest("EXTENSION_ALERT_LEAD")
    )
    # Reminders already raised are left out by the database (their key is the record and its end date), so a
    # run after a run reads nothing of them (issue 17).
    raised_before = Reminder.objects.filter(
        carrier_id=OuterRef("pk"),
        key=Concat(
            Value("extend:"), Cast(OuterRef("pk"), CharField()), Value(":"), _IsoDate(OuterRef("protection_until"))
        ),
    )
    window = Carrier.objects.filter(
        original__isnull=True, status__in=LIVE, protection_until__gt=today, protection_until__lte=horizon
    ).filter(~Exists(raised_before))
    due = list(window.order_by("protection_until", "pk").values_list("pk", "protection_until"))
    for start in range(0, len(due), CHUNK):
        alerted = [
            pk
            for pk, until in due[start : start + CHUNK]
            if today >= extension_alert_from(cast(dt.date, until), table)  # never NULL: protection_until__gt
        ]
        candidates = []
        carriers = list(Carrier.objects.filter(pk__in=alerted).order_by("protection_until", "pk"))
        heads.load(c.agency_id for c in carriers)
        for carrier in carriers:
            until = cast(dt.date, carrier.protection_until)  # never NULL: protection_until__gt
            deadline = extension_decision_deadline(until, table)
            candidates.append(
                _Due(
                    f"extend:{carrier.pk}:{until}",
                    heads.of(carrier),
                    carrier,
                    f"Xem xét gia hạn {carrier}: hạn quyết định {deadline:%d/%m/%Y}, "
                    f"hết thời hạn bảo vệ {until:%d/%m/%Y}",
                    deadline,
                )
            )
        raised += _raise(candidates)  # _raise checks the keys again: a run alongside this one
        progress(f"  nhắc gia hạn: đã xét {min(start + CHUNK, len(due))}/{len(due)} BMNN sắp hết hạn")
    raised += _raise(
        [
            _Due(
                f"notice:{notice.pk}",
                notice.carrier.custodian,
                notice.carrier,
                f"Gửi {notice.get_kind_display().lower()} cho {notice.recipient}",
                notice.due,
            )
            for notice in Notice.objects.filter(sent_at__isnull=True).select_related("carrier__custodian")
            if today >= notice_alert_from(clock.local_date(notice.created_at), table)
        ]
    )
    raised += _raise(
        [
            _Due(
                f"takeout:{takeout.pk}",
                takeout.taken_by,
                takeout.carrier,
                f"Trả {takeout.carrier} về nơi lưu giữ",
                takeout.due,
            )
            for takeout in Takeout.objects.filter(returned_at__isnull=True).select_related("carrier", "taken_by")
            if today >= return_alert_from(takeout.due, "TAKEOUT_ALERT_LEAD", table)
        ]
    )
    raised += _raise(
        [
            _Due(
                f"recall:{item.pk}",
                item.holder,
                item.carrier,
                f"Trả tài liệu thu hồi {item.carrier}",
                item.recall.return_by,
            )
            for item in RecallItem.objects.filter(
                returned_at__isnull=True, recall__closed_at__isnull=True
            ).select_related("recall", "carrier", "holder")
            if today >= return_alert_from(item.recall.return_by, "RECALL_ALERT_LEAD", table)
        ]
    )
    progress(f"Nhắc việc: {raised} mới")
    return raised


def _raised(keys: list[str]) -> set[str]:
    """The keys among ``keys`` already raised, read a chunk at a time."""
    return {
        key
        for start in range(0, len(keys), CHUNK)
        for key in Reminder.objects.filter(key__in=keys[start : start + CHUNK]).values_list("key", flat=True)
    }


def _raise(candidates: list[_Due]) -> int:
    """Raise the reminders not raised yet (by key), WRITE_CHUNK at a time; return how many.

    Each chunk is one transaction: its reminders and one audit event per reminder (R7, R26, R32), the
    events written under one lock of the chain. A failure leaves the chunk out whole, and the next run
    raises it again, since its keys were not written.
    """
    people = [c for c in candidates if c.person is not None]
    raised_before = _raised([c.key for c in people])
    new = list({c.key: c for c in people if c.key not in raised_before}.values())
    for start in range(0, len(new), WRITE_CHUNK):
        part = new[start : start + WRITE_CHUNK]
        with transaction.atomic():
            now = clock.now()
            Reminder.objects.bulk_create(
                [
                    Reminder(
                        key=c.key, person=c.person, carrier=c.carrier, text=c.text[:300], due=c.due, created_at=now
                    )
                    for c in part
                ]
            )
            record_many(
                None,
                "deadlines.reminder.raised",
                [
                    Entry(
                        c.carrier,
                        {"key": c.key, "person": str(c.person), "due": c.due.isoformat(), "text": c.text},
                    )
                    for c in part
                ],
                basis="R7, R26, R32",
            )
    return len(new)


def _flag_overdue(today: dt.date) -> Counter[str]:
    flagged: Counter[str] = Counter()
    rows: list[tuple[str, QuerySet[Any], str, str]] = [
        (
            "takeouts_overdue (R32)",
            Takeout.objects.filter(returned_at__isnull=True, due__lt=today),
            "lifecycle.takeout.overdue",
            "R32",
        ),
        (
            "notices_overdue (R7)",
            Notice.objects.filter(sent_at__isnull=True, due__lt=today),
            "lifecycle.notice.overdue",
            "R7",
        ),
        (
            "recalls_overdue (R26)",
            RecallItem.objects.filter(
                returned_at__isnull=True, recall__return_by__lt=today, recall__closed_at__isnull=True
            ),
            "lifecycle.recall.overdue",
            "R26",
        ),
    ]
    for label, queryset, action, basis in rows:
        flagged[label] += _flag(queryset, "overdue_flagged_at", action, basis)
    # R32: a record taken abroad is handed to the delegation's head the day it leaves.
    flagged["abroad_handovers_overdue (R32)"] += _flag(
        Takeout.objects.filter(
            abroad=True, handed_over_at__isnull=True, returned_at__isnull=True, checked_out_at__lt=clock.start_of(today)
        ),
        "handover_flagged_at",
        "lifecycle.takeout.handover_overdue",
        "R32",
    )
    # R25: the sender of a mismatched receipt is notified at once (the day it was found).
    flagged["sender_notices_overdue (R25)"] += _flag(
        Incident.objects.filter(
            kind=IncidentKind.RECEIPT_MISMATCH, sender_notified_at__isnull=True, found_at__lt=clock.start_of(today)
        ),
        "sender_overdue_flagged_at",
        "registry.incoming.sender_notice_overdue",
        "R25",
    )
    return +flagged


def _flag(queryset: QuerySet[Any], field: str, action: str, basis: str) -> int:
    """Flag each row not yet flagged, with its audit event (one per row); return how many.

    WRITE_CHUNK rows a transaction, their events written under one lock of the chain (issue 17).
    """
    rows = list(queryset.filter(**{f"{field}__isnull": True}).select_related("carrier").order_by("pk"))
    for start in range(0, len(rows), WRITE_CHUNK):
        part = rows[start : start + WRITE_CHUNK]
        with transaction.atomic():
            now = clock.now()
            queryset.model._default_manager.filter(pk__in=[row.pk for row in part]).update(**{field: now})
            for row in part:
                setattr(row, field, now)
            record_many(
                None, action, [Entry(row.carrier, {"id": row.pk, "what": str(row)}) for row in part], basis=basis
            )
    return len(rows)
