"""The vault's operations: upload a record's file, download a copy, crypto-erase, rotate the key.

Each is declared once; its screen, REST endpoint, command and offer on the page come from here
(bmnn.core.operations). Reading pages is not an operation that changes data: see ``views``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bmnn.core.operations import Download, Operation, Subject
from bmnn.lifecycle.operations import REQUEST
from bmnn.registry.operations import CARRIER

from . import forms as f
from . import selectors, services
from .models import StoredFile


def present(stored: StoredFile) -> dict[str, Any]:
    return {
        "id": stored.pk,
        "carrier": stored.carrier_id,
        "name": stored.name,
        "size": stored.size,
        "uploaded_at": stored.uploaded_at,
        "uploaded_by": str(stored.uploaded_by),
        "erased": stored.erased,
        "erased_at": stored.erased_at,
    }


FILE = Subject(
    "vault-file", selectors.file_get_for_user, page="vault:file", api="vault-files", web="kho-dien-tu", present=present
)


def _download(actor: Any, stored: StoredFile, data: dict[str, Any]) -> Download:
    job, content = services.file_download(actor=actor, stored=stored, request=data["request"])
    stem = stored.name.rsplit(".", 1)[0] or "tai-lieu"
    return Download(content, f"{stem}-ban-sao-{job.number}-{job.year}.pdf", "application/pdf")


OPERATIONS = [
    Operation(
        "vault-upload",
        _("Upload an electronic file to the vault (encrypted)"),
        form=f.UploadForm,
        subject=CARRIER,
        returns=FILE,
        check=services.upload_check,
        submit=_("Upload and encrypt"),
        web="tai-tep-dien-tu",
        api="files",
        done=lambda s: gettext("The file {name} has been stored in the vault (encrypted).").format(name=s.name),
        run=lambda actor, carrier, data: services.file_store(
            actor=actor, carrier=carrier, upload=data["file"], reason=data.get("reason", "")
        ),
    ),
    Operation(
        "vault-digitise",
        _("Digitise: upload a scan to the vault (encrypted)"),
        form=f.UploadForm,
        subject=REQUEST,
        returns=FILE,
        check=services.digitise_check,
        submit=_("Upload the scan and encrypt"),
        web="so-hoa",
        api="digitise",
        done=lambda s: gettext(
            "Digitised: copy number {number} (electronic copy) has been stored in the vault (encrypted)."
        ).format(number=s.carrier.copy_number),
        run=lambda actor, request, data: services.digitise(
            actor=actor, request=request, upload=data["file"], reason=data.get("reason", "")
        ),
    ),
    Operation(
        "vault-download",
        _("Download a copy (approved)"),
        form=f.DownloadForm,
        subject=FILE,
        check=services.download_check,
        submit=_("Download a copy"),
        web="tai-xuong",
        api="download",
        run=_download,
    ),
    Operation(
        "vault-erase",
        _("Delete irrecoverably (destroy the electronic copy)"),
        subject=FILE,
        check=services.erase_check,
        submit=_("Delete irrecoverably"),
        web="xoa",
        api="erase",
        done=_(
            "The file's data key has been destroyed and its ciphertext deleted. Old backups become unreadable "
            "only after the next vault key change."
        ),
        run=lambda actor, stored, _data: services.file_erase(actor=actor, stored=stored),
    ),
    Operation(
        "vault-rotate-key",
        _("Change the vault encryption key"),
        check=services.rotate_check,
        submit=_("Change the key"),
        web="kho-dien-tu/doi-khoa",
        api="vault-files/rotate-key",
        offer=False,
        done=lambda n: gettext(
            "The vault encryption key has been changed: {count} data keys rewrapped, no file re-encrypted."
        ).format(count=n),
        run=lambda actor, _s, _data: services.key_rotate(actor=actor),
    ),
]
