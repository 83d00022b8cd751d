"""Import a package from another installation: check it, then register and store it, or answer with an error
package and register nothing (R28); recalls, confirmations and error replies are imported the same way (R46)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import Medium, Urgency
from bmnn.registry.services import incoming_receive
from bmnn.vault.services import file_check, file_store, marks_disagreement

from .. import keys, package
from ..models import Package, PackageKind, PackageStatus, Peer
from .common import agency_of, clear_body, now_iso, peer_by_key, reply, require_keeper, store
from .recall import apply_recall, confirmation_imported


def import_check(actor: Person, _subject: object = None) -> None:
    require_keeper(actor, agency_of(actor), "R28")


def package_import(*, actor: Person, blob: bytes) -> Package:
    """Import any package addressed to the actor's agency; return what was recorded of it.

    A document that fails a check is not registered: the result is the rejected package, whose ``content`` is
    the signed error package to carry back to the sender (R28).
    """
    import_check(actor)
    try:
        sealed = package.open_sealed_checked(blob)  # in the capped child, outside the transaction (issue 12)
    except package.BadPackage as exc:
        raise DomainError(_("{problem} Not imported.").format(problem=exc), rule="R28") from None
    with transaction.atomic():
        import_check(actor)
        agency = agency_of(actor)
        peer = peer_by_key(sealed)
        package_id = str(sealed.envelope.get("package_id") or "")
        if (
            not package_id
            or Package.objects.filter(agency=agency, direction=Package.Direction.IN, package_id=package_id).exists()
        ):
            raise DomainError(_("This package was already imported (or has no package id)."), rule="R28")
        kind = sealed.envelope.get("kind")
        if kind == PackageKind.DOCUMENT:
            return _document(actor, agency, peer, sealed, package_id, blob)
        if not package.verify_agency(sealed, peer.signing_public_key):
            raise DomainError(
                _(
                    "The digital signature of {name} on the package is invalid: the package has been altered. Not "
                    "imported."
                ).format(name=peer.name),
                rule="R28",
            )
        if kind == PackageKind.ERROR:
            return _error_reply(actor, agency, peer, sealed, package_id)
        if kind == PackageKind.RECALL:
            return apply_recall(actor, agency, peer, sealed, package_id)
        if kind == PackageKind.CONFIRMATION:
            return confirmation_imported(actor, agency, peer, sealed, package_id)
        raise DomainError(_("Unknown package kind."), rule="R28")


def _document(
    actor: Person, agency: Organisation, peer: Peer, sealed: package.Sealed, package_id: str, blob: bytes
) -> Package:
    checks: dict[str, Any] = {}
    problems, opened = _check_document(agency, peer, sealed, checks)
    number = str((opened or {}).get("document", {}).get("number") or "")
    if problems:
        return _reject(actor, agency, peer, package_id, blob, number, problems, checks)
    if opened is None:
        raise DomainError(_("The package cannot be opened."), rule="R28")
    problems, files = _marks_checked(opened["document"], opened["files"], checks)
    if problems:
        return _reject(actor, agency, peer, package_id, blob, number, problems, checks)
    return _register(actor, agency, peer, package_id, blob, opened["document"], files, checks)


def _reject(
    actor: Person,
    agency: Organisation,
    peer: Peer,
    package_id: str,
    blob: bytes,
    number: str,
    problems: list[str],
    checks: dict[str, Any],
) -> Package:
    """Register nothing; keep the signed error package to carry back to the sender (R28)."""
    reply_id, content = reply(
        agency,
        peer,
        PackageKind.ERROR,
        {
            "refers_to": package_id,
            "number": number,
            "reasons": problems,
            "checked_at": now_iso(),
            "recipient": agency.name,
        },
    )
    rejected = store(
        agency,
        actor,
        package_id=package_id,
        direction=Package.Direction.IN,
        kind=PackageKind.DOCUMENT,
        status=PackageStatus.REJECTED,
        peer=peer,
        number=number,
        reason=" ".join(problems),
        checks={**checks, "error_package": reply_id},
        content=content,
        sha256=package.sha256(blob),
    )
    record(
        actor,
        "exchange.package.rejected",
        rejected,
        basis="R28",
        data={"package_id": package_id, "sender": peer.name, "reasons": problems, "error_package": reply_id},
    )
    return rejected


def _marks_checked(
    document: dict[str, Any], files: list[bytes], checks: dict[str, Any]
) -> tuple[list[str], list[tuple[Any, Any]]]:
    """R4 on receipt: each file bears the level the sender signed for; checked (and encrypted) before anything
    is registered. A file that could not be checked refuses the import (S6, fail closed)."""
    checked: list[tuple[Any, Any]] = []
    try:
        for entry, content in zip(document["files"], files, strict=True):
            name = str(entry.get("name") or "tai-lieu.pdf")[-255:]
            checked.append(file_check(SimpleUploadedFile(name, content, "application/pdf")))
    except BaseException:
        for upload, _scan in checked:
            upload.discard()
        raise
    checks["marks"] = [list(scan.levels) for _upload, scan in checked]
    problems = [
        f"Tệp {upload.name}: {difference}"
        for upload, scan in checked
        if (difference := marks_disagreement(scan, str(document["level"])))
    ]
    if problems:
        for upload, _scan in checked:
            upload.discard()
    return problems, checked


def _check_document(
    agency: Organisation, peer: Peer, sealed: package.Sealed, checks: dict[str, Any]
) -> tuple[list[str], dict[str, Any] | None]:
    """Every check of R28, in order; the problems found (Vietnamese) and, when it opened, the document."""
    checks["integrity"] = package.verify_agency(sealed, peer.signing_public_key)
    if not checks["integrity"]:
        return [f"Chữ ký số của {peer.name} không hợp lệ: gói đã bị sửa đổi sau khi ký."], None
    own = keys.public_b64(keys.agency_transport_key(agency.pk))
    checks["recipient"] = sealed.envelope.get("recipient_transport_key") == own
    if not checks["recipient"]:
        named = (sealed.envelope.get("recipient") or {}).get("name", "?")
        return [f"Gói gửi cho {named}, không phải {agency.name}: gửi nhầm nơi nhận."], None
    inner = package.decrypt(sealed, keys.agency_transport_key(agency.pk))
    if inner is None:
        return ["Không giải mã được nội dung gói: gói đã bị sửa đổi."], None
    try:
        opened = package.read_document(inner)  # in the capped child (issue 12); the web process only decrypted
    except package.BadPackage as exc:
        return [str(exc)], None
    except package.NotChecked as exc:
        raise DomainError(_("{reason} Not imported.").format(reason=exc), rule="R28") from None
    return _check_contents(opened, checks), {"document": opened.document, "files": opened.files}


def _part(document: dict[str, Any], key: str, kind: type[dict] | type[list]) -> Any:
    """A part of the signed document of the expected shape, or an empty one (a malformed document fails later)."""
    value = document.get(key)
    return value if isinstance(value, kind) else kind()


def _check_contents(opened: package.Document, checks: dict[str, Any]) -> list[str]:
    document, files = opened.document, opened.files
    problems = []
    signer = _part(document, "signer", dict)
    checks["signer_signature"] = package.verify_signer(opened.data, opened.signature, str(signer.get("public_key", "")))
    if not checks["signer_signature"]:
        problems.append("Chữ ký số của người ký không hợp lệ.")
    # R27 on receipt: a number and issue time given by the system, a level with its red mark.
    mark = _part(document, "red_mark", dict)
    if (
        document.get("level") not in Level.values
        or not mark.get("text")
        or not document.get("number")
        or not document.get("issued_at")
    ):
        problems.append("Thiếu số, thời điểm ban hành, độ mật hoặc dấu chỉ độ mật màu đỏ.")
    listed = _part(document, "files", list)
    checks["document_count"] = {
        "declared": document.get("document_count"),
        "listed": len(listed),
        "received": len(files),
    }
    if not (document.get("document_count") == len(listed) == len(files)):
        problems.append(f"Số tài liệu không khớp: ghi {document.get('document_count')}, nhận được {len(files)}.")
        return problems
    attachments = [f.get("name") for f in listed if isinstance(f, dict) and f.get("role") == "attachment"]
    checks["attachments"] = attachments
    if attachments != document.get("attachments"):
        problems.append("Danh sách phụ lục, tài liệu kèm theo không khớp với các tệp trong gói.")
    checks["pages"] = []
    for entry, content, pages in zip(listed, files, opened.pages, strict=True):
        entry = entry if isinstance(entry, dict) else {}
        problems.extend(_check_file(entry, content, pages, checks))
    return problems


def _check_file(entry: dict[str, Any], content: bytes, pages: int | None, checks: dict[str, Any]) -> list[str]:
    """One file against its signed entry: its hash, and its pages as the capped child counted them."""
    name = str(entry.get("name", "?"))
    if package.sha256(content) != entry.get("sha256"):
        return [f"Tệp {name} không khớp với dữ liệu đã ký."]
    if pages is None:
        return [f"Tệp {name} không mở được (không phải PDF)."]
    checks["pages"].append({"name": name, "declared": entry.get("pages"), "counted": pages})
    if pages != entry.get("pages"):
        return [f"Số trang của tệp {name} không khớp: ghi {entry.get('pages')} trang, thực tế {pages} trang."]
    return []


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _register(
    actor: Person,
    agency: Organisation,
    peer: Peer,
    package_id: str,
    blob: bytes,
    document: dict[str, Any],
    files: list[tuple[Any, Any]],
    checks: dict[str, Any],
) -> Package:
    """Every check passed: the "đến" number and registration, then the files into this installation's vault."""
    urgency = str(document.get("urgency")) if document.get("urgency") in Urgency.values else Urgency.NORMAL
    carrier = incoming_receive(
        actor=actor,
        sender=peer.name,
        doc_number=str(document["number"])[:80],
        level=document["level"],
        doc_type=str(document.get("doc_type") or "Tài liệu điện tử")[:120],
        abstract="" if document["level"] == Level.TUYET_MAT else str(document.get("abstract") or ""),
        doc_date=_day(document.get("doc_date")),
        urgency=urgency,
        medium=Medium.ELECTRONIC,
        expected_count=int(document["document_count"]),
        received_count=len(files),
        storage_place="Kho tài liệu điện tử mật",
    )
    for checked in files:
        file_store(actor=actor, carrier=carrier, upload=None, checked=checked)
    received = store(
        agency,
        actor,
        package_id=package_id,
        direction=Package.Direction.IN,
        kind=PackageKind.DOCUMENT,
        status=PackageStatus.RECEIVED,
        peer=peer,
        carrier=carrier,
        number=str(document["number"])[:80],
        checks=checks,
        sha256=package.sha256(blob),
    )
    record(
        actor,
        "exchange.package.received",
        carrier,
        basis="R28, R44",
        data={
            "package_id": package_id,
            "sender": peer.name,
            "number": document["number"],
            "incoming_number": carrier.reg_number,
            "signer": (document.get("signer") or {}).get("name", ""),
            "checks": checks,
        },
    )
    return received


def _error_reply(actor: Person, agency: Organisation, peer: Peer, sealed: package.Sealed, package_id: str) -> Package:
    """The recipient's error reply: the package we sent is marked rejected, with its reasons (R28)."""
    body = clear_body(sealed)
    # Not only from the peer it was sent to: a wrong recipient says so too (signed with its registered key).
    sent = (
        Package.objects.select_for_update(of=("self",))
        .filter(
            agency=agency,
            direction=Package.Direction.OUT,
            kind=PackageKind.DOCUMENT,
            package_id=str(body.get("refers_to", "")),
        )
        .first()
    )
    if sent is None:
        raise DomainError(_("The error report package matches no package sent to this recipient."), rule="R28")
    reasons = [str(r) for r in body.get("reasons", [])] if isinstance(body.get("reasons"), list) else []
    sent.status, sent.reason = PackageStatus.REJECTED_BY_RECIPIENT, " ".join(reasons)
    sent.save(update_fields=["status", "reason"])
    imported = store(
        agency,
        actor,
        package_id=package_id,
        direction=Package.Direction.IN,
        kind=PackageKind.ERROR,
        status=PackageStatus.IMPORTED,
        peer=peer,
        carrier=sent.carrier,
        refers_to=sent,
        number=sent.number,
        reason=sent.reason,
    )
    record(
        actor,
        "exchange.error.imported",
        sent.carrier or imported,
        basis="R28",
        data={"package_id": sent.package_id, "recipient": peer.name, "reasons": reasons},
    )
    return imported
