"""Secret carriers, their register series, hand-overs, assignments and incidents."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.catalog.models import SecretListItem
from bmnn.core.levels import Level
from bmnn.core.limits import ABSTRACT_MAX, COUNT_MAX, TEXT_MAX
from bmnn.org.models import Organisation

from .choices import (
    CarrierKind,
    CopyForm,
    Direction,
    HandoverStatus,
    IncidentKind,
    Medium,
    SeriesKind,
    Status,
    Urgency,
)

PERSON = settings.AUTH_USER_MODEL


class RegisterSeries(models.Model):
    """The last number taken in one register of one agency in one year (R19, S4).

    Locked with SELECT ... FOR UPDATE inside the registering transaction, so numbers
    are gapless and a rolled-back registration gives its number back.
    """

    agency = models.ForeignKey(Organisation, models.PROTECT, verbose_name=_("cơ quan"))
    kind = models.CharField(_("sổ"), max_length=10, choices=SeriesKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("dãy số đăng ký")
        verbose_name_plural = _("dãy số đăng ký")
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="one_series_per_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.agency}"


class Carrier(models.Model):
    """A secret document, object, place, activity or speech, as registered (R4, R5).

    ``abstract`` is always empty for TUYET_MAT (R18), enforced by a database constraint.
    """

    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="carriers", verbose_name=_("cơ quan quản lý"))
    direction = models.CharField(_("chiều"), max_length=10, choices=Direction.choices)
    kind = models.CharField(
        _("loại vật chứa"), max_length=10, choices=CarrierKind.choices, default=CarrierKind.DOCUMENT
    )
    medium = models.CharField(_("hình thức"), max_length=10, choices=Medium.choices, default=Medium.PAPER)
    reg_year = models.PositiveSmallIntegerField(_("năm đăng ký"), null=True, blank=True)
    reg_number = models.PositiveIntegerField(
        _("số đăng ký"), null=True, blank=True, help_text=_("Số BMNN đi, hoặc số đến.")
    )
    doc_number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    doc_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    doc_type = models.CharField(_("loại văn bản, tên vật"), max_length=120)
    abstract = models.TextField(_("trích yếu"), max_length=ABSTRACT_MAX, blank=True)
    level = models.CharField(_("độ mật"), max_length=10, choices=Level.choices)
    items = models.ManyToManyField(
        SecretListItem, blank=True, related_name="carriers", verbose_name=_("căn cứ danh mục")
    )
    # R3: the received secrets this record uses (a reply, a summary, an extract): its level is at least theirs.
    sources = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="cited_by", verbose_name=_("BMNN đến được sử dụng")
    )
    drafter = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người soạn thảo, đề xuất")
    )
    decision_maker = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người quyết định độ mật")
    )
    decision_basis = models.CharField(_("thẩm quyền quyết định"), max_length=200, blank=True)
    # R4, R47: who signed the issued document, checked against the agency's signing-authority table.
    signer = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người ký ban hành")
    )
    recipients = models.TextField(_("nơi nhận"), max_length=TEXT_MAX, blank=True)
    copies_issued = models.PositiveSmallIntegerField(
        _("số lượng bản phát hành"), default=1, validators=[MaxValueValidator(COUNT_MAX)]
    )
    copy_permitted = models.BooleanField(_("được phép sao, chụp"), default=False)
    circulation_scope = models.CharField(_("phạm vi lưu hành"), max_length=200, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    determination_date = models.DateField(_("ngày xác định độ mật"), null=True, blank=True)
    protection_until = models.DateField(_("thời hạn bảo vệ đến"), null=True, blank=True)
    shorter_period = models.BooleanField(_("thời hạn bảo vệ ngắn hơn"), default=False)
    sender = models.CharField(_("nơi gửi"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"), null=True, blank=True)
    named_recipient = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người có tên trên bì")
    )
    unopened = models.BooleanField(_("bì chưa bóc"), default=False)
    custodian = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="custody", verbose_name=_("người quản lý")
    )
    storage_place = models.CharField(_("nơi lưu giữ"), max_length=200, blank=True)
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.IN_STORAGE)
    original = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="copies", verbose_name=_("bản gốc")
    )
    copy_number = models.PositiveIntegerField(_("bản sao số"), null=True, blank=True)
    copy_form = models.CharField(_("hình thức sao"), max_length=10, choices=CopyForm.choices, blank=True)
    digitised = models.BooleanField(_("bản số hóa"), default=False)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    marks = models.JSONField(_("dấu đã đóng"), default=list, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"))
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("BMNN")
        verbose_name_plural = _("BMNN")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # R18: no abstract for TUYET_MAT, in storage.
            models.CheckConstraint(
                condition=~models.Q(level=Level.TUYET_MAT) | models.Q(abstract=""), name="no_abstract_for_tuyet_mat"
            ),
            # R19, S4: one number per register, agency and year.
            models.UniqueConstraint(
                fields=["agency", "direction", "reg_year", "reg_number"],
                name="unique_register_number",
                condition=models.Q(reg_number__isnull=False, original__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["original", "copy_number"],
                name="unique_copy_number",
                condition=models.Q(original__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "level", "status"]),
            # The list order, for keyset pages (issue 17), over everything and within each branch of visibility (S2).
            models.Index(fields=["-created_at", "-id"], name="carrier_list_order"),
            models.Index(fields=["agency", "-created_at", "-id"], name="carrier_agency_list_order"),
            models.Index(fields=["custodian", "-created_at", "-id"], name="carrier_custodian_list_order"),
            models.Index(fields=["decision_maker", "-created_at", "-id"], name="carrier_decider_list_order"),
            models.Index(fields=["drafter", "-created_at", "-id"], name="carrier_drafter_list_order"),
            # The deadline sweep reads live originals by due date (R7, R8).
            models.Index(
                fields=["protection_until"], name="carrier_original_due", condition=models.Q(original__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        label = self.doc_number or self.doc_type
        if self.copy_number:
            label = f"{label}, bản sao số {self.copy_number}"
        return f"{label} ({self.get_level_display()})"

    @property
    def root(self) -> Carrier:
        """Return the original a copy was made from (itself for an original)."""
        return self.original if self.original is not None else self

    @property
    def register_label(self) -> str:
        """Return "Số đi 12/2026" or "Số đến 7/2026" for the registers."""
        if self.reg_number is None:
            return "Chưa vào sổ"
        word = "Số đi" if self.direction == Direction.OUTGOING else "Số đến"
        return f"{word} {self.reg_number}/{self.reg_year}"


class Assignment(models.Model):
    """A person assigned to work on a carrier: one of the reasons to see it (S2)."""

    carrier = models.ForeignKey(Carrier, models.CASCADE, related_name="assignments")
    person = models.ForeignKey(PERSON, models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()

    class Meta:
        verbose_name = _("phân công xử lý")
        verbose_name_plural = _("phân công xử lý")
        constraints = [models.UniqueConstraint(fields=["carrier", "person"], name="one_assignment")]
        # S2: "assigned to this person" is one indexed branch of visibility.
        indexes = [models.Index(fields=["person", "carrier"], name="assignment_by_person")]

    def __str__(self) -> str:
        return f"{self.person} – {self.carrier}"


class Handover(models.Model):
    """One hand-over, an entry of the delivery register; pending until signed for (R23)."""

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="handovers")
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField(_("số chuyển giao"))
    from_person = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("người giao"))
    to_person = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="handovers_in", verbose_name=_("người nhận")
    )
    to_unit = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị nhận")
    )
    envelope_letter = models.CharField(_("dấu chữ trên bì"), max_length=1)
    envelope_count = models.PositiveSmallIntegerField(_("số bì"), default=1, validators=[MaxValueValidator(COUNT_MAX)])
    named_only = models.BooleanField(_("chỉ người có tên mới được bóc bì"), default=False)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    handed_at = models.DateTimeField(_("thời điểm giao"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    confirmed_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người ký nhận")
    )
    confirmed_at = models.DateTimeField(_("thời điểm ký nhận"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt chuyển giao")
        verbose_name_plural = _("sổ chuyển giao")
        ordering = ["-handed_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="unique_delivery_number"),
            models.CheckConstraint(
                condition=models.Q(to_person__isnull=False) | models.Q(to_unit__isnull=False),
                name="handover_has_recipient",
            ),
            models.UniqueConstraint(
                fields=["carrier"], condition=models.Q(status="PENDING"), name="one_pending_handover"
            ),
        ]
        # S2: "handed over to this person" is one indexed branch of visibility.
        indexes = [models.Index(fields=["to_person", "carrier"], name="handover_by_recipient")]

    def __str__(self) -> str:
        return f"Chuyển giao số {self.number}/{self.year}"

    @property
    def recipient_label(self) -> str:
        return str(self.to_person or self.to_unit)


class IncidentQuerySet(models.QuerySet):
    def open_about(self, carrier: Carrier) -> IncidentQuerySet:
        """Open incidents naming ``carrier`` as their first record or among the records involved."""
        return self.filter(closed=False).filter(models.Q(carrier=carrier) | models.Q(carriers=carrier)).distinct()


class Incident(models.Model):
    """An incident (R25 receipt mismatch; R40 disclosure and/or loss) about one or more carriers.

    The one record of an incident: lifecycle guards read ``closed`` ("no destruction under an open
    incident"); bmnn.safeguards adds the ad-hoc report and the remedies that point here.
    ``carrier`` is the first record involved; ``carriers`` lists every record involved (R40).
    """

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="incidents")
    carriers = models.ManyToManyField(
        Carrier, blank=True, related_name="incidents_involved", verbose_name=_("các BMNN liên quan")
    )
    unit = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị xảy ra")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=IncidentKind.choices)
    description = models.TextField(_("mô tả"), max_length=TEXT_MAX)
    found_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("người phát hiện"))
    found_at = models.DateTimeField(_("thời điểm phát hiện"))
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), null=True, blank=True)
    reported_to = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("báo cáo ngay cho")
    )
    sender_notice = models.TextField(_("thông báo nơi gửi"), max_length=TEXT_MAX, blank=True)
    # R25: the notice to the sender is sent at once and followed on the due page until recorded.
    sender_notice_ref = models.CharField(_("số văn bản thông báo nơi gửi"), max_length=120, blank=True)
    sender_notified_at = models.DateTimeField(_("thời điểm thông báo nơi gửi"), null=True, blank=True)
    sender_notified_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người gửi thông báo nơi gửi")
    )
    sender_overdue_flagged_at = models.DateTimeField(null=True, blank=True)
    agency_notice = models.TextField(_("thông báo cơ quan xác định độ mật"), max_length=TEXT_MAX, blank=True)
    agency_notified_at = models.DateTimeField(_("thời điểm thông báo cơ quan xác định độ mật"), null=True, blank=True)
    closed = models.BooleanField(_("đã khắc phục"), default=False)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người kết thúc")
    )
    closing_note = models.TextField(_("kết quả khắc phục"), max_length=TEXT_MAX, blank=True)

    objects = IncidentQuerySet.as_manager()
    carrier_label: str  # not stored: the record's label as the reader may see it, set by a list screen (S2)

    class Meta:
        verbose_name = _("sự cố")
        verbose_name_plural = _("sự cố")
        ordering = ["-found_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.carrier}"


class AgencyCount(models.Model):
    """How many of an agency's records each custodian holds, by level and status (issue 17).

    Kept by the database itself, in the transaction that writes the record: triggers on the records'
    table (migration ``registry.0008``) add and subtract one on every insert, update and delete, whatever
    service, admin screen or bulk load wrote it. The dashboard and ``/api/carriers/counts/`` read these
    rows instead of grouping the agency's records; ``bmnn counters rebuild`` recomputes them.
    ``custodian_key`` is the custodian's id, 0 for a record without one (a unique key needs no NULL).
    """

    agency = models.ForeignKey(Organisation, models.CASCADE, related_name="+")
    custodian_key = models.BigIntegerField(default=0)
    level = models.CharField(max_length=10, choices=Level.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "custodian_key", "level", "status"], name="agency_count_key")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.custodian_key}/{self.level}/{self.status}: {self.n}"
