"""What the pre-publication gate keeps: the verdict, the file's SHA-256, who and when. Never the file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GateVerdict(models.TextChoices):
    SECRET = "secret", _("Secrecy marks found: not to be published")
    CLEAN = "clean", _("No secrecy marks: may be published")
    ERROR = "error", _("Unreadable: not to be published")


class GateCheck(models.Model):
    """One check of a file before it is published on a portal (R29; issue 6).

    Neither the file, its name nor any text read from it is stored: only the SHA-256 of its
    bytes, the verdict and highest level, and who checked it when.
    """

    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    verdict = models.CharField(_("check verdict"), max_length=8, choices=GateVerdict.choices)
    level = models.CharField(_("highest level found"), max_length=12, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="gate_checks",
        verbose_name=_("person checking"),
    )
    checked_at = models.DateTimeField(_("time checked"))

    class Meta:
        verbose_name = _("pre-publication check")
        verbose_name_plural = _("pre-publication checks")
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… {self.get_verdict_display()}"

    @property
    def may_publish(self) -> bool:
        """Only a file found clean may be published; a secret or unreadable one is refused."""
        return self.verdict == GateVerdict.CLEAN
