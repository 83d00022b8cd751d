"""The organisation tree and the people who work in it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX
from bmnn.core.roles import Operation, OrgKind, Position

__all__ = [
    "AccessKind",
    "AccessRequest",
    "AccessStatus",
    "Delegation",
    "Operation",
    "OrgKind",
    "Organisation",
    "Person",
    "Position",
    "SigningAuthority",
]


class Organisation(models.Model):
    """A node of the organisation tree: province, department, division, office, school..."""

    cli_key = "symbol"  # how a command names a unit: organisation=SGDĐT
    lookup_fields = ("name", "short_name", "symbol")  # what a picker matches as you type (core.lookup)

    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("đơn vị cấp trên")
    )
    symbol = models.CharField(
        _("ký hiệu trên văn bản"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: SGDĐT, dùng trong số, ký hiệu văn bản."),
    )
    keeps_register = models.BooleanField(
        _("có sổ đăng ký riêng"),
        default=False,
        help_text=_("Cơ quan có văn thư và dãy số BMNN riêng; đơn vị trực thuộc dùng sổ của cơ quan này."),
    )

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Organisation]:
        """Return the chain of superiors, nearest first."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def registering_agency(self) -> Organisation:
        """Return the agency whose registers and number series this unit uses."""
        for node in [self, *self.ancestors()]:
            if node.keeps_register:
                return node
        return self

    def subtree_ids(self) -> list[int]:
        """Return this unit's id and every descendant's id."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        return ids


class Person(AbstractUser):
    """A person with an account: position, unit, clearance and designation (R38)."""

    cli_key = "username"  # how a command names a person: drafter=chuyenvien
    lookup_fields = ("last_name", "first_name", "username")  # what a picker matches as you type (core.lookup)

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("đơn vị")
    )
    position = models.CharField(_("chức vụ"), max_length=20, choices=Position.choices, default=Position.STAFF)
    title = models.CharField(
        _("chức danh"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: Giám đốc Sở, Phó Giám đốc, Trưởng phòng Khảo thí."),
    )
    clearance = models.CharField(
        _("được tiếp cận đến độ"),
        max_length=10,
        choices=Level.choices,
        blank=True,
        help_text=_("Độ mật cao nhất người này được tiếp cận; để trống là không được."),
    )
    designated_for_secrets = models.BooleanField(_("được phân công làm công tác BMNN"), default=False)
    designation_ref = models.CharField(_("số văn bản phân công"), max_length=120, blank=True)
    designation_date = models.DateField(_("ngày phân công"), null=True, blank=True)
    absent = models.BooleanField(_("đang vắng mặt"), default=False)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Vietnamese order: family and middle names first.
        return " ".join(p for p in (self.last_name, self.first_name) if p).strip()

    def clean(self) -> None:
        # R38: designation must cite the written decision.
        if self.designated_for_secrets and not self.designation_ref:
            raise ValidationError({"designation_ref": _("Phân công làm công tác BMNN phải có số văn bản.")})  # R38

    @property
    def is_head(self) -> bool:
        return self.position == Position.HEAD

    def agency(self) -> Organisation | None:
        """Return the agency whose registers this person's unit uses."""
        return self.organisation.registering_agency() if self.organisation is not None else None


class Delegation(models.Model):
    """A head's written authorisation of a deputy: scope, operations, levels, validity (R13)."""

    grantor = models.ForeignKey(
        Person, models.PROTECT, related_name="delegations_granted", verbose_name=_("người ủy quyền")
    )
    deputy = models.ForeignKey(
        Person, models.PROTECT, related_name="delegations_received", verbose_name=_("người được ủy quyền")
    )
    document_ref = models.CharField(_("số văn bản ủy quyền"), max_length=120)
    scope = models.TextField(_("phạm vi, nội dung"), max_length=TEXT_MAX)
    operations = models.JSONField(_("thao tác"), default=list)
    max_level = models.CharField(_("đến độ mật"), max_length=10, choices=Level.choices)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_until = models.DateField(_("hiệu lực đến"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")), name="delegation_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_ref}: {self.grantor} → {self.deputy}"

    def clean(self) -> None:
        # R13: only a head delegates; a deputy cannot pass on what they received.
        if self.grantor_id and self.grantor.position != Position.HEAD:
            raise ValidationError(_("Chỉ người đứng đầu mới được ủy quyền; cấp phó không được ủy quyền lại."))  # R13
        if self.deputy_id and self.deputy.position != Position.DEPUTY_HEAD:
            raise ValidationError(_("Chỉ ủy quyền cho cấp phó."))  # R13
        unknown = set(self.operations or []) - set(Operation.values)
        if unknown:
            raise ValidationError(_("Thao tác không hợp lệ: %s") % ", ".join(sorted(unknown)))

    def covers(self, operation: str, level: str, on: dt.date) -> bool:
        """Say whether this delegation authorises ``operation`` at ``level`` on day ``on``."""
        from bmnn.core.levels import rank

        return (
            self.revoked_at is None
            and self.valid_from <= on <= self.valid_until
            and operation in self.operations
            and rank(level) <= rank(self.max_level)
        )


class SigningAuthority(models.Model):
    """One row of the agency's signing-authority table: a position, or a named person, may sign the agency's secret
    documents and e-documents up to a level, from one day to another (R47, R4).

    Dated data an administrator maintains: the statute says the table exists, not what it holds. A change is a
    new row or an end date, so a past issue is judged by the table of its day.
    """

    agency = models.ForeignKey(
        Organisation, models.PROTECT, related_name="signing_authorities", verbose_name=_("cơ quan ban hành")
    )
    position = models.CharField(
        _("chức vụ"),
        max_length=20,
        choices=Position.choices,
        blank=True,
        help_text=_("Để trống nếu ghi tên một người cụ thể."),
    )
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_authorities",
        verbose_name=_("người được ký"),
    )
    max_level = models.CharField(_("được ký đến độ mật"), max_length=10, choices=Level.choices)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_until = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Để trống nếu chưa có ngày hết hiệu lực.")
    )
    basis = models.CharField(_("căn cứ (quy chế, quyết định)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thẩm quyền ký ban hành BMNN")
        verbose_name_plural = _("bảng thẩm quyền ký ban hành BMNN")
        ordering = ["agency__name", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(position="", person__isnull=False)
                    | (~models.Q(position="") & models.Q(person__isnull=True))
                ),
                name="signing_position_or_person",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="signing_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        who = str(self.person) if self.person_id else self.get_position_display()
        return f"{self.agency}: {who} ký đến {self.get_max_level_display()} (từ {self.valid_from:%d/%m/%Y})"

    def clean(self) -> None:
        if bool(self.position) == bool(self.person_id):
            raise ValidationError(_("Ghi một chức vụ hoặc một người cụ thể (không ghi cả hai)."))
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Ngày hết hiệu lực phải sau ngày bắt đầu.")})


class AccessKind(models.TextChoices):
    """What a request grants: each decides who may see or handle secrets, so someone else decides it."""

    CLEARANCE = "CLEARANCE", _("Nâng độ mật được tiếp cận")
    DESIGNATION = "DESIGNATION", _("Phân công làm công tác BMNN")
    DELEGATION = "DELEGATION", _("Ủy quyền cho cấp phó")


class AccessStatus(models.TextChoices):
    PENDING = "PENDING", _("Chờ quyết định")
    APPROVED = "APPROVED", _("Đã phê duyệt, đã áp dụng")
    REFUSED = "REFUSED", _("Từ chối")


class AccessRequest(models.Model):
    """A request to grant a person access (a higher clearance, a designation, a delegation) and its decision.

    Filed by whoever asks (the administrator in the Django admin, for one); applied only when the head of the
    person's agency, or above, approves it (for a delegation: the head who delegates). S7: the requester never
    decides, and no one asks for or decides their own access.
    """

    kind = models.CharField(_("loại đề nghị"), max_length=12, choices=AccessKind.choices)
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="access_requests", verbose_name=_("cán bộ được cấp quyền")
    )
    payload = models.JSONField(_("nội dung đề nghị"), default=dict)
    reasons = models.TextField(_("lý do"), blank=True, max_length=TEXT_MAX)
    requester = models.ForeignKey(
        Person, models.PROTECT, related_name="access_requests_made", verbose_name=_("người đề nghị")
    )
    requested_at = models.DateTimeField(_("ngày đề nghị"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=AccessStatus.choices, default=AccessStatus.PENDING
    )
    decided_by = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests_decided",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    decision_reasons = models.TextField(_("ý kiến, lý do"), blank=True, max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("đề nghị cấp quyền tiếp cận BMNN")
        verbose_name_plural = _("đề nghị cấp quyền tiếp cận BMNN")
        ordering = ["-requested_at"]
        constraints = [
            # S7: the requester never decides; no one asks for, or grants, their own access.
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requester")), name="access_requester_is_not_decider"
            ),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("person")), name="access_not_requested_for_oneself"
            ),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("person")), name="access_not_decided_for_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"

    def describe(self) -> str:
        """What is asked, in words: "Tối mật", "15/QĐ-SGDĐT ngày 05/01/2026", "12/UQ: Trần Thị Bình"."""
        p = self.payload
        if self.kind == AccessKind.CLEARANCE:
            return f"Được tiếp cận đến độ {Level(p['clearance']).label}"
        if self.kind == AccessKind.DESIGNATION:
            day = dt.date.fromisoformat(p["designation_date"]) if p.get("designation_date") else None
            return f"Văn bản phân công số {p.get('designation_ref', '')}" + (f" ngày {day:%d/%m/%Y}" if day else "")
        valid_from, valid_until = (dt.date.fromisoformat(p[k]) for k in ("valid_from", "valid_until"))
        return (
            f"Văn bản ủy quyền số {p.get('document_ref', '')}, đến độ {Level(p['max_level']).label}, "
            f"từ {valid_from:%d/%m/%Y} đến {valid_until:%d/%m/%Y}: {p.get('scope', '')}"
        )
