"""Register entries and records of the lifecycle operations (R7–R17, R26, R32–R37)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
    number = models.PositiveIntegerField(_("copying register number"))
    form = models.CharField(_("form of copying"), max_length=10, choices=CopyForm.choices)
    approved_count = models.PositiveSmallIntegerField(
        _("number of copies approved"), validators=[MaxValueValidator(COUNT_MAX)]
    )
    made_count = models.PositiveSmallIntegerField(_("number of copies made"), validators=[MaxValueValidator(COUNT_MAX)])
    spoiled_count = models.PositiveSmallIntegerField(
        _("spoiled or surplus copies destroyed"), default=0, validators=[MaxValueValidator(COUNT_MAX)]
    )
    recipients = models.TextField(_("recipients of the copies"), max_length=TEXT_MAX)
    operator = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("person making the copies"))
    approver_repr = models.CharField(_("person who allowed the copying"), max_length=200)
    made_at = models.DateTimeField(_("time of copying"))

    class Meta:
        verbose_name = _("copying")
        verbose_name_plural = _("state secret copying register")
        ordering = ["-made_at"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "number"], name="unique_copy_register_no")]

    def __str__(self) -> str:
        return f"Sao, chụp số {self.number}/{self.year}"


class Takeout(models.Model):
    """A take-out of storage, from check-out to return with a closing report (R32)."""

    request = models.OneToOneField(Request, models.PROTECT, related_name="takeout")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="takeouts")
    taken_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("person taking it out"))
    checked_out_at = models.DateTimeField(_("time taken out"))
    due = models.DateField(pgettext_lazy("lifecycle", "return by"))
    abroad = models.BooleanField(_("taken abroad"), default=False)
    returned_at = models.DateTimeField(pgettext_lazy("lifecycle", "time returned"), null=True, blank=True)
    received_back_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person receiving it back")
    )
    closing_report = models.TextField(_("closing report"), max_length=TEXT_MAX, blank=True)
    overdue_flagged_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)
    # R32: abroad, the record is handed to the delegation's head, who is notified in writing.
    delegation_head = models.CharField(_("delegation head receiving the handover"), max_length=200, blank=True)
    handed_over_items = models.TextField(_("state secrets handed over"), max_length=TEXT_MAX, blank=True)
    delegation_notice_ref = models.CharField(_("written notice to the delegation head"), max_length=120, blank=True)
    handed_over_at = models.DateTimeField(_("time handed over to the delegation head"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person handing over")
    )
    handover_flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("take-out from storage")
        verbose_name_plural = _("take-outs from storage")
        ordering = ["-checked_out_at"]

    def __str__(self) -> str:
        return f"Mang ra: {self.carrier}"


class RecipientKind(models.TextChoices):
    ORGANISATION = "ORGANISATION", _("Vietnamese agency or organisation")
    PERSON = "PERSON", _("Vietnamese individual")
    FOREIGN = "FOREIGN", _("Foreign agency, organisation or individual")


class Provision(models.Model):
    """A provision or transfer to a Vietnamese or foreign party (R33, R34)."""

    request = models.OneToOneField(Request, models.PROTECT, related_name="provision")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="provisions")
    recipient_kind = models.CharField(_("recipient kind"), max_length=12, choices=RecipientKind.choices)
    recipient_name = models.CharField(_("recipient name"), max_length=200)
    provided_at = models.DateTimeField(_("time provided"))
    provided_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    transfer = models.BooleanField(_("transfer (not taken back)"), default=False)

    class Meta:
        verbose_name = _("provision or transfer")
        verbose_name_plural = _("provisions and transfers")
        ordering = ["-provided_at"]

    def __str__(self) -> str:
        return f"Cung cấp {self.carrier} cho {self.recipient_name}"


class NoticeKind(models.TextChoices):
    EXTENSION = "EXTENSION", _("Extension notice")
    REGRADE = "REGRADE", _("Regrading notice")
    DECLASSIFY = "DECLASSIFY", _("Declassification notice")


class Notice(models.Model):
    """A written notice owed to one recorded recipient, with its due date (R7, R9, R10, R11)."""

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="notices")
    kind = models.CharField(_("notice kind"), max_length=10, choices=NoticeKind.choices)
    recipient = models.CharField(_("notice recipients"), max_length=300)
    content = models.TextField(_("notice content"), max_length=TEXT_MAX)
    due = models.DateField(_("send by"))
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(pgettext_lazy("lifecycle", "sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    overdue_flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("written notice")
        verbose_name_plural = _("written notices")
        ordering = ["due"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} gửi {self.recipient}"


class LevelChange(models.Model):
    """A re-grade (R10) or an extension (R7) or a declassification (R8, R9, R11), as decided."""

    class Kind(models.TextChoices):
        EXTENSION = "EXTENSION", _("Extension of the protection period")
        REGRADE = "REGRADE", pgettext_lazy("lifecycle", "Regrading")
        AUTO_EXPIRY = "AUTO_EXPIRY", _("Declassified at the end of the protection period")
        AUTO_DELISTED = "AUTO_DELISTED", _("Declassified after a repealed list item")
        COUNCIL = "COUNCIL", _("Declassified on the declassification council's proposal")
        USE_ENDED = "USE_ENDED", _("Declassified as the place is no longer used")  # R6

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="level_changes")
    kind = models.CharField(_("kind of change"), max_length=14, choices=Kind.choices)
    request = models.OneToOneField(Request, models.PROTECT, null=True, blank=True, related_name="level_change")
    old_level = models.CharField(max_length=10, choices=Level.choices)
    new_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    old_until = models.DateField(null=True, blank=True)
    new_until = models.DateField(null=True, blank=True)
    partial = models.BooleanField(_("partial declassification"), default=False)
    declassified_content = models.TextField(_("declassified content"), max_length=TEXT_MAX, blank=True)
    decided_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField()
    basis = models.CharField(_("basis of the change"), max_length=300)

    class Meta:
        verbose_name = _("change of level or protection period")
        verbose_name_plural = _("changes of level or protection period")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.carrier}"


class DelistingReview(models.Model):
    """A record citing only repealed list items, proposed to the head of its holding agency (R9, R48).

    Nothing is declassified until the head confirms; the head may instead keep the record protected under
    another item, with the reason.
    """

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Awaiting the head's decision")
        DECLASSIFIED = "DECLASSIFIED", pgettext_lazy("lifecycle", "Declassified")
        KEPT = "KEPT", _("Kept protected under another item")

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="delisting_reviews")
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    head = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("head of the agency")
    )
    repealed_items = models.TextField(_("repealed list items"), max_length=TEXT_MAX)
    proposed_at = models.DateTimeField(_("time proposed"))
    status = models.CharField(
        _("delisting review status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person who decided")
    )
    decided_at = models.DateTimeField(_("time decided"), null=True, blank=True)
    new_item = models.ForeignKey(
        SecretListItem,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("list item keeping the protection"),
    )
    reasons = models.TextField(_("reasons for the decision"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("proposed declassification after a repealed list item")
        verbose_name_plural = _("proposed declassifications after a repealed list item")
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["carrier"], condition=models.Q(status="PENDING"), name="one_pending_delisting_review"
            )
        ]

    def __str__(self) -> str:
        return f"Đề xuất giải mật {self.carrier}"


class CouncilPurpose(models.TextChoices):
    DESTROY = "DESTROY", _("Destruction council")
    DECLASSIFY = "DECLASSIFY", _("Declassification council")


class Council(models.Model):
    """A council set up by decision, for destruction (R36) or declassification (R11)."""

    purpose = models.CharField(_("kind of council"), max_length=10, choices=CouncilPurpose.choices)
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    setup_decision_ref = models.CharField(_("founding decision"), max_length=120)
    setup_date = models.DateField(_("founding date"))
    chair = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("council chair"))
    members: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        PERSON, related_name="councils", verbose_name=_("council members")
    )
    carriers = models.ManyToManyField(Carrier, related_name="councils", verbose_name=_("state secrets listed"))
    minutes = models.TextField(_("council meeting minutes"), max_length=TEXT_MAX, blank=True)
    minutes_at = models.DateTimeField(null=True, blank=True)
    decision_ref = models.CharField(pgettext_lazy("lifecycle", "decision"), max_length=120, blank=True)
    decided_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = pgettext_lazy("lifecycle", "council")
        verbose_name_plural = pgettext_lazy("lifecycle", "councils")
        ordering = ["-setup_date"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.setup_decision_ref})"


class DestructionEntry(models.Model):
    """One line of the destruction record: item, method, sequence and executors (R36)."""

    council = models.ForeignKey(Council, models.PROTECT, related_name="entries")
    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="+")
    sequence = models.PositiveSmallIntegerField(pgettext_lazy("lifecycle", "order"))
    method = models.CharField(_("destruction method"), max_length=200)
    executors = models.CharField(_("persons carrying out"), max_length=300)
    destroyed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("destruction record line")
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
    name = models.CharField(pgettext_lazy("lifecycle", "file name"), max_length=255, blank=True)
    location = models.CharField(pgettext_lazy("lifecycle", "storage place"), max_length=300)
    erased_at = models.DateTimeField(_("time erased beyond recovery"), null=True, blank=True)

    class Meta:
        verbose_name = _("electronic file in a destruction record")
        verbose_name_plural = _("electronic files in destruction records")
        ordering = ["entry", "pk"]

    def __str__(self) -> str:
        return f"{self.entry}: {self.name or self.location}"


class CouncilConfirmation(models.Model):
    """A council member's confirmation of the destruction record."""

    council = models.ForeignKey(Council, models.PROTECT, related_name="confirmations")
    member = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("member confirmation")
        constraints = [models.UniqueConstraint(fields=["council", "member"], name="confirm_once")]

    def __str__(self) -> str:
        return f"{self.member} xác nhận {self.council}"


class EmergencyDestruction(models.Model):
    """Emergency destruction by the custodian, with the immediate written report (R37)."""

    carrier = models.OneToOneField(Carrier, models.PROTECT, related_name="emergency_destruction")
    custodian = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    reason = models.TextField(_("reasons for the emergency"), max_length=TEXT_MAX)
    method = models.CharField(pgettext_lazy("lifecycle", "method"), max_length=200)
    destroyed_at = models.DateTimeField()
    report = models.TextField(_("written report"), max_length=TEXT_MAX)
    reported_to = models.ForeignKey(PERSON, models.PROTECT, null=True, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    direction = models.TextField(_("the head's directions"), blank=True, max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("emergency destruction")
        verbose_name_plural = _("emergency destructions")

    def __str__(self) -> str:
        return f"Tiêu hủy khẩn cấp {self.carrier}"


class Recall(models.Model):
    """A recall ("Tài liệu thu hồi") with a return-by date on every holder's copy (R26)."""

    carrier = models.ForeignKey(Carrier, models.PROTECT, related_name="recalls")
    return_by = models.DateField(pgettext_lazy("lifecycle", "return by"))
    issued_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    reason = models.TextField(_("reasons for the recall"), max_length=TEXT_MAX)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("lifecycle", "recall")
        verbose_name_plural = pgettext_lazy("lifecycle", "recalls")
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
        verbose_name = _("recalled copy")
        constraints = [models.UniqueConstraint(fields=["recall", "carrier"], name="recall_item_once")]

    def __str__(self) -> str:
        return f"{self.carrier} – {self.holder}"


class Reminder(models.Model):
    """Something due for a person, raised by `bmnn deadlines run`; the key makes the run idempotent."""

    key = models.CharField(max_length=200, unique=True)
    person = models.ForeignKey(PERSON, models.CASCADE, related_name="reminders")
    carrier = models.ForeignKey(Carrier, models.CASCADE, null=True, blank=True, related_name="+")
    text = models.CharField(_("reminder text"), max_length=300)
    due = models.DateField(pgettext_lazy("lifecycle", "due date"))
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("lifecycle", "reminder")
        verbose_name_plural = pgettext_lazy("lifecycle", "reminders")
        ordering = ["due"]

    def __str__(self) -> str:
        return self.text


class Meeting(models.Model):
    """A meeting with secret content and the controls R35 requires before, during and at its close."""

    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    title = models.CharField(_("meeting subject"), max_length=300)
    level = models.CharField(_("meeting level"), max_length=10, choices=Level.choices)
    starts_on = models.DateField(pgettext_lazy("lifecycle", "from date"))
    ends_on = models.DateField(pgettext_lazy("lifecycle", "to date"))
    venue = models.CharField(pgettext_lazy("lifecycle", "venue"), max_length=300)
    offsite = models.BooleanField(_("held outside the premises"), default=False)
    police_check_ref = models.CharField(_("request to the police for a security check"), max_length=200, blank=True)
    equipment_check = models.TextField(_("equipment inspection record"), max_length=TEXT_MAX)
    no_devices_control = models.BooleanField(_("control of recording and transmitting devices"), default=False)
    guard_plan = models.TextField(_("protection plan"), max_length=TEXT_MAX, blank=True)
    attendee_check = models.TextField(_("security check of the attendees"), max_length=TEXT_MAX, blank=True)
    attendees: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        PERSON, related_name="+", verbose_name=pgettext_lazy("lifecycle", "attendees")
    )
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting with state secret content")
        verbose_name_plural = _("meetings with state secret content")
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
        verbose_name = _("document handed out at a meeting")
        constraints = [models.UniqueConstraint(fields=["meeting", "carrier", "issued_to"], name="issue_once")]

    def __str__(self) -> str:
        return f"{self.carrier} – {self.issued_to}"


class MeetingSeal(models.Model):
    """The room sealed at the end of one day of a multi-day meeting (R35)."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="seals")
    day = models.DateField(pgettext_lazy("lifecycle", "day"))
    sealed_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    sealed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("meeting room seal")
        constraints = [models.UniqueConstraint(fields=["meeting", "day"], name="seal_once_a_day")]

    def __str__(self) -> str:
        return f"Niêm phong {self.meeting} ngày {self.day:%d/%m/%Y}"
