"""Written notices owed to recorded recipients after an extension, a re-grade or a declassification."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Person
from bmnn.registry.policies import is_register_keeper

from ..models import Notice, NoticeKind, Reminder

BASIS = {NoticeKind.EXTENSION: "R7", NoticeKind.REGRADE: "R10", NoticeKind.DECLASSIFY: "R8, R9, R11"}


def notice_mark_sent_check(actor: Person, notice: Notice) -> None:
    """The custodian or the clerk records a notice not yet sent (R7, R9, R10, R11)."""
    carrier = notice.carrier
    if actor.pk != carrier.custodian_id and not is_register_keeper(actor, carrier.agency):
        raise PermissionDenied(
            _("Only the manager or a clerk may record a notice as sent."), rule=BASIS[NoticeKind(notice.kind)]
        )
    if notice.sent_at is not None:
        raise DomainError(
            _("This notice was already sent at {time}.").format(
                time=f"{timezone.localtime(notice.sent_at):%H:%M %d/%m/%Y}"
            )
        )


def notice_mark_sent(*, actor: Person, notice: Notice) -> Notice:
    """Record that the written notice went out; its reminder is done (R7, R9, R10, R11)."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("carrier").get(pk=notice.pk)
        carrier, basis = notice.carrier, BASIS[NoticeKind(notice.kind)]
        notice_mark_sent_check(actor, notice)
        notice.sent_at, notice.sent_by = clock.now(), actor
        notice.save(update_fields=["sent_at", "sent_by"])
        Reminder.objects.filter(key=f"notice:{notice.pk}", done_at__isnull=True).update(done_at=notice.sent_at)
        record(
            actor,
            "lifecycle.notice.sent",
            carrier,
            basis=basis,
            data={
                "notice_id": notice.pk,
                "kind": notice.kind,
                "recipient": notice.recipient,
                "due": notice.due.isoformat(),
                "late": clock.today() > notice.due,
            },
        )
    return notice
