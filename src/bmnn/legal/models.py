"""Versioned legal parameters. A change is a new row with an effective date, never an edit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level


class ProtectionPeriod(models.Model):
    """Base protection period per level (R6), in force from ``effective_from``."""

    level = models.CharField(_("độ mật"), max_length=10, choices=Level.choices)
    years = models.PositiveSmallIntegerField(_("số năm"))
    effective_from = models.DateField(_("có hiệu lực từ"))
    source = models.CharField(_("căn cứ"), max_length=200)
    status_note = models.CharField(_("tình trạng nguồn"), max_length=20, blank=True,
                                   help_text=_("[C], [O], [D] hoặc [U] theo RULES.md"))

    class Meta:
        verbose_name = _("thời hạn bảo vệ")
        verbose_name_plural = _("thời hạn bảo vệ")
        ordering = ["level", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["level", "effective_from"], name="one_period_per_day")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.years} năm (từ {self.effective_from:%d/%m/%Y})"
