"""Copy, extract, photograph and digitise (R12–R17)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request
from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.roles import Operation
from bmnn.org.models import Person
from bmnn.registry.choices import CopyForm, Medium, SeriesKind, Status
from bmnn.registry.guards import guard
from bmnn.registry.models import Carrier
from bmnn.registry.services.common import refresh_search_text, require_custodian
from bmnn.registry.services.numbering import take_number

from ..models import CopyJob
from .common import approved, approved_check, close, submit


def copy_request_check(actor: Person, carrier: Carrier) -> None:
    """A copy is asked of a record in storage whose original permits copying (R15)."""
    guard(carrier, "copy")
    if not carrier.root.copy_permitted:  # R15
        raise DomainError(_('The original is marked "copying not allowed".'), rule="R15")


def copy_request(*, actor: Person, carrier: Carrier, form: str, count: int, recipients: str, reasons: str) -> Request:
    """Ask to copy ``count`` copies of a record (or of a copy's original) in ``form``."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        copy_request_check(actor, carrier)
        root = carrier.root
        if form not in CopyForm.values:
            raise DomainError(_("Invalid form of copying."), field="form")
        if count < 1:
            raise DomainError(_("At least 1 copy must be requested."), rule="R16", field="count")
        if not recipients.strip():
            raise DomainError(_("Write the recipients of the copies."), rule="R16", field="recipients")
        return submit(
            actor=actor,
            carrier=root,
            operation=Operation.COPY,
            reasons=reasons,
            payload={"form": form, "count": count, "recipients": recipients.strip()},
        )


def copy_make_check(actor: Person, request: Request, *, electronic: bool = False) -> None:
    """The approved copy is made of an original in storage, by designated staff (R12, R14).

    ``electronic``: the copy is a file the vault keeps (a download, a digitisation). A digitisation is made
    only that way, with its scan stored: a digitised copy is never left as paper (R17).
    """
    original = approved_check(request, Operation.COPY)
    guard(original, "copy")
    if request.payload.get("form") == CopyForm.DIGITISE and not electronic:  # R17
        raise DomainError(
            _(
                "Digitising is copying into an electronic copy: do it by uploading the scan to the secret electronic "
                'store ("Digitise: upload the scan to the store").'
            ),
            rule="R17",
        )
    require_custodian(actor, "Người sao, chụp")  # R14; the copier holds the copies (R38, P4)


def copy_make(*, actor: Person, request: Request, made: int, spoiled: int = 0, electronic: bool = False) -> CopyJob:
    """Make the approved copies: numbered, marked, inheriting level and protection (R14, R16, R17).

    ``electronic`` (the vault's download and digitisation only): the copies are electronic files.
    """
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        original = approved(request, Operation.COPY)
        copy_make_check(actor, request, electronic=electronic)
        approved_count = int(request.payload["count"])
        if not 1 <= made <= approved_count:  # R16
            raise DomainError(
                _("The number of copies must be from 1 to {approved} (the number approved).").format(
                    approved=approved_count
                ),
                rule="R16",
                field="made",
            )
        if spoiled < 0:
            raise DomainError(_("Invalid number of spoiled copies."), field="spoiled")
        form = request.payload["form"]
        now, year = clock.now(), clock.this_year()  # R19: the copy register's local year, not UTC's
        job = CopyJob.objects.create(
            request=request,
            original=original,
            agency=original.agency,
            year=year,
            number=take_number(original.agency, SeriesKind.COPY, year),
            form=form,
            approved_count=approved_count,
            made_count=made,
            spoiled_count=spoiled,
            recipients=request.payload["recipients"],
            operator=actor,
            approver_repr=str(request.decided_by),
            made_at=now,
        )
        first = (original.copies.aggregate(n=Max("copy_number"))["n"] or 0) + 1
        label = str(CopyForm(form).label)
        for number in range(first, first + made):
            _make_copy(original, job, number, label, actor, electronic)
        close(request)
        record(
            actor,
            "lifecycle.copy.made",
            original,
            basis="R12, R14, R16, R17",
            data={
                "copy_register": f"{job.number}/{job.year}",
                "form": form,
                "made": made,
                "spoiled_destroyed": spoiled,
                "copy_numbers": list(range(first, first + made)),
                "approver": job.approver_repr,
                "request_id": request.pk,
            },
        )
    return job


def _make_copy(
    original: Carrier, job: CopyJob, number: int, form_label: str, operator: Person, electronic: bool
) -> Carrier:
    copy = Carrier(
        agency=original.agency,
        direction=original.direction,
        kind=original.kind,
        medium=Medium.ELECTRONIC if electronic else original.medium,
        reg_year=original.reg_year,
        reg_number=original.reg_number,
        doc_number=original.doc_number,
        doc_date=original.doc_date,
        issuing_body=original.issuing_body,
        doc_type=original.doc_type,
        abstract=original.abstract,
        level=original.level,
        recipients=job.recipients,
        copy_permitted=original.copy_permitted,
        circulation_scope=original.circulation_scope,
        urgency=original.urgency,
        determination_date=original.determination_date,
        protection_until=original.protection_until,
        shorter_period=original.shorter_period,
        custodian=operator,
        storage_place=original.storage_place,
        status=Status.IN_STORAGE,
        original=original,
        copy_number=number,
        copy_form=job.form,
        digitised=job.form == CopyForm.DIGITISE,  # R17
        marks=[
            f"Bản sao số {number}",
            f"Bản sao BMNN – {form_label}, {timezone.localtime(job.made_at):%H:%M %d/%m/%Y}, "
            f"số lượng {job.made_count}, "
            f"nơi nhận: {job.recipients}, người cho phép: {job.approver_repr}",
        ],
        created_at=job.made_at,
    )
    refresh_search_text(copy)
    copy.save()
    copy.items.set(original.items.all())
    return copy
