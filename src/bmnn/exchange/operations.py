"""The exchange's operations: register a peer's keys, export our key card, send an electronic secret, import any
package, recall, export a stored reply (R27, R28, R46).

Each is declared once; its screen, REST endpoint and command come from here (bmnn.core.operations).
"""

from __future__ import annotations

from typing import Any

from bmnn.core.errors import DomainError
from bmnn.core.operations import Download, Operation, Subject
from bmnn.core.text import fold
from bmnn.registry.operations import CARRIER

from . import forms as f
from . import selectors, services
from .models import Package, PackageStatus


def present(p: Package) -> dict[str, Any]:
    return {
        "id": p.pk,
        "package_id": p.package_id,
        "direction": p.direction,
        "kind": p.kind,
        "status": p.status,
        "peer": str(p.peer or ""),
        "carrier": p.carrier_id,
        "number": p.number,
        "reason": p.reason,
        "checks": p.checks,
        "created_at": p.created_at,
        "confirmed_at": p.confirmed_at,
        "has_file": p.content is not None,
    }


PACKAGE = Subject(
    "exchange-package",
    selectors.package_get_for_user,
    page="exchange:package",
    api="exchange-packages",
    web="goi-trao-doi",
    present=present,
)
PEER = Subject(
    "exchange-peer",
    selectors.peer_get_for_user,
    page="admin:exchange_peer_change",
    api="exchange-peers",
    web="he-thong-nhan",
    present=lambda p: {
        "id": p.pk,
        "name": p.name,
        "installation": p.installation,
        "signing_public_key": p.signing_public_key,
        "transport_public_key": p.transport_public_key,
    },
)


KIND_SLUG = {"DOCUMENT": "tai-lieu-mat", "ERROR": "bao-loi", "RECALL": "thu-hoi", "CONFIRMATION": "xac-nhan-xoa"}


def _file_name(p: Package) -> str:
    """An ASCII name (the number folded): every browser and file system takes it as is."""
    number = "-".join(fold(p.number).replace("/", " ").split()) or "goi"
    return f"goi-{KIND_SLUG.get(p.kind, 'goi')}-{number}-{p.package_id[:8]}.zip"


def _send(actor: Any, carrier: Any, data: dict[str, Any]) -> Download:
    sent, blob = services.package_send(actor=actor, carrier=carrier, peer=data["peer"])
    return Download(blob, _file_name(sent), "application/zip")


def _recalled(recalls: list[Package]) -> str:
    recipients = ", ".join(str(r.peer) for r in recalls)
    return (
        f"Đã lập {len(recalls)} gói thu hồi, mỗi nơi nhận một gói ({recipients}): tải từng gói ở mục "
        '"Thu hồi tài liệu điện tử mật đã gửi" và chuyển cho đúng nơi nhận.'
    )


def _file_check(actor: Any, p: Package) -> None:
    if p.content is None:
        raise DomainError("Gói này không lưu lại để xuất (gói tài liệu chỉ xuất một lần khi gửi).", rule="R27")
    services.import_check(actor)


def _imported(p: Package) -> str:
    if p.status == PackageStatus.REJECTED:
        return (
            f"Gói không đạt kiểm tra, không vào sổ: {p.reason} Đã lập gói báo lỗi: tải gói báo lỗi và gửi lại "
            f"cho {p.peer}."
        )
    if p.status == PackageStatus.RECEIVED and p.carrier is not None:
        return f"Đã kiểm tra gói và vào sổ BMNN đến số {p.carrier.reg_number:02d} ({p.number})."
    if p.content is not None:
        return f"Đã xóa tài liệu số {p.number} theo yêu cầu thu hồi; tải gói xác nhận và gửi lại cho {p.peer}."
    return f"Đã nhập gói {p.get_kind_display().lower()} của {p.peer}."


OPERATIONS = [
    Operation(
        "exchange-peer-register",
        "Đăng ký khóa công khai của hệ thống nhận, gửi",
        form=f.PeerForm,
        returns=PEER,
        web="he-thong-nhan/dang-ky",
        api="exchange-peers",
        check=services.peer_register_check,
        submit="Đăng ký",
        run=lambda actor, _s, data: services.peer_register(actor=actor, **data),
        done=lambda p: f"Đã đăng ký khóa công khai của {p.name}.",
    ),
    Operation(
        "exchange-key-card",
        "Xuất thẻ khóa công khai của cơ quan",
        web="goi-trao-doi/the-khoa",
        api="exchange-packages/key-card",
        check=services.key_card_check,
        submit="Tải thẻ khóa",
        run=lambda actor, _s, _d: Download(
            services.key_card(actor=actor), "the-khoa-cong-khai.json", "application/json"
        ),
    ),
    Operation(
        "exchange-send",
        "Gửi tài liệu điện tử mật (gói ký số, mã hóa)",
        form=f.SendForm,
        subject=CARRIER,
        check=services.send_check,
        submit="Ký số, mã hóa và tải gói",
        web="gui-dien-tu",
        api="exchange-send",
        run=_send,
    ),
    Operation(
        "exchange-import",
        "Nhập gói tài liệu điện tử mật nhận được",
        form=f.ImportForm,
        returns=PACKAGE,
        web="goi-trao-doi/nhap",
        api="exchange-packages",
        check=services.import_check,
        submit="Kiểm tra và nhập",
        done=_imported,
        run=lambda actor, _s, data: services.package_import(actor=actor, blob=data["package"].read()),
    ),
    Operation(
        "exchange-recall",
        "Thu hồi tài liệu điện tử mật đã gửi (mọi nơi nhận)",
        form=f.RecallForm,
        subject=CARRIER,
        check=services.recall_check,
        submit="Thu hồi từ mọi nơi nhận",
        web="thu-hoi-dien-tu",
        api="exchange-recall",
        run=lambda actor, carrier, data: services.document_recall(
            actor=actor, carrier=carrier, reason=data.get("reason", "")
        ),
        done=_recalled,
    ),
    Operation(
        "exchange-package-file",
        "Tải gói (báo lỗi, thu hồi, xác nhận)",
        subject=PACKAGE,
        check=_file_check,
        submit="Tải gói",
        web="tai-goi",
        api="file",
        run=lambda actor, p, _d: Download(bytes(p.content or b""), _file_name(p), "application/zip"),
    ),
]
