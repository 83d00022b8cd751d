"""Register entries and records of the lifecycle operations (R7–R17, R26, R32–R37)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.approvals.models import Request
from bmnn.catalog.models import SecretListItem
from bmnn.core.levels import Level
from bmnn.core.limits import COUNT_MAX, TEXT_MAX
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import CopyForm
from bmnn.registry.models import Carrier

PERSON = settings.AUTH_USER_MODEL


class CopyJob(models.Model):
    """One entry of the copy register: one approved copying job (R16)."""

    request = models.OneToOneField(Request, models.PROTECT, related_name="copy_job")
    original = models.ForeignKey(Carrier, models.PROTECT, related_name="copy_jobs")
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField(_("số sổ sao, chụp"))
    form = models.CharField(_("hình thức"), max_length=10, choices=CopyForm.choices)
    approved_count = models.PositiveSmallIntegerField(_("số bản được duyệt"), validators=[MaxValueValidator(COUNT_MAX)])
    made_count = models.PositiveSmallIntegerField(_("số bản đã sao"), validators=[MaxValueValidator(COUNT_MAX)])
    spoiled_count = models.PositiveSmallIntegerField(
        _("số bản hỏng, thừa đã hủy"), default=0, validators=[MaxValueValidator(COUNT_MAX)]
    )
    recipients = models.TextField(_("nơi nhận bản sao"), max_length=TEXT_MAX)
    operator = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("người sao, chụp"))
    approver_repr = models.CharField(_("người cho phép"), max_length=200)
    made_at = models.DateTimeField(_("thời điểm sao, chụp"))

    class Meta:
        verbose_name = _("lượt sao, chụp")
        verbose_name_plural = _("sổ quản lý sao, chụp BMNN")
        ordering = ["-made_at"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "number"], name="unique_copy_register_no")]

    def __str__(self) -> str:
        return f"Sao, chụp số {self.number}/{self.year}"


class Takeout(models.Model):
    """A take-out of storage, from check-out to return with a closing report (R32)."""

    request = models.OneToOneField(Request, models.PROTECT, related_name="takeout")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="takeouts")
    taken_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("người mang ra"))
    checked_out_at = models.DateTimeField(_("thời điểm mang ra"))
    due = models.DateField(_("hạn trả"))
    abroad = models.BooleanField(_("mang ra nước ngoài"), default=False)
    returned_at = models.DateTimeField(_("thời điểm trả"), null=True, blank=True)
    received_back_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người nhận lại")
    )
    closing_report = models.TextField(_("báo cáo kết thúc"), max_length=TEXT_MAX, blank=True)
    overdue_flagged_at = models.DateTimeField(_("đánh dấu quá hạn lúc"), null=True, blank=True)
    # R32: abroad, the record is handed to the delegation's head, who is notified in writing.
    delegation_head = models.CharField(_("trưởng đoàn nhận bàn giao"), max_length=200, blank=True)
    handed_over_items = models.TextField(_("BMNN bàn giao"), max_length=TEXT_MAX, blank=True)
    delegation_notice_ref = models.CharField(_("văn bản thông báo trưởng đoàn"), max_length=120, blank=True)
    handed_over_at = models.DateTimeField(_("thời điểm bàn giao cho trưởng đoàn"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người bàn giao")
    )
    handover_flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt mang ra khỏi nơi lưu giữ")
        verbose_name_plural = _("mang ra khỏi nơi lưu giữ")
        ordering = ["-checked_out_at"]

    def __str__(self) -> str:
        return f"Mang ra: {self.carrier}"


class RecipientKind(models.TextChoices):
    ORGANISATION = "ORGANISATION", _("Cơ quan, tổ chức Việt Nam")
    PERSON = "PERSON", _("Cá nhân Việt Nam")
    FOREIGN = "FOREIGN", _("Cơ quan, tổ chức, cá nhân nước ngoài")


class Provision(models.Model):
    """A provision or transfer to a Vietnamese or foreign party (R33, R34)."""

    request = models.OneToOneField(Request, models.PROTECT, related_name="provision")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="provisions")
    recipient_kind = models.CharField(_("bên nhận"), max_length=12, choices=RecipientKind.choices)
    recipient_name = models.CharField(_("tên bên nhận"), max_length=200)
    provided_at = models.DateTimeField(_("thời điểm cung cấp"))
    provided_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    transfer = models.BooleanField(_("chuyển giao (không thu lại)"), default=False)

    class Meta:
        verbose_name = _("lượt cung cấp, chuyển giao")
        verbose_name_plural = _("cung cấp, chuyển giao")
        ordering = ["-provided_at"]

    def __str__(self) -> str:
        return f"Cung cấp {self.carrier} cho {self.recipient_name}"


class NoticeKind(models.TextChoices):
    EXTENSION = "EXTENSION", _("Thông báo gia hạn")
    REGRADE = "REGRADE", _("Thông báo điều chỉnh độ mật")
    DECLASSIFY = "DECLASSIFY", _("Thông báo giải mật")


class Notice(models.Model):
    """A written notice owed to one recorded recipient, with its due date (R7, R9, R10, R11)."""

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="notices")
    kind = models.CharField(_("loại"), max_length=10, choices=NoticeKind.choices)
    recipient = models.CharField(_("nơi nhận thông báo"), max_length=300)
    content = models.TextField(_("nội dung"), max_length=TEXT_MAX)
    due = models.DateField(_("hạn gửi"))
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    sent_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    overdue_flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["due"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} gửi {self.recipient}"


class LevelChange(models.Model):
    """A re-grade (R10) or an extension (R7) or a declassification (R8, R9, R11), as decided."""

    class Kind(models.TextChoices):
        EXTENSION = "EXTENSION", _("Gia hạn thời hạn bảo vệ")
        REGRADE = "REGRADE", _("Điều chỉnh độ mật")
        AUTO_EXPIRY = "AUTO_EXPIRY", _("Giải mật do hết thời hạn bảo vệ")
        AUTO_DELISTED = "AUTO_DELISTED", _("Giải mật do mục danh mục bị bãi bỏ")
        COUNCIL = "COUNCIL", _("Giải mật theo đề nghị của Hội đồng giải mật")
        USE_ENDED = "USE_ENDED", _("Giải mật do địa điểm không còn sử dụng")  # R6

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="level_changes")
    kind = models.CharField(_("loại"), max_length=14, choices=Kind.choices)
    request = models.OneToOneField(Request, models.PROTECT, null=True, blank=True, related_name="level_change")
    old_level = models.CharField(max_length=10, choices=Level.choices)
    new_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    old_until = models.DateField(null=True, blank=True)
    new_until = models.DateField(null=True, blank=True)
    partial = models.BooleanField(_("giải mật một phần"), default=False)
    declassified_content = models.TextField(_("nội dung được giải mật"), max_length=TEXT_MAX, blank=True)
    decided_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField()
    basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("thay đổi độ mật, thời hạn")
        verbose_name_plural = _("thay đổi độ mật, thời hạn")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.carrier}"


class DelistingReview(models.Model):
    """A record citing only repealed list items, proposed to the head of its holding agency (R9, R48).

    Nothing is declassified until the head confirms; the head may instead keep the record protected under
    another item, with the reason.
    """

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Chờ người đứng đầu quyết định")
        DECLASSIFIED = "DECLASSIFIED", _("Đã giải mật")
        KEPT = "KEPT", _("Tiếp tục bảo vệ theo mục khác")

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="delisting_reviews")
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    head = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người đứng đầu cơ quan")
    )
    repealed_items = models.TextField(_("mục danh mục bị bãi bỏ"), max_length=TEXT_MAX)
    proposed_at = models.DateTimeField(_("thời điểm đề xuất"))
    status = models.CharField(_("tình trạng"), max_length=12, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người quyết định")
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    new_item = models.ForeignKey(
        SecretListItem,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mục danh mục tiếp tục bảo vệ"),
    )
    reasons = models.TextField(_("lý do"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("đề xuất giải mật do mục danh mục bị bãi bỏ")
        verbose_name_plural = _("đề xuất giải mật do mục danh mục bị bãi bỏ")
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["carrier"], condition=models.Q(status="PENDING"), name="one_pending_delisting_review"
            )
        ]

    def __str__(self) -> str:
        return f"Đề xuất giải mật {self.carrier}"


class CouncilPurpose(models.TextChoices):
    DESTROY = "DESTROY", _("Hội đồng tiêu hủy")
    DECLASSIFY = "DECLASSIFY", _("Hội đồng giải mật")


class Council(models.Model):
    """A council set up by decision, for destruction (R36) or declassification (R11)."""

    purpose = models.CharField(_("loại hội đồng"), max_length=10, choices=CouncilPurpose.choices)
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    setup_decision_ref = models.CharField(_("quyết định thành lập"), max_length=120)
    setup_date = models.DateField(_("ngày thành lập"))
    chair = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("chủ tịch hội đồng"))
    members: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        PERSON, related_name="councils", verbose_name=_("thành viên")
    )
    carriers = models.ManyToManyField(Carrier, related_name="councils", verbose_name=_("danh sách BMNN"))
    minutes = models.TextField(_("biên bản họp hội đồng"), max_length=TEXT_MAX, blank=True)
    minutes_at = models.DateTimeField(null=True, blank=True)
    decision_ref = models.CharField(_("quyết định"), max_length=120, blank=True)
    decided_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("hội đồng")
        verbose_name_plural = _("hội đồng")
        ordering = ["-setup_date"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.setup_decision_ref})"


class DestructionEntry(models.Model):
    """One line of the destruction record: item, method, sequence and executors (R36)."""

    council = models.ForeignKey(Council, models.PROTECT, related_name="entries")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="+")
    sequence = models.PositiveSmallIntegerField(_("thứ tự"))
    method = models.CharField(_("phương pháp tiêu hủy"), max_length=200)
    executors = models.CharField(_("người thực hiện"), max_length=300)
    destroyed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dòng biên bản tiêu hủy")
        ordering = ["council", "sequence"]
        constraints = [models.UniqueConstraint(fields=["council", "carrier"], name="destroy_once_per_council")]

    def __str__(self) -> str:
        return f"{self.sequence}. {self.carrier}"


class DestroyedFile(models.Model):
    """One electronic item of a destruction record line: a file of the record (the original's, a digitised or a
    downloaded copy's), where it is kept, and when it was crypto-erased (R36).

    Listed when the record is written; ``erased_at`` is set when the last member's confirmation destroys the
    items, in the same transaction as the erasure. An item kept outside the vault (a downloaded copy held by a
    person) has no ``erased_at``: it is destroyed by the method written on its line.
    """

    entry = models.ForeignKey(DestructionEntry, models.PROTECT, related_name="files")
    reference = models.CharField(max_length=64, blank=True)  # the store's own id of the file ("vault:12")
    name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    location = models.CharField(_("nơi lưu giữ"), max_length=300)
    erased_at = models.DateTimeField(_("thời điểm xóa không khôi phục"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp điện tử trong biên bản tiêu hủy")
        verbose_name_plural = _("tệp điện tử trong biên bản tiêu hủy")
        ordering = ["entry", "pk"]

    def __str__(self) -> str:
        return f"{self.entry}: {self.name or self.location}"


class CouncilConfirmation(models.Model):
    """A council member's confirmation of the destruction record."""

    council = models.ForeignKey(Council, models.PROTECT, related_name="confirmations")
    member = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("xác nhận của thành viên")
        constraints = [models.UniqueConstraint(fields=["council", "member"], name="confirm_once")]

    def __str__(self) -> str:
        return f"{self.member} xác nhận {self.council}"


class EmergencyDestruction(models.Model):
    """Emergency destruction by the custodian, with the immediate written report (R37)."""

    carrier = models.OneToOneField(Carrier, models.PROTECT, related_name="emergency_destruction")
    custodian = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do khẩn cấp"), max_length=TEXT_MAX)
    method = models.CharField(_("phương pháp"), max_length=200)
    destroyed_at = models.DateTimeField()
    report = models.TextField(_("báo cáo bằng văn bản"), max_length=TEXT_MAX)
    reported_to = models.ForeignKey(PERSON, models.PROTECT, null=True, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    direction = models.TextField(_("ý kiến chỉ đạo của người đứng đầu"), blank=True, max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("tiêu hủy khẩn cấp")
        verbose_name_plural = _("tiêu hủy khẩn cấp")

    def __str__(self) -> str:
        return f"Tiêu hủy khẩn cấp {self.carrier}"


class Recall(models.Model):
    """A recall ("Tài liệu thu hồi") with a return-by date on every holder's copy (R26)."""

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="recalls")
    return_by = models.DateField(_("hạn trả"))
    issued_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    reason = models.TextField(_("lý do thu hồi"), max_length=TEXT_MAX)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thu hồi")
        verbose_name_plural = _("thu hồi")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Thu hồi {self.carrier} trước {self.return_by:%d/%m/%Y}"


class RecallItem(models.Model):
    """One holder's copy under a recall."""

    recall = models.ForeignKey(Recall, models.PROTECT, related_name="items")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="+")
    holder = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    overdue_flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bản thu hồi")
        constraints = [models.UniqueConstraint(fields=["recall", "carrier"], name="recall_item_once")]

    def __str__(self) -> str:
        return f"{self.carrier} – {self.holder}"


class Reminder(models.Model):
    """Something due for a person, raised by `bmnn deadlines run`; the key makes the run idempotent."""

    key = models.CharField(max_length=200, unique=True)
    person = models.ForeignKey(PERSON, models.CASCADE, related_name="reminders")
    carrier = models.ForeignKey(Carrier, models.CASCADE, null=True, blank=True, related_name="+")
    text = models.CharField(_("nội dung"), max_length=300)
    due = models.DateField(_("hạn"))
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")
        ordering = ["due"]

    def __str__(self) -> str:
        return self.text


class Meeting(models.Model):
    """A meeting with secret content and the controls R35 requires before, during and at its close."""

    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    title = models.CharField(_("nội dung cuộc họp"), max_length=300)
    level = models.CharField(_("độ mật"), max_length=10, choices=Level.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    venue = models.CharField(_("địa điểm"), max_length=300)
    offsite = models.BooleanField(_("tổ chức ngoài trụ sở"), default=False)
    police_check_ref = models.CharField(_("văn bản đề nghị công an kiểm tra an ninh"), max_length=200, blank=True)
    equipment_check = models.TextField(_("biên bản kiểm tra thiết bị"), max_length=TEXT_MAX)
    no_devices_control = models.BooleanField(
        _("kiểm soát không mang thiết bị ghi âm, ghi hình, thu phát"), default=False
    )
    guard_plan = models.TextField(_("phương án bảo vệ"), max_length=TEXT_MAX, blank=True)
    attendee_check = models.TextField(_("kiểm tra an ninh người dự họp"), max_length=TEXT_MAX, blank=True)
    attendees: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        PERSON, related_name="+", verbose_name=_("thành phần dự họp")
    )
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("cuộc họp có nội dung BMNN")
        verbose_name_plural = _("cuộc họp có nội dung BMNN")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title

    def days_to_seal(self) -> list[dt.date]:
        """Every day but the last: the room is sealed at the end of each of them (R35)."""
        return [self.starts_on + dt.timedelta(days=n) for n in range((self.ends_on - self.starts_on).days)]


class MeetingDocument(models.Model):
    """A secret issued at a meeting; it must come back before the meeting closes (R35)."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="documents")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="+")
    issued_to = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tài liệu phát tại cuộc họp")
        constraints = [models.UniqueConstraint(fields=["meeting", "carrier", "issued_to"], name="issue_once")]

    def __str__(self) -> str:
        return f"{self.carrier} – {self.issued_to}"


class MeetingSeal(models.Model):
    """The room sealed at the end of one day of a multi-day meeting (R35)."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="seals")
    day = models.DateField(_("ngày"))
    sealed_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    sealed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("niêm phong phòng họp")
        constraints = [models.UniqueConstraint(fields=["meeting", "day"], name="seal_once_a_day")]

    def __str__(self) -> str:
        return f"Niêm phong {self.meeting} ngày {self.day:%d/%m/%Y}"
