"""Checks and helpers shared by the registry services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bmnn.catalog.models import SecretListItem
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level, highest
from bmnn.core.text import fold
from bmnn.legal.periods import add_years, protection_years
from bmnn.org.models import Organisation, Person

from ..models import Carrier
from ..policies import is_register_keeper, may_see_level


def require_register_keeper(actor: Person, agency: Organisation) -> None:
    if not is_register_keeper(actor, agency):
        raise PermissionDenied(
            "Chỉ văn thư của cơ quan (được phân công làm công tác BMNN) mới được vào sổ BMNN.", rule="R38"
        )


def register_check(actor: Person, _subject: object = None) -> None:
    """Who may enter a secret in the agency's books: its register keeper (R38)."""
    agency = actor.agency() if getattr(actor, "is_authenticated", False) else None
    if agency is None:
        raise DomainError("Tài khoản chưa thuộc cơ quan, đơn vị nào.")
    require_register_keeper(actor, agency)


def require_cleared(person: Person, level: str, who: str = "Người thực hiện") -> None:
    if not may_see_level(person, level):
        raise PermissionDenied(f"{who} không được tiếp cận BMNN độ {Level(level).label}.", rule="S2")


def require_designated(person: Person, role: str) -> None:
    # R38: only designated staff hold custody or make copies.
    if not person.designated_for_secrets:
        raise DomainError(f"{role} ({person}) chưa được phân công bằng văn bản làm công tác bảo vệ BMNN.", rule="R38")


def has_signed_commitment(person: Person, on: dt.date) -> bool:
    """P4: an appointment commitment signed on or before ``on``, not followed by a leaving one (R39).

    Read through the person's ``commitments`` (recorded by the safeguards app, a layer above)."""
    signed = person.commitments.filter(signed_on__lte=on)
    appointment = signed.filter(kind="APPOINTMENT").order_by("-signed_on").first()
    return appointment is not None and not signed.filter(kind="LEAVING", signed_on__gte=appointment.signed_on).exists()


def require_custodian(person: Person, role: str) -> None:
    """Only designated staff (R38) who signed their commitment (P4) may become a custodian."""
    require_designated(person, role)
    if not has_signed_commitment(person, clock.today()):
        raise DomainError(
            f"{role} ({person}) chưa ký cam kết bảo vệ bí mật nhà nước, chưa được giao quản lý BMNN.", rule="P4"
        )


def level_from_items(item_ids: Sequence[int]) -> tuple[str, list[SecretListItem]]:
    """R2, R3: at least one usable list item; the level is the highest of them."""
    items = list(SecretListItem.objects.select_related("secret_list").filter(pk__in=item_ids))
    if not items:
        raise DomainError(
            "Phải chọn ít nhất một mục trong danh mục BMNN làm căn cứ xác định độ mật.", rule="R2", field="items"
        )
    unusable = [str(i) for i in items if not i.usable]
    if unusable:
        raise DomainError("Mục danh mục đã bãi bỏ hoặc hết hiệu lực: " + "; ".join(unusable), rule="R2", field="items")
    return highest(i.level for i in items) or Level.MAT, items


def check_abstract(level: str, abstract: str) -> str:
    """R18: the abstract of a TUYET_MAT item is never stored."""
    abstract = (abstract or "").strip()
    if level == Level.TUYET_MAT and abstract:
        raise DomainError("Không được ghi trích yếu đối với BMNN độ Tuyệt mật.", rule="R18", field="abstract")
    return abstract


def protection_end(
    level: str, determination_date: dt.date, shorter_until: dt.date | None, kind: str
) -> tuple[dt.date | None, bool]:
    """R6: the default period from the level; a shorter one only for activities; a place has no end date: it is
    protected until the head records the end of its use."""
    default = add_years(determination_date, protection_years(level, determination_date))
    if shorter_until is None:
        return (None, False) if kind == "PLACE" else (default, False)
    if kind != "ACTIVITY":
        raise DomainError(
            "Chỉ hoạt động mới được xác định thời hạn bảo vệ ngắn hơn.", rule="R6", field="protection_until"
        )
    if not determination_date < shorter_until <= default:
        raise DomainError(
            f"Thời hạn bảo vệ ngắn hơn phải sau ngày xác định và không quá {default:%d/%m/%Y}.",
            rule="R6",
            field="protection_until",
        )
    return shorter_until, True


def refresh_search_text(carrier: Carrier) -> None:
    """Store the folded text of the fields people may search (never an abstract for TUYET_MAT)."""
    parts = [
        carrier.doc_number,
        carrier.doc_type,
        carrier.issuing_body,
        carrier.sender,
        carrier.recipients,
        carrier.storage_place,
        carrier.abstract if carrier.level != Level.TUYET_MAT else "",
    ]
    carrier.search_text = fold(" ".join(p for p in parts if p))
