"""Changes to the lists of state secrets, each an audited operation (R2, R9, R48)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser as Person  # the lists know accounts, not the org tree
from django.db import transaction

from bmnn.audit.chain import record
from bmnn.core.errors import DomainError, PermissionDenied

from .models import ListStatus, SecretList, SecretListItem


def list_change_check(actor: Person, _subject: object = None) -> None:
    """Lists are kept by the system's administrators, never by an ordinary account (R2)."""
    if not (actor.is_active and (actor.is_superuser or actor.is_staff)):
        raise PermissionDenied("Chỉ quản trị hệ thống mới được cập nhật danh mục bí mật nhà nước.", rule="R2")


def list_set_status(*, actor: Person, secret_list: SecretList, status: str, note: str) -> SecretList:
    """Record that a list was superseded or repealed (or is in force again), with the document saying so (R2, R48)."""
    if status not in ListStatus.values:
        raise DomainError("Tình trạng danh mục không hợp lệ.", rule="R2", field="status")
    with transaction.atomic():
        list_change_check(actor)
        secret_list = SecretList.objects.select_for_update().get(pk=secret_list.pk)
        if not note.strip():
            raise DomainError("Phải ghi văn bản, căn cứ của việc thay đổi danh mục.", rule="R48", field="note")
        if secret_list.status == status:
            raise DomainError("Danh mục đã ở tình trạng này.", rule="R2", field="status")
        old = secret_list.status
        secret_list.status = status
        secret_list.save(update_fields=["status"])
        record(actor, "catalog.list.changed", secret_list, basis="R2, R48",
               data={"list": secret_list.decision_number, "field": "status", "old": old, "new": status,
                     "note": note.strip()})
    return secret_list


def item_set_repealed(*, actor: Person, item: SecretListItem, repealed: bool, note: str) -> SecretListItem:
    """Record that one item of a list was repealed (or restored), with the document saying so (R9, R48)."""
    with transaction.atomic():
        list_change_check(actor)
        item = SecretListItem.objects.select_for_update().select_related("secret_list").get(pk=item.pk)
        if not note.strip():
            raise DomainError("Phải ghi văn bản, căn cứ của việc thay đổi danh mục.", rule="R48", field="note")
        if item.repealed == repealed:
            raise DomainError("Mục danh mục đã ở tình trạng này.", rule="R9", field="repealed")
        item.repealed = repealed
        item.save(update_fields=["repealed"])
        record(actor, "catalog.list.changed", item.secret_list, basis="R9, R48",
               data={"list": item.secret_list.decision_number, "item": str(item), "field": "repealed",
                     "old": not repealed, "new": repealed, "note": note.strip()})
    return item
