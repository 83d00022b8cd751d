"""The vault's operations: store, read, download as a copy, crypto-erase, rotate the key (S6, R12–R16, R36, R44).

One function per operation; each checks its preconditions (``*_check``, also named by the declarations in
``operations.py``) inside its transaction and records its audit event there.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request, RequestStatus
from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.core.uploadscan import (
    MARKED,
    UNCHECKED,
    ScanBusy,
    ScanCaps,
    UploadScan,
    UploadUnchecked,
    open_in_child,
    scan_upload,
    scratch_file,
    unchecked_message,
)
from bmnn.lifecycle.electronic import ElectronicItem
from bmnn.lifecycle.models import CopyJob
from bmnn.lifecycle.services.common import require_custodian_or_keeper
from bmnn.lifecycle.services.copying import copy_make, copy_make_check
from bmnn.org.models import Person
from bmnn.registry.choices import CopyForm, Medium, Status
from bmnn.registry.models import Carrier
from bmnn.registry.services.common import require_designated

from . import crypto, images, keys, render, storage
from .models import StoredFile, key_state_locked
from .reading import overlay_for, plaintext
from .uploads import EncryptedUpload

PDF_MAGIC = b"%PDF-"


# --- storing ------------------------------------------------------------------------------------------------


def upload_check(actor: Person, carrier: Carrier) -> None:
    """The custodian or the agency's register keeper, designated for secrets, adds files to a live record."""
    if carrier.status == Status.DESTROYED:
        raise DomainError(_("Cannot upload the file: the state secret has been destroyed."), rule="R36")
    require_custodian_or_keeper(
        actor,
        carrier,
        "Chỉ người quản lý BMNN hoặc văn thư của cơ quan được tải tệp lên kho tài liệu điện tử mật.",
        "S6",
    )
    require_designated(actor, "Người tải tệp lên")


def encrypt_file(source: Any, name: str, content_type: str = "application/pdf") -> EncryptedUpload:
    """Encrypt a readable file object chunk by chunk into the vault (the command line, the demo)."""
    data_key = crypto.new_key()
    blob, out = storage.new_blob()
    writer = crypto.ChunkWriter(data_key, out)
    try:
        with out:
            writer.write_from(source)
            writer.close()
    except BaseException:
        storage.destroy_blob(blob)
        raise
    return EncryptedUpload(name, content_type, blob, data_key, writer.size, writer.head)


def _key_in_force() -> bytes:
    """The key new data keys are wrapped under, read with the key state locked (a rotation waits, or is done)."""
    state = key_state_locked()
    ring = keys.keyring()
    if not state.kek_id:
        state.kek_id = crypto.fingerprint(keys.current_key())
        state.save(update_fields=["kek_id"])
    if state.kek_id not in ring:
        raise keys.VaultKeyError(
            _("The encryption key in the file {path} is not the vault's current key (wrong or old key). {how}").format(
                path=keys.key_path(), how=keys.HOW
            )
        )
    return ring[state.kek_id]


def scan_upload_of(upload: EncryptedUpload) -> UploadScan:
    """Check the file's marks in the capped child process (issue 12), from its plaintext decrypted chunk by chunk
    in memory straight onto the child's pipe: no clear byte reaches the disk (S6)."""

    def chunks() -> Any:
        with storage.open_blob(upload.blob) as source:
            yield from crypto.decrypt_chunks(upload.data_key, source)

    # Only the first pages: the level mark stands at the top of the first page, and a scan of many pages would
    # otherwise pass the OCR cap (a whole digitised register cannot be read by OCR within the time cap).
    return scan_upload(chunks(), upload.name, ScanCaps.from_settings(first_pages=settings.BMNN_VAULT_SCAN_PAGES))


def marks_disagreement(scan: UploadScan, level: str, declassified: bool = False) -> str:
    """How the marks found differ from the record's level, in Vietnamese; "" when they agree (R4, R16, R17).

    A declassified record's file agrees when it carries the GIẢI MẬT mark (R9, R11).
    """
    if declassified:
        return (
            ""
            if scan.declassified
            else _("The file does not carry the DECLASSIFIED mark, yet the record is declassified.")
        )
    wanted = Level(level).label
    if scan.status == MARKED and scan.level == level:
        return ""
    if scan.declassified:
        return _("The file carries the DECLASSIFIED mark, yet the record is classified {level}.").format(level=wanted)
    if not scan.levels:
        return _("No classification mark was found in the file, yet the record is classified {level}.").format(
            level=wanted
        )
    return _(
        "The classification marks in the file ({marks}) differ from the record's classification ({level})."
    ).format(marks=scan.levels_text, level=wanted)


def file_check(upload: Any) -> tuple[EncryptedUpload, UploadScan]:
    """The upload encrypted, and its marks; refused when it is not a PDF or could not be checked."""
    if not isinstance(upload, EncryptedUpload):
        upload.seek(0)
        upload = encrypt_file(
            upload, getattr(upload, "name", "") or "tep.pdf", getattr(upload, "content_type", "") or "application/pdf"
        )
    try:
        if not upload.head.startswith(PDF_MAGIC):
            upload = _scan_image_as_pdf(upload)
        scan = scan_upload_of(upload)
        if scan.status == UNCHECKED:
            raise DomainError(unchecked_message(scan), rule="S6", field="file")
    except BaseException:
        upload.discard()
        raise
    return upload, scan


def _scan_image_as_pdf(upload: EncryptedUpload) -> EncryptedUpload:
    """A scan uploaded as an image becomes a PDF, encrypted again; the image's ciphertext is destroyed. Anything
    else that is not a PDF is refused (S6).

    The image is decoded and written as a PDF by the capped child (issue 12: the web process never parses an
    uploaded file): its plaintext goes to the child decrypted chunk by chunk onto the pipe, the PDF comes back in
    an anonymous in-memory file; no clear byte reaches the disk (S6).
    """
    fmt = images.image_format(upload.head)
    if not fmt:
        raise DomainError(
            _("The vault only accepts PDF files (electronic documents or scans) or scanned JPEG, PNG or TIFF images."),
            field="file",
        )

    def chunks() -> Any:
        with storage.open_blob(upload.blob) as source:
            yield from crypto.decrypt_chunks(upload.data_key, source)

    with scratch_file() as out:
        try:
            open_in_child(chunks(), upload.name, {"kind": "image-pdf", "format": fmt, "output_fd": out}, fds=(out,))
        except (ScanBusy, UploadUnchecked):
            raise
        except DomainError:
            raise DomainError(
                _("Cannot read this {fmt} image (corrupted file or too large).").format(fmt=fmt), field="file"
            ) from None
        stem = upload.name.rsplit(".", 1)[0] if "." in upload.name else upload.name
        with os.fdopen(os.dup(out), "rb") as pdf:
            pdf.seek(0)
            converted = encrypt_file(pdf, f"{stem}.pdf")
    converted.converted_from = fmt
    upload.discard()
    return converted


def file_store(
    *,
    actor: Person,
    carrier: Carrier,
    upload: Any,
    reason: str = "",
    checked: tuple[EncryptedUpload, UploadScan] | None = None,
) -> StoredFile:
    """Keep an uploaded file of a record encrypted under its own data key, wrapped by the installation's key (S6).

    ``upload`` is what the vault's upload handler produced (already encrypted while it arrived) or any file
    object, encrypted here chunk by chunk. The file is checked for secrecy marks in a capped child process
    first, outside the transaction: one that could not be checked is refused; the marks found must agree with
    the record's level, or the person uploading confirms the difference with a ``reason``, kept in the audit
    event (R4, R16). A refusal leaves no ciphertext behind.
    """
    upload, scan = checked or file_check(upload)
    try:
        with transaction.atomic():
            carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
            upload_check(actor, carrier)
            difference = marks_disagreement(scan, carrier.level, carrier.status == Status.DECLASSIFIED)
            reason = (reason or "").strip()
            if difference and not reason:
                raise DomainError(
                    _("{difference} If this is correct, enter a reason confirming the difference.").format(
                        difference=difference
                    ),
                    rule="R4",
                    field="reason",
                )
            kek = _key_in_force()
            stored = StoredFile.objects.create(
                carrier=carrier,
                name=upload.name[-255:],
                mime="application/pdf",
                size=upload.size,
                blob=upload.blob,
                kek_id=crypto.fingerprint(kek),
                wrapped_key=crypto.wrap(kek, upload.data_key, upload.blob),
                uploaded_by=actor,
                uploaded_at=clock.now(),
            )
            data: dict[str, Any] = {
                "file_id": stored.pk,
                "name": stored.name,
                "size": stored.size,
                "key": stored.kek_id,
                "marks": list(scan.levels),
                "declassified_mark": scan.declassified,
            }
            if difference:
                data.update(difference=difference, reason=reason)
            if upload.converted_from:
                data["converted_from"] = upload.converted_from  # a scan uploaded as an image, kept as a PDF
            record(actor, "vault.file.stored", carrier, basis="S6", data=data)
    except BaseException:
        upload.discard()
        raise
    upload.kept = True
    return stored


# --- digitising: a copy from paper to the vault (R17) ---------------------------------------------------------


def digitise_check(actor: Person, request: Request) -> None:
    """An approved digitisation of a paper record, carried out by designated staff (R12, R14, R17)."""
    if request.payload.get("form") != CopyForm.DIGITISE:
        raise DomainError(_("This request is not a digitisation request."), rule="R17")
    copy_make_check(actor, request, electronic=True)
    if Carrier.objects.filter(pk=request.subject_id, medium=Medium.ELECTRONIC).exists():
        raise DomainError(
            _("This state secret is already an electronic document: it needs no digitisation."), rule="R17"
        )


def digitise(*, actor: Person, request: Request, upload: Any, reason: str = "") -> StoredFile:
    """Digitise under the approved request: one numbered copy, electronic and flagged "digitised", its scan
    stored encrypted in the vault; the copy register, its marks and the audit event as for any copy (R17).
    """
    checked = file_check(upload)  # before the transaction: no lock is held while the file is checked
    upload = checked[0]
    try:
        with transaction.atomic():
            request = Request.objects.select_for_update().get(pk=request.pk)
            digitise_check(actor, request)
            job = copy_make(actor=actor, request=request, made=1, electronic=True)
            copy = job.original.copies.order_by("-copy_number").first()
            assert copy is not None and copy.digitised  # noqa: S101 (copy_make made it under this request)
            # R17: the scan carries the original's marks (the copy inherits its level, R16), or a stated reason.
            return file_store(actor=actor, carrier=copy, upload=upload, reason=reason, checked=checked)
    except BaseException:
        if isinstance(upload, EncryptedUpload):
            upload.discard()
        raise


# --- downloading: a copy (R12–R16) --------------------------------------------------------------------------


def download_requests(actor: Person, stored: StoredFile) -> Any:
    """The approved copy requests this person made for the file's record, not yet used (not a digitisation)."""
    return (
        Request.objects.filter(
            operation=Operation.COPY,
            status=RequestStatus.APPROVED,
            requester=actor,
            subject_type=ContentType.objects.get_for_model(Carrier),
            subject_id=stored.carrier.root.pk,
            copy_job__isnull=True,
        )
        .exclude(payload__form=CopyForm.DIGITISE)
        .order_by("pk")
    )


def download_check(actor: Person, stored: StoredFile) -> None:
    """A download is a copy: only against an approved copy request of the person's own (R12, R14, R16)."""
    if stored.erased:
        raise DomainError(_("The file was irrecoverably deleted when the state secret was destroyed."), rule="R36")
    if not download_requests(actor, stored).exists():  # R12: no approval, no copy
        raise PermissionDenied(
            _(
                "Downloading a file copies a state secret: it needs the downloader's own copy request approved by "
                "a competent person."
            ),
            rule="R12",
        )
    require_designated(actor, "Người sao, chụp")  # R14


def file_download(*, actor: Person, stored: StoredFile, request: Request) -> tuple[CopyJob, bytes]:
    """Make one numbered copy under the approved request and hand it over watermarked (R12–R16, R44).

    The copy enters the copy register (its number, the approver) through the lifecycle's copy service; its
    pages carry the level, the reader, the time and "Bản sao số n".
    """
    with transaction.atomic():
        stored = StoredFile.objects.select_for_update().select_related("carrier").get(pk=stored.pk)
        download_check(actor, stored)
        if not download_requests(actor, stored).filter(pk=request.pk).exists():
            raise PermissionDenied(_("The copy request is not the downloader's or is not for this file."), rule="R12")
        data = plaintext(stored)
        job = copy_make(actor=actor, request=request, made=1, electronic=True)
        # copy_make locked the original and numbered the copy: the highest copy number is this one (R16).
        number = job.original.copies.aggregate(n=Max("copy_number"))["n"]
        overlay = overlay_for(
            actor,
            stored.carrier,
            f"Bản sao số {number} – sổ sao, chụp số {job.number}/{job.year} – người cho phép: {job.approver_repr}",
        )
        try:
            content = render.watermarked_pdf(data, overlay)
        except render.NotAPdf:
            raise DomainError(_("This PDF file cannot be opened.")) from None
        record(
            actor,
            "vault.file.downloaded",
            stored.carrier,
            basis="R12, R16, R44",
            data={
                "file_id": stored.pk,
                "name": stored.name,
                "copy_number": number,
                "copy_register": f"{job.number}/{job.year}",
                "request_id": request.pk,
            },
        )
    return job, content


# --- crypto-erasure (R36) -----------------------------------------------------------------------------------


def erase_check(actor: Person, stored: StoredFile) -> None:
    """Erase a file left on a destroyed record, by its custodian or the clerk.

    A destruction erases the record's files itself (``VaultStore``, called by the lifecycle); this catches up a
    file of a record destroyed while it stayed (before destructions erased files).
    """
    if stored.erased:
        raise DomainError(_("The file has been irrecoverably deleted."), rule="R36")
    if stored.carrier.status != Status.DESTROYED:
        raise DomainError(_("A file can only be deleted once the state secret has a destruction record."), rule="R36")
    require_custodian_or_keeper(
        actor,
        stored.carrier,
        "Chỉ người quản lý BMNN hoặc văn thư của cơ quan được xóa tệp của BMNN đã tiêu hủy.",
        "R36",
    )


def _erase(actor: Person, stored: StoredFile, basis: str) -> None:
    stored.wrapped_key, stored.kek_id = None, ""
    stored.erased_at, stored.erased_by = clock.now(), actor
    stored.save(update_fields=["wrapped_key", "kek_id", "erased_at", "erased_by"])
    record(
        actor,
        "vault.file.erased",
        stored.carrier,
        basis=basis,
        data={"file_id": stored.pk, "name": stored.name, "method": "Xóa khóa dữ liệu, ghi đè và xóa bản mã"},
    )
    # Once the key is gone for good (committed), the ciphertext: a rolled-back erasure leaves both as they were.
    blob = stored.blob
    transaction.on_commit(lambda: storage.destroy_blob(blob))


def file_erase(*, actor: Person, stored: StoredFile) -> StoredFile:
    """Crypto-erase: the data key destroyed first, then the ciphertext overwritten and removed; recorded (R36)."""
    with transaction.atomic():
        stored = StoredFile.objects.select_for_update().select_related("carrier").get(pk=stored.pk)
        erase_check(actor, stored)
        _erase(actor, stored, "R36, R44")
    return stored


def location_of(stored: StoredFile) -> str:
    """Where a file is, as a destruction record says it: the vault of this installation, the holding agency (R36)."""
    return f"Kho tài liệu điện tử mật trên hệ thống BMNN của {stored.carrier.agency}"


class VaultStore:
    """The vault as the lifecycle's destruction sees it (``bmnn.lifecycle.electronic``): the live files of a record,
    and their crypto-erasure inside the destruction's transaction (R36, S6)."""

    def _item(self, stored: StoredFile) -> ElectronicItem:
        return ElectronicItem(f"vault:{stored.pk}", stored.name, location_of(stored), stored.erased_at)

    def items(self, carrier: Carrier) -> list[ElectronicItem]:
        live = StoredFile.objects.select_related("carrier__agency").filter(carrier=carrier, erased_at__isnull=True)
        return [self._item(stored) for stored in live]

    def erase(self, actor: Person, carrier: Carrier, basis: str) -> list[ElectronicItem]:
        files = list(
            StoredFile.objects.select_for_update(of=("self",))
            .select_related("carrier__agency")
            .filter(carrier=carrier, erased_at__isnull=True)
        )
        for stored in files:
            _erase(actor, stored, basis)
        return [self._item(stored) for stored in files]


def files_erase_recalled(*, actor: Person, carrier: Carrier) -> int:
    """A recall of a received e-document removes access at once: every file of the record crypto-erased, whatever
    its status, by the register keeper who imported the recall (R46). Return how many were erased."""
    with transaction.atomic():
        require_custodian_or_keeper(actor, carrier, "Chỉ văn thư của cơ quan nhận mới được thực hiện thu hồi.", "R46")
        files = list(
            StoredFile.objects.select_for_update()
            .select_related("carrier")
            .filter(carrier=carrier, erased_at__isnull=True)
        )
        for stored in files:
            _erase(actor, stored, "R46, R44")
    return len(files)


# --- key rotation -------------------------------------------------------------------------------------------


def rotate_check(actor: Person, _subject: Any = None) -> None:
    if not actor.is_superuser:
        raise PermissionDenied(_("Only the system administrator may change the vault encryption key."), rule="S6")


def key_rotate(*, actor: Person) -> int:
    """Re-wrap every live data key under a new key-encryption key; the files are not re-encrypted.

    The new key is written beside the current one first; after the commit it replaces it, so a crash at any
    point leaves every data key readable with the key file(s) on disk. Returns the number of keys re-wrapped.
    """
    rotate_check(actor)
    old = keys.current_key()
    pending = keys.pending_path()
    if not pending.exists():
        try:
            keys.write_key(pending, crypto.new_key())
        except OSError:
            raise keys.VaultKeyError(
                _(
                    "Cannot write the new key next to the current key file ({pending}): change the key with the "
                    "bmnn vault command on the server, as the service account."
                ).format(pending=pending)
            ) from None
    ring = keys.keyring()
    new_id = next(k for k in ring if k != crypto.fingerprint(old)) if len(ring) > 1 else crypto.fingerprint(old)
    new = ring[new_id]
    with transaction.atomic():
        state = key_state_locked()  # files stored meanwhile wait, then wrap under the new key
        files = list(StoredFile.objects.select_for_update().filter(wrapped_key__isnull=False))
        for stored in files:
            if stored.kek_id not in ring:
                raise keys.VaultKeyError(
                    _("Some data keys cannot be opened with the current key: the key is not changed. {how}").format(
                        how=keys.HOW
                    )
                )
            data_key = crypto.unwrap(ring[stored.kek_id], bytes(stored.wrapped_key), stored.blob)  # type: ignore[arg-type]
            stored.wrapped_key, stored.kek_id = crypto.wrap(new, data_key, stored.blob), new_id
            stored.save(update_fields=["wrapped_key", "kek_id"])
        state.kek_id = new_id
        state.save(update_fields=["kek_id"])
        record(
            actor,
            "vault.key.rotated",
            None,
            basis="S6",
            data={"old_key": crypto.fingerprint(old), "new_key": new_id, "rewrapped": len(files)},
        )
        transaction.on_commit(keys.finish_pending_rotation)
    return len(files)
