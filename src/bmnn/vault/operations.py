"""The vault's operations: upload a record's file, download a copy, crypto-erase, rotate the key.

Each is declared once; its screen, REST endpoint, command and offer on the page come from here
(bmnn.core.operations). Reading pages is not an operation that changes data: see ``views``.
"""

from __future__ import annotations

from typing import Any

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
        "Tải tệp điện tử lên kho (mã hóa)",
        form=f.UploadForm,
        subject=CARRIER,
        returns=FILE,
        check=services.upload_check,
        submit="Tải lên và mã hóa",
        web="tai-tep-dien-tu",
        api="files",
        done=lambda s: f"Đã lưu tệp {s.name} vào kho (mã hóa).",
        run=lambda actor, carrier, data: services.file_store(
            actor=actor, carrier=carrier, upload=data["file"], reason=data.get("reason", "")
        ),
    ),
    Operation(
        "vault-digitise",
        "Số hóa: tải bản quét lên kho (mã hóa)",
        form=f.UploadForm,
        subject=REQUEST,
        returns=FILE,
        check=services.digitise_check,
        submit="Tải bản quét lên và mã hóa",
        web="so-hoa",
        api="digitise",
        done=lambda s: f"Đã số hóa: bản sao số {s.carrier.copy_number} (bản điện tử) được lưu vào kho (mã hóa).",
        run=lambda actor, request, data: services.digitise(
            actor=actor, request=request, upload=data["file"], reason=data.get("reason", "")
        ),
    ),
    Operation(
        "vault-download",
        "Tải xuống bản sao (đã được cho phép)",
        form=f.DownloadForm,
        subject=FILE,
        check=services.download_check,
        submit="Tải xuống bản sao",
        web="tai-xuong",
        api="download",
        run=_download,
    ),
    Operation(
        "vault-erase",
        "Xóa không khôi phục (tiêu hủy bản điện tử)",
        subject=FILE,
        check=services.erase_check,
        submit="Xóa không khôi phục",
        web="xoa",
        api="erase",
        done="Đã hủy khóa dữ liệu và xóa bản mã của tệp. Các bản sao lưu cũ chỉ hết đọc được sau lần đổi khóa "
        "kho tiếp theo.",
        run=lambda actor, stored, _data: services.file_erase(actor=actor, stored=stored),
    ),
    Operation(
        "vault-rotate-key",
        "Đổi khóa mã hóa của kho",
        check=services.rotate_check,
        submit="Đổi khóa",
        web="kho-dien-tu/doi-khoa",
        api="vault-files/rotate-key",
        offer=False,
        done=lambda n: f"Đã đổi khóa mã hóa của kho: bọc lại {n} khóa dữ liệu, không mã hóa lại tệp.",
        run=lambda actor, _s, _data: services.key_rotate(actor=actor),
    ),
]
