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

    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    occurred_at = models.DateTimeField(_("event time"))
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_repr = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("target type"), max_length=80, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("target"), max_length=300, blank=True)
    basis = models.CharField(_("legal basis of the action"), max_length=200, blank=True)
    # Through which channel the operation came (web, API, command line, system job). Hashed into the event
    # only when set, so events written before it existed keep their hash.
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, blank=True, default="", editable=False
    )
    data = models.JSONField(_("event data"), default=dict, blank=True, encoder=CanonicalEncoder)
    # S5: {"app_label.model:pk": SHA-256 of that row's state after the operation} (see state.py), stored as
    # its canonical JSON text so verify hashes it as read (issue 17). Hashed into the event only when
    # non-empty, so events written before it existed keep their hash.
    states = models.TextField(_("target state"), default="", blank=True, editable=False)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit log event")
        verbose_name_plural = _("audit log")
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
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
