"""`bmnn deadlines run`: automatic declassification, reminders and overdue flags.

Idempotent: every step looks for what is not yet done (a live record past expiry, a reminder
whose key does not exist, an overdue item not yet flagged), so running it twice a day, or
twice in a row, changes nothing more the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.db.models import Exists, OuterRef

from bmnn.audit.chain import record
from bmnn.catalog.models import ListStatus, SecretListItem
from bmnn.core import clock
from bmnn.legal.deadlines import extension_alert_from, extension_decision_deadline, notice_alert_from, return_alert_from
from bmnn.lifecycle.models import LevelChange, Notice, RecallItem, Reminder, Takeout
from bmnn.lifecycle.services.protection import declassify_automatically
from bmnn.org.models import Person, Position
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier

LIVE = [Status.IN_STORAGE, Status.OUT_OF_STORAGE, Status.IN_TRANSIT, Status.HELD, Status.PROVIDED]


def run(*, dry_run: bool = False) -> Counter[str]:
    """Apply every deadline as of today; return what was done, by kind."""
    today = clock.today()
    done: Counter[str] = Counter()
    originals = Carrier.objects.filter(original__isnull=True, status__in=LIVE)
    expired = list(originals.filter(protection_until__lte=today))
    live_item = SecretListItem.objects.filter(carriers=OuterRef("pk"), repealed=False,
                                              secret_list__status=ListStatus.ACTIVE)
    delisted = list(originals.filter(items__isnull=False).exclude(Exists(live_item)).distinct())
    done["declassified_expiry (R8)"] = len(expired)
    done["declassified_delisted (R9)"] = len([c for c in delisted if c not in expired])
    if dry_run:
        return done
    for carrier in expired:
        declassify_automatically(carrier=carrier, kind=LevelChange.Kind.AUTO_EXPIRY, basis="R8")
    for carrier in delisted:
        if carrier not in expired:
            declassify_automatically(carrier=carrier, kind=LevelChange.Kind.AUTO_DELISTED, basis="R9")
    done["reminders"] = _remind(today)
    done.update(_flag_overdue(today))
    return done


def _head_of(carrier: Carrier) -> Person | None:
    return Person.objects.filter(organisation=carrier.agency, position=Position.HEAD, is_active=True).first()


def _remind(today: dt.date) -> int:
    raised = 0
    for carrier in Carrier.objects.filter(original__isnull=True, status__in=LIVE, protection_until__gt=today):
        if today >= extension_alert_from(carrier.protection_until):  # R7
            deadline = extension_decision_deadline(carrier.protection_until)
            raised += _reminder(f"extend:{carrier.pk}:{carrier.protection_until}", _head_of(carrier), carrier,
                                f"Xem xét gia hạn {carrier}: hạn quyết định {deadline:%d/%m/%Y}, hết thời hạn "
                                f"bảo vệ {carrier.protection_until:%d/%m/%Y}", deadline)
    for notice in Notice.objects.filter(sent_at__isnull=True).select_related("carrier"):
        if today >= notice_alert_from(clock.local_date(notice.created_at)):
            raised += _reminder(f"notice:{notice.pk}", notice.carrier.custodian, notice.carrier,
                                f"Gửi {notice.get_kind_display().lower()} cho {notice.recipient}", notice.due)
    for takeout in Takeout.objects.filter(returned_at__isnull=True).select_related("carrier"):
        if today >= return_alert_from(takeout.due, "TAKEOUT_ALERT_LEAD"):
            raised += _reminder(f"takeout:{takeout.pk}", takeout.taken_by, takeout.carrier,
                                f"Trả {takeout.carrier} về nơi lưu giữ", takeout.due)
    for item in RecallItem.objects.filter(returned_at__isnull=True, recall__closed_at__isnull=True).select_related(
            "recall", "carrier"):
        if today >= return_alert_from(item.recall.return_by, "RECALL_ALERT_LEAD"):
            raised += _reminder(f"recall:{item.pk}", item.holder, item.carrier,
                                f"Trả tài liệu thu hồi {item.carrier}", item.recall.return_by)
    return raised


def _reminder(key: str, person: Person | None, carrier: Carrier, text: str, due: dt.date) -> int:
    if person is None or Reminder.objects.filter(key=key).exists():
        return 0
    with transaction.atomic():
        Reminder.objects.create(key=key, person=person, carrier=carrier, text=text[:300], due=due,
                                created_at=clock.now())
        record(None, "deadlines.reminder.raised", carrier, basis="R7, R26, R32",
               data={"key": key, "person": str(person), "due": due.isoformat(), "text": text})
    return 1


def _flag_overdue(today: dt.date) -> Counter[str]:
    flagged: Counter[str] = Counter()
    rows = [
        ("takeouts_overdue (R32)", Takeout.objects.filter(returned_at__isnull=True, due__lt=today),
         "lifecycle.takeout.overdue", "R32"),
        ("notices_overdue (R7)", Notice.objects.filter(sent_at__isnull=True, due__lt=today),
         "lifecycle.notice.overdue", "R7"),
        ("recalls_overdue (R26)", RecallItem.objects.filter(returned_at__isnull=True, recall__return_by__lt=today,
                                                            recall__closed_at__isnull=True),
         "lifecycle.recall.overdue", "R26"),
    ]
    for label, queryset, action, basis in rows:
        for row in queryset.filter(overdue_flagged_at__isnull=True).select_related("carrier"):
            with transaction.atomic():
                row.overdue_flagged_at = clock.now()
                row.save(update_fields=["overdue_flagged_at"])
                record(None, action, row.carrier, basis=basis, data={"id": row.pk, "what": str(row)})
            flagged[label] += 1
    return flagged
