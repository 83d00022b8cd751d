"""Audit events: append-only, each chained to the previous by SHA-256 (S5)."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.channel import Channel


class CanonicalEncoder(json.JSONEncoder):
    """Writes event data as its canonical JSON (sorted keys, no spaces, UTF-8 kept), so that where the
    database keeps the text as written (SQLite) verify can hash it as read, without re-encoding (issue 17)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        super().__init__(**kwargs)


class AuditEvent(models.Model):
    """One audited operation. Keeps string snapshots so it outlives people and records."""

    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    occurred_at = models.DateTimeField(_("thời điểm"))
    actor_id = models.BigIntegerField(_("mã người thực hiện"), null=True, blank=True)
    actor_repr = models.CharField(_("người thực hiện"), max_length=200)
    action = models.CharField(_("hành động"), max_length=80, db_index=True)
    target_type = models.CharField(_("loại đối tượng"), max_length=80, blank=True)
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    basis = models.CharField(_("căn cứ"), max_length=200, blank=True)
    # Through which channel the operation came (web, API, command line, system job). Hashed into the event
    # only when set, so events written before it existed keep their hash.
    channel = models.CharField(
        _("kênh"), max_length=10, choices=Channel.choices, blank=True, default="", editable=False
    )
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True, encoder=CanonicalEncoder)
    # S5: {"app_label.model:pk": SHA-256 of that row's state after the operation} (see state.py), stored as
    # its canonical JSON text so verify hashes it as read (issue 17). Hashed into the event only when
    # non-empty, so events written before it existed keep their hash.
    states = models.TextField(_("trạng thái đối tượng"), default="", blank=True, editable=False)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký kiểm tra")
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Audit events are append-only.")


class ChainHead(models.Model):
    """The single row holding the last sequence number and hash; locked by every writer."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
