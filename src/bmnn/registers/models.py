"""Register layouts as versioned data (R21) and the volumes of each register (R20)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.limits import TEXT_MAX
from bmnn.org.models import Organisation

from .choices import Field, RegisterKind


class RegisterLayout(models.Model):
    """One version of a register's printed form: title, cover notes, columns, in force from a date (R21).

    A book prints with the layout in force for its year (the latest ``effective_from`` on or before the
    end of that year, or today for the running year). A change of law is a new layout, never an edit of
    one already used, so old books reprint as they were.
    """

    kind = models.CharField(_("register kind"), max_length=12, choices=RegisterKind.choices)
    name = models.CharField(_("table version name"), max_length=200)
    title = models.CharField(_("register title printed on the cover"), max_length=200)
    effective_from = models.DateField(_("in force from"))
    legal_basis = models.CharField(_("legal source"), max_length=300)
    unverified = models.BooleanField(_("not verified against the official text"), default=True)
    landscape = models.BooleanField(_("print on landscape A4"), default=True)
    cover_notes = models.TextField(
        _("cover notes"), max_length=TEXT_MAX, blank=True, help_text=_("One cover note per line.")
    )

    class Meta:
        verbose_name = _("register layout")
        verbose_name_plural = _("register layouts (columns by version)")
        ordering = ["kind", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "effective_from"], name="one_layout_per_day")]

    def __str__(self) -> str:
        flag = " – chưa xác minh" if self.unverified else ""
        return f"{self.get_kind_display()}: {self.name} (từ {self.effective_from:%d/%m/%Y}{flag})"


class RegisterColumn(models.Model):
    """One column of a layout: heading as printed, the data it shows, relative width, instruction."""

    layout = models.ForeignKey(
        RegisterLayout, models.CASCADE, related_name="columns", verbose_name=_("register layout")
    )
    order = models.PositiveSmallIntegerField(_("column order"))
    heading = models.CharField(_("column heading"), max_length=200)
    field = models.CharField(_("column data"), max_length=20, choices=Field.choices)
    width = models.DecimalField(_("relative width"), max_digits=4, decimal_places=2, default=1)
    instruction = models.CharField(_("filling-in instructions"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("register column")
        verbose_name_plural = _("register column")
        ordering = ["layout", "order"]
        constraints = [models.UniqueConstraint(fields=["layout", "order"], name="one_column_per_place")]

    def __str__(self) -> str:
        return f"({self.order}) {self.heading}"


class RegisterVolume(models.Model):
    """A closed volume (quyển) of a register: its number range, closed when the paper book is full (R20).

    The open volume of a year is implicit: it runs from the number after the last closed volume to the
    year's last number. Numbers restart on 1 January (R19), so a volume never spans two years.
    """

    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("register agency"))
    kind = models.CharField(_("register kind"), max_length=12, choices=RegisterKind.choices)
    year = models.PositiveSmallIntegerField(_("register year"))
    number = models.PositiveSmallIntegerField(_("volume number"))
    first_number = models.PositiveIntegerField(_("from number"))
    last_number = models.PositiveIntegerField(_("to number"))
    closed_at = models.DateTimeField(_("volume closed at"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("volume closed by")
    )

    class Meta:
        verbose_name = _("register volume")
        verbose_name_plural = _("closed register volumes")
        ordering = ["agency", "kind", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year", "number"], name="one_volume_number"),
            models.CheckConstraint(
                condition=models.Q(last_number__gte=models.F("first_number")), name="volume_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.year}, quyển số {self.number} (số {self.first_number}–{self.last_number})"
        )
