"""Which operation a carrier's state allows, declared once (STYLE.md: transitions in one place)."""

from __future__ import annotations

from bmnn.core.errors import DomainError

from .choices import Status
from .models import Carrier

_LIVE: set[str] = {Status.IN_STORAGE, Status.OUT_OF_STORAGE, Status.IN_TRANSIT, Status.HELD, Status.PROVIDED}

ALLOWED: dict[str, tuple[str, set[str]]] = {
    "handover": ("giao", {Status.IN_STORAGE}),
    "copy": ("sao, chụp", {Status.IN_STORAGE}),
    "takeout": ("mang ra khỏi nơi lưu giữ", {Status.IN_STORAGE}),
    "return": ("trả lại nơi lưu giữ", {Status.OUT_OF_STORAGE}),
    "provide": ("cung cấp, chuyển giao", {Status.IN_STORAGE}),
    "extend": ("gia hạn", _LIVE),
    "regrade": ("điều chỉnh độ mật", _LIVE),
    "declassify": ("giải mật", _LIVE),
    # R36: routine destruction only of what sits in storage (not out of storage, not in transit).
    "destroy": ("tiêu hủy", {Status.IN_STORAGE}),
    # R37: the custodian may destroy at once wherever the item is, when keeping it would cause harm.
    "destroy_emergency": ("tiêu hủy khẩn cấp", _LIVE),
    "recall": ("thu hồi", _LIVE - {Status.HELD}),
}


def guard(carrier: Carrier, operation: str) -> None:
    """Refuse, in Vietnamese, an operation the carrier's state does not allow."""
    label, allowed = ALLOWED[operation]
    if carrier.status == Status.DESTROYED:
        raise DomainError(f"Không thể {label}: BMNN đã bị tiêu hủy.", rule="R36")
    if carrier.status not in allowed:
        raise DomainError(f'Không thể {label}: BMNN đang ở tình trạng "{carrier.get_status_display()}".')
