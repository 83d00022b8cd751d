"""Reading a stored file: decrypted in memory only, rendered page by page with the reader's overlay (S6, R44).

Reads, not operations: nothing changes but the audit log, which records every page a person views.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.org.models import Person
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier

from . import crypto, keys, render, storage
from .models import StoredFile


def _data_key(stored: StoredFile) -> bytes:
    """The file's data key, unwrapped in memory; refuse an erased file or a key that does not open it."""
    if stored.erased or stored.wrapped_key is None:
        raise DomainError(_("The file was irrecoverably deleted when the state secret was destroyed."), rule="R36")
    ring = keys.keyring()
    if stored.kek_id not in ring:
        raise keys.VaultKeyError(
            _("The current encryption key cannot open this file's data key (wrong or old key). {how}").format(
                how=keys.HOW
            )
        )
    try:
        return crypto.unwrap(ring[stored.kek_id], bytes(stored.wrapped_key), stored.blob)
    except crypto.CorruptCiphertext:
        raise DomainError(_("The file's data key has been altered: not shown."), rule="S6") from None


def open_plaintext(stored: StoredFile) -> crypto.DecryptingReader:
    """A seekable reader of the plaintext decrypting one chunk at a time (memory bounded by a chunk; S6)."""
    data_key = _data_key(stored)
    try:
        return crypto.DecryptingReader(data_key, storage.open_blob(stored.blob))
    except (crypto.CorruptCiphertext, FileNotFoundError):
        raise DomainError(
            _("The encrypted file in the vault is missing or has been altered: not shown."), rule="S6"
        ) from None


def plaintext(stored: StoredFile) -> bytes:
    """The whole plaintext in memory (never on disk): for a download, which rebuilds every page."""
    data_key = _data_key(stored)
    try:
        with storage.open_blob(stored.blob) as source:
            return b"".join(crypto.decrypt_chunks(data_key, source))
    except (crypto.CorruptCiphertext, FileNotFoundError):
        raise DomainError(
            _("The encrypted file in the vault is missing or has been altered: not shown."), rule="S6"
        ) from None


DECLASSIFIED_STAMP = "ĐÃ GIẢI MẬT"
# The marks the lifecycle stamps when the level changes: re-grade, declassification, partial declassification (R10,
# R9, R11). The latest one is overlaid on the file, whose own marks still show the level it was made with.
LEVEL_CHANGE_MARKS = ("Điều chỉnh độ mật", "GIẢI MẬT", "Giải mật một phần")


def stamp_of(carrier: Carrier) -> str:
    """The stamp in red on every page: the record's level as it stands now, or that it is declassified."""
    if carrier.status == Status.DECLASSIFIED:
        return DECLASSIFIED_STAMP
    return str(Level(carrier.level).label).upper()


def level_change_of(carrier: Carrier) -> tuple[str, ...]:
    """The latest re-grade or declassification mark of the record, as a line of the overlay (R10); none if none."""
    changes = [mark for mark in carrier.marks or [] if mark.startswith(LEVEL_CHANGE_MARKS)]
    return (changes[-1],) if changes else ()


def overlay_for(reader: Person, carrier: Carrier, *extra: str) -> render.Overlay:
    """The overlay follows the record as it stands: a re-graded file shows its new level and the adjustment, a
    declassified one shows "ĐÃ GIẢI MẬT" and no level (R9, R10, R11)."""
    unit = reader.organisation.name if reader.organisation is not None else "—"
    when = timezone.localtime(clock.now()).strftime("%H:%M %d/%m/%Y")
    return render.Overlay(
        stamp=stamp_of(carrier),
        lines=(f"Người đọc: {reader} – {unit}", f"Thời điểm: {when}", *level_change_of(carrier), *extra),
    )


def pages(stored: StoredFile) -> int:
    """The number of pages, read from the decrypted file in memory (not stored: S6)."""
    try:
        with open_plaintext(stored) as reader:
            return render.page_count(reader)
    except render.NotAPdf:
        raise DomainError(_("This PDF file cannot be opened.")) from None


def page_view(*, actor: Person, stored: StoredFile, page: int) -> bytes:
    """One page as an image overlaid with the level and the reader; every view is an audit event (R44)."""
    try:
        with open_plaintext(stored) as reader:
            image = render.page_png(reader, page - 1, overlay_for(actor, stored.carrier))
    except (IndexError, render.NotAPdf):
        raise DomainError(_("The page does not exist.")) from None
    with transaction.atomic():
        record(
            actor,
            "vault.file.viewed",
            stored.carrier,
            basis="R44",
            data={"file_id": stored.pk, "name": stored.name, "page": page},
        )
    return image
