"""Lists of state secrets issued by decision, and their items with a level (R2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX


class ListStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("In force")
    SUPERSEDED = "SUPERSEDED", _("Superseded")
    REPEALED = "REPEALED", _("Repealed")


class SecretList(models.Model):
    """A decision issuing a list of state secrets for one sector."""

    decision_number = models.CharField(_("decision number"), max_length=60, unique=True)
    decision_date = models.DateField(_("decided at"))
    issuer = models.CharField(_("issuing body"), max_length=120, default="Thủ tướng Chính phủ")
    sector = models.CharField(_("field"), max_length=200)
    legal_basis = models.CharField(_("basis in law"), max_length=120, blank=True)
    effective_from = models.DateField(_("valid from"))
    status = models.CharField(_("list status"), max_length=12, choices=ListStatus.choices, default=ListStatus.ACTIVE)
    note = models.TextField(_("list note"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("state secret list")
        verbose_name_plural = _("state secret list")
        ordering = ["-decision_date"]

    def __str__(self) -> str:
        return f"Quyết định {self.decision_number} ({self.sector})"


class SecretListItem(models.Model):
    """A numbered item of a list, at one level (R2)."""

    secret_list = models.ForeignKey(SecretList, models.PROTECT, related_name="items", verbose_name=_("list"))
    level = models.CharField(_("secrecy level"), max_length=10, choices=Level.choices)
    number = models.CharField(_("clause"), max_length=20)
    text = models.TextField(_("item content"), max_length=TEXT_MAX)
    public_condition = models.CharField(_("condition for ceasing to be secret"), max_length=300, blank=True)
    repealed = models.BooleanField(_("repealed"), default=False)
    # R48: a superseded list is not a repealed one: the clerk maps each old item to the matching item of the
    # replacement list, and the records citing it stay protected under that item.
    replaced_by = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("matching item in the replacing list"),
    )
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mapped by"),
    )
    mapped_at = models.DateTimeField(_("mapped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("state secret list item")
        verbose_name_plural = _("state secret list item")
        ordering = ["secret_list", "level", "number"]
        constraints = [
            models.UniqueConstraint(fields=["secret_list", "level", "number"], name="unique_item_per_list_level")
        ]

    def __str__(self) -> str:
        return f"{self.secret_list.decision_number} – {self.get_level_display()} khoản {self.number}"

    @property
    def usable(self) -> bool:
        return not self.repealed and self.secret_list.status == ListStatus.ACTIVE


class RepealStatus(models.TextChoices):
    PENDING = "PENDING", _("Awaiting decision")
    APPROVED = "APPROVED", _("Approved and applied")
    REFUSED = "REFUSED", _("Refused")


class RepealRequest(models.Model):
    """A request to record that a list, or an item of one, no longer applies (repealed or superseded).

    Repealing narrows what may be classified (R2) and may declassify what relied on it, so the head decides
    it; the requester never does (S7).
    """

    secret_list = models.ForeignKey(SecretList, models.PROTECT, related_name="repeal_requests", verbose_name=_("list"))
    item = models.ForeignKey(
        SecretListItem,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="repeal_requests",
        verbose_name=_("list item"),
        help_text=_("Leave empty when the request is for the whole list."),
    )
    new_status = models.CharField(_("new list status"), max_length=12, choices=ListStatus.choices, blank=True)
    reasons = models.TextField(_("request reason"), blank=True, max_length=TEXT_MAX)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="repeal_requests_made", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(
        _("list status"), max_length=10, choices=RepealStatus.choices, default=RepealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="repeal_requests_decided",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reasons = models.TextField(_("decision comment, reason"), blank=True, max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("state secret list repeal request")
        verbose_name_plural = _("state secret list repeal request")
        ordering = ["-requested_at"]
        constraints = [
            # S7: the requester never decides their own request.
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requester")), name="repeal_requester_is_not_decider"
            ),
        ]

    def __str__(self) -> str:
        return f"Đề nghị bãi bỏ: {self.describe()}"

    def describe(self) -> str:
        if self.item_id is not None:
            return f"{self.item} (bãi bỏ mục)"
        return f"{self.secret_list} ({ListStatus(self.new_status).label.lower()})"
