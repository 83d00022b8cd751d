"""Lists of state secrets issued by decision, and their items with a level (R2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX


class ListStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("Đang hiệu lực")
    SUPERSEDED = "SUPERSEDED", _("Đã được thay thế")
    REPEALED = "REPEALED", _("Đã bãi bỏ")


class SecretList(models.Model):
    """A decision issuing a list of state secrets for one sector."""

    decision_number = models.CharField(_("số quyết định"), max_length=60, unique=True)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=120, default="Thủ tướng Chính phủ")
    sector = models.CharField(_("lĩnh vực"), max_length=200)
    legal_basis = models.CharField(_("căn cứ luật"), max_length=120, blank=True)
    effective_from = models.DateField(_("hiệu lực từ"))
    status = models.CharField(_("tình trạng"), max_length=12, choices=ListStatus.choices, default=ListStatus.ACTIVE)
    note = models.TextField(_("ghi chú"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("danh mục BMNN")
        verbose_name_plural = _("danh mục BMNN")
        ordering = ["-decision_date"]

    def __str__(self) -> str:
        return f"Quyết định {self.decision_number} ({self.sector})"


class SecretListItem(models.Model):
    """A numbered item of a list, at one level (R2)."""

    secret_list = models.ForeignKey(SecretList, models.PROTECT, related_name="items", verbose_name=_("danh mục"))
    level = models.CharField(_("độ mật"), max_length=10, choices=Level.choices)
    number = models.CharField(_("khoản"), max_length=20)
    text = models.TextField(_("nội dung"), max_length=TEXT_MAX)
    public_condition = models.CharField(_("điều kiện hết là bí mật"), max_length=300, blank=True)
    repealed = models.BooleanField(_("đã bãi bỏ"), default=False)
    # R48: a superseded list is not a repealed one: the clerk maps each old item to the matching item of the
    # replacement list, and the records citing it stay protected under that item.
    replaced_by = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("mục tương ứng trong danh mục thay thế"),
    )
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đối chiếu"),
    )
    mapped_at = models.DateTimeField(_("thời điểm đối chiếu"), null=True, blank=True)

    class Meta:
        verbose_name = _("mục danh mục BMNN")
        verbose_name_plural = _("mục danh mục BMNN")
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
    PENDING = "PENDING", _("Chờ quyết định")
    APPROVED = "APPROVED", _("Đã phê duyệt, đã áp dụng")
    REFUSED = "REFUSED", _("Từ chối")


class RepealRequest(models.Model):
    """A request to record that a list, or an item of one, no longer applies (repealed or superseded).

    Repealing narrows what may be classified (R2) and may declassify what relied on it, so the head decides
    it; the requester never does (S7).
    """

    secret_list = models.ForeignKey(
        SecretList, models.PROTECT, related_name="repeal_requests", verbose_name=_("danh mục")
    )
    item = models.ForeignKey(
        SecretListItem,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="repeal_requests",
        verbose_name=_("mục"),
        help_text=_("Để trống khi đề nghị cho cả danh mục."),
    )
    new_status = models.CharField(
        _("tình trạng mới của danh mục"), max_length=12, choices=ListStatus.choices, blank=True
    )
    reasons = models.TextField(_("lý do"), blank=True, max_length=TEXT_MAX)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="repeal_requests_made", verbose_name=_("người đề nghị")
    )
    requested_at = models.DateTimeField(_("ngày đề nghị"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=RepealStatus.choices, default=RepealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="repeal_requests_decided",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    decision_reasons = models.TextField(_("ý kiến, lý do"), blank=True, max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("đề nghị bãi bỏ danh mục BMNN")
        verbose_name_plural = _("đề nghị bãi bỏ danh mục BMNN")
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
