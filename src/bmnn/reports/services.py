"""Operations on periodic reports (R41, R42, P5): build, edit, submit, sign and export, import, trust keys.

Each is one transaction with its audit event; a refusal raises DomainError and changes nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import zipfile
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.audit.checkpoint import SigningKeyUnavailable, public_key_b64, signing_key
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.text import Message
from bmnn.core.uploadscan import ScanBusy, open_upload
from bmnn.org.models import Organisation, Person

from . import figures as fig
from . import witness
from .models import ImportedReport, PeriodicReport, ReportStatus, TrustedKey
from .policies import may_sign, works_on_reports
from .tree import recipient_of, subordinates_of, window

PACKAGE_FORMAT = "bmnn-bao-cao-dinh-ky/1"
DATA, SIGNATURE, PDF = "data.json", "data.sig", "bao-cao.pdf"
TEXT_FIELDS = ("situation", "results", "incidents_text", "proposals")


def aggregate(unit: Organisation, year: int) -> dict[str, Any]:
    """P5: the unit's own figures plus each subordinate's submitted or imported report."""
    start, end, _due = window(year)
    own = fig.own_figures(unit, start, end)
    total, parts, missing = own, [], []
    for org in subordinates_of(unit, year):
        imported = ImportedReport.objects.filter(organisation=org, year=year).first()
        local = PeriodicReport.objects.filter(organisation=org, year=year, status=ReportStatus.SUBMITTED).first()
        # A package the superior imported is what was formally sent; a local submission serves otherwise.
        if imported is not None:
            sub, part = imported.figures.get("total", {}), {"source": "imported", "ref": imported.pk}
        elif local is not None:
            sub, part = local.figures.get("total", {}), {"source": "local", "ref": local.pk}
        else:
            missing.append({"unit_id": org.pk, "unit": org.name})
            continue
        parts.append({"unit_id": org.pk, "unit": org.name, **part, "total": sub})
        total = fig.add(total, sub)
    return {"own": own, "subordinates": parts, "missing": missing, "total": total}


def report_build_check(actor: Person, unit: Organisation | None, report: PeriodicReport | None = None) -> None:
    """The unit's own leaders, clerk and designated staff build its report, and refresh it until submitted (R41)."""
    if unit is None or not works_on_reports(actor, unit):
        raise PermissionDenied(
            _("Only the unit's leaders, clerks or assigned staff may draw up the unit's report."), rule="R41"
        )
    if report is not None and report.is_submitted:
        raise DomainError(
            _("The {year} report was sent on {date}; its figures are frozen and cannot be recomputed.").format(
                year=report.year, date=f"{report.submitted_at:%d/%m/%Y}"
            ),
            rule="R41",
        )


def report_build(*, actor: Person, unit: Organisation, year: int) -> PeriodicReport:
    """Open the unit's draft report for ``year``, or refresh a draft's figures from the data (R41, R42)."""
    with transaction.atomic():
        start, end, due = window(year)
        report = PeriodicReport.objects.select_for_update().filter(organisation=unit, year=year).first()
        report_build_check(actor, unit, report)
        figures, now = aggregate(unit, year), clock.now()
        if report is None:
            report = PeriodicReport.objects.create(
                organisation=unit,
                year=year,
                window_start=start,
                window_end=end,
                due=due,
                recipient=recipient_of(unit, year),
                figures=figures,
                figures_at=now,
                created_by=actor,
                created_at=now,
            )
            action = "reports.report.built"
        else:
            report.figures, report.figures_at = figures, now
            report.window_start, report.window_end, report.due = start, end, due
            report.recipient = recipient_of(unit, year)
            report.save(update_fields=["figures", "figures_at", "window_start", "window_end", "due", "recipient"])
            action = "reports.report.refreshed"
        record(
            actor,
            action,
            report,
            basis="R41",
            data={
                "year": year,
                "window": [start.isoformat(), end.isoformat()],
                "missing": [m["unit"] for m in figures["missing"]],
            },
        )
    return report


def report_edit_check(actor: Person, report: PeriodicReport) -> None:
    """Only the reporting unit edits, and only before it is submitted (R41)."""
    if not works_on_reports(actor, report.organisation):
        raise PermissionDenied(_("Only the unit that drew up the report may edit its content."), rule="R41")
    if report.is_submitted:
        raise DomainError(
            _("The report has been sent to the superior agency and is locked; it cannot be edited."), rule="R41"
        )


def report_edit(*, actor: Person, report: PeriodicReport, **texts: str) -> PeriodicReport:
    """Write the analysis and proposals of sections a–d; a submitted report is locked (R41)."""
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise DomainError(_("Invalid report fields: {fields}").format(fields=", ".join(sorted(unknown))))
    with transaction.atomic():
        report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
        report_edit_check(actor, report)
        changed = write_texts(report, texts)
        record(actor, "reports.report.edited", report, basis="R41", data={"fields": changed})
    return report


def write_texts(report: Any, texts: dict[str, str]) -> list[str]:
    """Store the texts that differ (trimmed) on a report held for update; return the fields changed."""
    changed = [k for k, v in texts.items() if getattr(report, k) != v.strip()]
    for key in changed:
        setattr(report, key, texts[key].strip())
    if changed:
        report.save(update_fields=changed)
    return changed


def report_submit_check(actor: Person, report: PeriodicReport) -> None:
    """The head or a deputy of the unit signs and sends it, once (R41)."""
    if not may_sign(actor, report.organisation):
        raise PermissionDenied(
            _("Only the head or a deputy head of the unit may sign and send the report."), rule="R41"
        )
    if report.is_submitted:
        raise DomainError(
            _("This report was sent on {date} and cannot be sent again.").format(
                date=f"{report.submitted_at:%d/%m/%Y}"
            ),
            rule="R41",
        )


def report_submit(*, actor: Person, report: PeriodicReport) -> PeriodicReport:
    """Sign and send the report to the superior: texts lock, figures freeze as they are now (R41, P5)."""
    with transaction.atomic():
        report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
        report_submit_check(actor, report)
        missing = [
            label
            for key, label in (
                ("situation", _("a) assessment of the situation")),
                ("results", _("b) results achieved")),
                ("proposals", _("d) direction, proposals")),
            )
            if not getattr(report, key).strip()
        ]
        if missing:
            raise DomainError(
                _("The report is missing content: {sections}.").format(sections="; ".join(missing)), rule="R41"
            )
        now = clock.now()
        report.figures, report.figures_at = aggregate(report.organisation, report.year), now
        report.recipient = recipient_of(report.organisation, report.year)
        report.status, report.submitted_by, report.submitted_at = ReportStatus.SUBMITTED, actor, now
        report.save()
        record(
            actor,
            "reports.report.submitted",
            report,
            basis="R41",
            data={
                "year": report.year,
                "recipient": str(report.recipient or ""),
                "late": clock.today() > report.due,
                "total": report.figures["total"],
            },
        )
    return report


# --- signed packages (P5) -------------------------------------------------------------------------------------


def _unit_ref(org: Organisation | None) -> dict[str, str] | None:
    return None if org is None else {"name": org.name, "symbol": org.symbol, "short_name": org.short_name}


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode()


def package_data(report: PeriodicReport, pdf: bytes) -> dict[str, Any]:
    """What the package carries and the signature covers: the report and the hash of its printed copy."""
    return {
        "format": PACKAGE_FORMAT,
        "unit": _unit_ref(report.organisation),
        "recipient": _unit_ref(report.recipient),
        "year": report.year,
        "window_start": report.window_start.isoformat(),
        "window_end": report.window_end.isoformat(),
        "due": report.due.isoformat(),
        "sections": {k: getattr(report, k) for k in TEXT_FIELDS},
        "figures": report.figures,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else "",
        "submitted_by": str(report.submitted_by or ""),
        "signer_title": getattr(report.submitted_by, "title", "") or "",
        "public_key": public_key_b64(),
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
    }


def package_export_check(actor: Person, report: PeriodicReport) -> None:
    """The reporting unit exports the signed package of a submitted report (P5)."""
    if not works_on_reports(actor, report.organisation):
        raise PermissionDenied(
            _("Only the unit that drew up the report may export the signed report package."), rule="P5"
        )
    if not report.is_submitted:
        raise DomainError(
            _("A signed package can only be exported for a report that has been signed and sent."), rule="P5"
        )


def package_export(*, actor: Person, report: PeriodicReport) -> bytes:
    """Build the signed package of a submitted report: data.json, its Ed25519 signature, the PDF (P5)."""
    from .printing import report_pdf

    with transaction.atomic():
        package_export_check(actor, report)
        try:
            signing_key()  # S5: no key configured is said plainly, before any work
        except SigningKeyUnavailable as exc:
            raise DomainError(_("The report package could not be exported: {exc}").format(exc=exc), rule="S5") from exc
        pdf = report_pdf(report)
        body = {**package_data(report, pdf), "audit": witness.audit_section()}  # S5: the superior's witness
        data = _canonical(body)
        signature = base64.b64encode(signing_key().sign(data))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(DATA, data)
            archive.writestr(SIGNATURE, signature)
            archive.writestr(PDF, pdf)
        record(
            actor,
            "reports.package.exported",
            report,
            basis="P5",
            data={
                "sha256": hashlib.sha256(data).hexdigest(),
                "public_key": public_key_b64(),
                "checkpoint_seq": body["audit"]["checkpoint"]["seq"],
                "checkpoint_hash": body["audit"]["checkpoint"]["hash"],
            },
        )
    return buffer.getvalue()


def _refuse(message: Message) -> DomainError:
    return DomainError(
        _("{reason} The report package has been refused; no data was saved.").format(reason=message), rule="P5"
    )


def _opened_package(blob: bytes) -> dict[str, Any]:
    """The package opened, parsed and its signature verified in the capped child (issue 12), never here.

    The child gets every registered, unrevoked key; it answers which of them signed ``data.json`` and the
    audit checkpoint inside it, the parsed body and the PDF. What it answers is checked for shape here.
    """
    keys = {
        str(pk): public
        for pk, public in TrustedKey.objects.filter(revoked_at__isnull=True).values_list("pk", "public_key")
    }
    task = {
        "kind": "report-package",
        "format": PACKAGE_FORMAT,
        "members": {"data": DATA, "signature": SIGNATURE, "pdf": PDF},
        "member_bytes": settings.BMNN_UPLOAD_MAX_BYTES["package"],
        "keys": keys,
    }
    # A report may carry a secrecy mark (the package is signed and stored whole, like the report it carries):
    # only a package that could not be checked or opened is refused.
    try:
        opened = open_upload(blob, "goi-bao-cao.zip", task)
    except ScanBusy:
        raise
    except DomainError as exc:
        raise _refuse(exc.message) from None
    try:
        pdf = base64.b64decode(str(opened["pdf"]), validate=True)
        valid = (
            isinstance(opened["body"], dict)
            and all(isinstance(opened[k], list) for k in ("signed_by", "checkpoint_signed_by"))
            and isinstance(opened["signature"], str)
            and len(opened["signature"]) <= 200
            and isinstance(opened["data_sha256"], str)
            and len(opened["data_sha256"]) == 64
            and hashlib.sha256(pdf).hexdigest() == opened["pdf_sha256"]
        )
    except (KeyError, TypeError, binascii.Error, ValueError):
        valid = False
    if not valid:
        raise _refuse(_("The checker answered in the wrong format; the package was not opened."))
    return {**opened, "pdf": pdf}


def _sender(body: dict[str, Any]) -> Organisation:
    unit = body.get("unit") or {}
    if not isinstance(unit, dict):
        raise _refuse(_("Malformed package: the sending unit's details are missing."))
    org = Organisation.objects.filter(name=unit.get("name", ""), symbol=unit.get("symbol", "")).first()
    if org is None:
        raise _refuse(
            _('The sending unit "{name}" is not in this system\'s organisation tree.').format(
                name=unit.get("name", "?")
            )
        )
    return org


def _verified_key(org: Organisation, signed_by: list[str]) -> TrustedKey:
    """The unit's registered key that signed the package, as the child found (the child verified, not this)."""
    keys = list(TrustedKey.objects.filter(organisation=org, revoked_at__isnull=True))
    if not keys:
        raise _refuse(
            _(
                "No public key is registered for {name}; an administrator must register the unit's key before the "
                "package is imported."
            ).format(name=org.name)
        )
    for key in keys:
        if str(key.pk) in signed_by:
            return key
    raise _refuse(
        _(
            "Invalid digital signature: the package was altered after signing, or was not signed with the "
            "registered key of {name}."
        ).format(name=org.name)
    )


def package_import_check(actor: Person, recipient: Organisation | None) -> None:
    """The receiving unit's leaders, clerk or designated staff import a subordinate's package (P5)."""
    if recipient is None or not works_on_reports(actor, recipient):
        raise PermissionDenied(
            _("Only the receiving unit's leaders, clerks or assigned staff may import report packages."), rule="P5"
        )


def package_import(*, actor: Person, recipient: Organisation, blob: bytes) -> ImportedReport:
    """Verify a subordinate's signed package against its registered key and store it (P5).

    Refused, with nothing stored, when the archive is malformed, the sender unknown or untrusted, the signature
    or the printed copy does not match, the report is addressed to another unit, or it was already imported.
    """
    # Issue 12: the web process never opens an uploaded file: the capped child checks it, opens it, parses it
    # and verifies its signatures; a package it could not check or open is refused, nothing stored.
    opened = _opened_package(blob)
    body, pdf = opened["body"], opened["pdf"]
    with transaction.atomic():
        package_import_check(actor, recipient)
        org = _sender(body)
        key = _verified_key(org, opened["signed_by"])  # before trusting any field of the body
        if hashlib.sha256(pdf).hexdigest() != body.get("pdf_sha256"):
            raise _refuse(
                _("The PDF print in the package does not match the signed data: the package has been altered.")
            )
        year = body.get("year")
        if type(year) is not int or not 1900 <= year <= 9999:
            raise _refuse(_("Malformed package: invalid report year."))
        expected = recipient_of(org, year)
        if expected is None or expected.pk != recipient.pk:
            raise _refuse(
                _("The report of {sender} is not addressed to {recipient}.").format(
                    sender=org.name, recipient=recipient.name
                )
            )
        if ImportedReport.objects.filter(organisation=org, year=year).exists():
            raise _refuse(_("The {year} report of {name} has already been imported.").format(year=year, name=org.name))
        # S5: a rewritten chain is refused; the checkpoint's signature was verified by the child.
        problem = witness.witness_problem(
            org, key.public_key, body, signed=str(key.pk) in opened["checkpoint_signed_by"]
        )
        if problem:
            raise _refuse(problem)
        try:
            with transaction.atomic():
                imported = ImportedReport.objects.create(
                    organisation=org,
                    recipient=recipient,
                    year=year,
                    data=body,
                    data_sha256=opened["data_sha256"],
                    signature=opened["signature"],
                    pdf=pdf,
                    key=key,
                    imported_by=actor,
                    imported_at=clock.now(),
                )
        except IntegrityError:
            raise _refuse(
                _("The {year} report of {name} has already been imported.").format(year=year, name=org.name)
            ) from None
        record(
            actor,
            "reports.package.imported",
            imported,
            basis="P5",
            data={"unit": org.name, "year": year, "sha256": imported.data_sha256, "key_id": key.pk},
        )
    return imported


def checked_public_key(public_key: str) -> str:
    """Return the key stripped, or refuse anything that is not a raw Ed25519 public key in base64 (P5)."""
    value = public_key.strip()
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        raise DomainError(
            _("Invalid public key: it must be a base64 Ed25519 key (44 characters)."), rule="P5", field="public_key"
        ) from None
    return value


def trusted_key_check(actor: Person, _subject: object = None) -> None:
    """Only an administrator registers the keys other units sign their packages with (P5)."""
    if not (actor.is_superuser or actor.is_staff):
        raise PermissionDenied(_("Only an administrator may register a unit's public key."), rule="P5")


def trusted_key_revoke_check(actor: Person, key: TrustedKey) -> None:
    if not (actor.is_superuser or actor.is_staff):
        raise PermissionDenied(_("Only an administrator may revoke a public key."), rule="P5")
    if key.revoked_at is not None:
        raise DomainError(_("This key has been revoked."), rule="P5")


def trusted_key_register(*, actor: Person, organisation: Organisation, public_key: str, label: str = "") -> TrustedKey:
    """An administrator registers a unit's public key so its packages can be verified (P5)."""
    with transaction.atomic():
        trusted_key_check(actor)
        value = checked_public_key(public_key)
        if TrustedKey.objects.filter(organisation=organisation, public_key=value).exists():
            raise DomainError(_("This key is already registered for the unit."), rule="P5", field="public_key")
        key = TrustedKey.objects.create(
            organisation=organisation,
            public_key=value,
            label=label.strip(),
            registered_by=actor,
            registered_at=clock.now(),
        )
        record(actor, "reports.key.registered", key, basis="P5", data={"unit": organisation.name, "public_key": value})
    return key


def trusted_key_revoke(*, actor: Person, key: TrustedKey) -> TrustedKey:
    """Withdraw trust in a key: later packages signed with it are refused (P5)."""
    with transaction.atomic():
        key = TrustedKey.objects.select_for_update().get(pk=key.pk)
        trusted_key_revoke_check(actor, key)
        key.revoked_at = clock.now()
        key.save(update_fields=["revoked_at"])
        record(actor, "reports.key.revoked", key, basis="P5", data={"unit": key.organisation.name})
    return key
