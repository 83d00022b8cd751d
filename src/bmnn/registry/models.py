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
    LIVE_STATUSES,
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

    agency = models.ForeignKey(Organisation, models.PROTECT, verbose_name=_("agency"))
    kind = models.CharField(_("register"), max_length=10, choices=SeriesKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("register number series")
        verbose_name_plural = _("register number series")
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="one_series_per_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.agency}"


class Carrier(models.Model):
    """A secret document, object, place, activity or speech, as registered (R4, R5).

    ``abstract`` is always empty for TUYET_MAT (R18), enforced by a database constraint.
    """

    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="carriers", verbose_name=_("managing agency"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("carrier kind"), max_length=10, choices=CarrierKind.choices, default=CarrierKind.DOCUMENT)
    medium = models.CharField(_("medium"), max_length=10, choices=Medium.choices, default=Medium.PAPER)
    reg_year = models.PositiveSmallIntegerField(_("registration year"), null=True, blank=True)
    reg_number = models.PositiveIntegerField(
        _("registration number"), null=True, blank=True, help_text=_("The outgoing number, or the incoming number.")
    )
    doc_number = models.CharField(_("number and code"), max_length=80, blank=True)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    doc_type = models.CharField(_("document type, object name"), max_length=120)
    abstract = models.TextField(_("abstract"), max_length=ABSTRACT_MAX, blank=True)
    level = models.CharField(_("secrecy level"), max_length=10, choices=Level.choices)
    items = models.ManyToManyField(
        SecretListItem, blank=True, related_name="carriers", verbose_name=_("basis in the secret list")
    )
    # R3: the received secrets this record uses (a reply, a summary, an extract): its level is at least theirs.
    sources = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="cited_by", verbose_name=_("incoming secrets used")
    )
    # The four person columns of visibility (S2) are indexed with the agency (Meta.indexes), not alone.
    drafter = models.ForeignKey(
        PERSON,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("drafter, proposer"),
    )
    decision_maker = models.ForeignKey(
        PERSON,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("person who decided the secrecy level"),
    )
    decision_basis = models.CharField(_("decision authority"), max_length=200, blank=True)
    # R4, R47: who signed the issued document, checked against the agency's signing-authority table.
    signer = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("signer of the issued document")
    )
    recipients = models.TextField(_("recipients"), max_length=TEXT_MAX, blank=True)
    copies_issued = models.PositiveSmallIntegerField(
        _("number of copies issued"), default=1, validators=[MaxValueValidator(COUNT_MAX)]
    )
    copy_permitted = models.BooleanField(_("copying permitted"), default=False)
    circulation_scope = models.CharField(_("circulation scope"), max_length=200, blank=True)
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    determination_date = models.DateField(_("secrecy determination date"), null=True, blank=True)
    protection_until = models.DateField(_("protected until"), null=True, blank=True)
    shorter_period = models.BooleanField(_("shorter protection period"), default=False)
    sender = models.CharField(_("sender"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    named_recipient = models.ForeignKey(
        PERSON,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("person named on the envelope"),
    )
    unopened = models.BooleanField(_("unopened envelope"), default=False)
    custodian = models.ForeignKey(
        PERSON,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="custody",
        db_index=False,
        verbose_name=_("custodian"),
    )
    storage_place = models.CharField(_("storage place"), max_length=200, blank=True)
    status = models.CharField(
        _("status of the record"), max_length=16, choices=Status.choices, default=Status.IN_STORAGE
    )
    original = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="copies", verbose_name=_("original")
    )
    copy_number = models.PositiveIntegerField(_("copy number"), null=True, blank=True)
    copy_form = models.CharField(_("copy form"), max_length=10, choices=CopyForm.choices, blank=True)
    digitised = models.BooleanField(_("digitised copy"), default=False)
    extensions = models.PositiveSmallIntegerField(_("number of extensions"), default=0)
    marks = models.JSONField(_("marks stamped"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"))
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("State secret record")
        verbose_name_plural = _("State secret records")
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
            # A clerk's or head's own records outside their agency (S2), read from the index alone (issue 17).
            models.Index(fields=["custodian", "agency", "id"], name="carrier_custodian_agency"),
            models.Index(fields=["named_recipient", "agency", "id"], name="carrier_recipient_agency"),
            models.Index(fields=["decision_maker", "agency", "id"], name="carrier_decider_agency"),
            models.Index(fields=["drafter", "agency", "id"], name="carrier_drafter_agency"),
            # A record's agency by its id from the index alone: the hand-overs and assignments to a clerk or head
            # whose record lies outside their agency (S2, issue 17).
            models.Index(fields=["id", "agency"], name="carrier_id_agency"),
            # The deadline sweep reads live originals by due date (R7, R8), from the index alone; the declassified
            # and destroyed ones (never due again) are left out of it (issue 17).
            models.Index(
                fields=["protection_until", "id"],
                name="carrier_live_original_due",
                condition=models.Q(original__isnull=True, status__in=LIVE_STATUSES),
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
        verbose_name = _("processing assignment")
        verbose_name_plural = _("processing assignment")
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
    number = models.PositiveIntegerField(_("delivery number"))
    from_person = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("handed over by"))
    to_person = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="handovers_in", verbose_name=_("recipient official")
    )
    to_unit = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("recipient unit")
    )
    envelope_letter = models.CharField(_("letter mark on the envelope"), max_length=1)
    envelope_count = models.PositiveSmallIntegerField(
        _("number of envelopes"), default=1, validators=[MaxValueValidator(COUNT_MAX)]
    )
    named_only = models.BooleanField(_("only the named person may open"), default=False)
    note = models.CharField(_("handover note"), max_length=300, blank=True)
    handed_at = models.DateTimeField(_("handed over at"))
    status = models.CharField(
        _("status of the record"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    confirmed_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("signed for by")
    )
    confirmed_at = models.DateTimeField(_("signed for at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("delivery register")
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
        Carrier, blank=True, related_name="incidents_involved", verbose_name=_("state secrets concerned")
    )
    unit = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit where it happened")
    )
    kind = models.CharField(_("incident kind"), max_length=20, choices=IncidentKind.choices)
    description = models.TextField(_("incident description"), max_length=TEXT_MAX)
    found_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("discovered by"))
    found_at = models.DateTimeField(_("discovered at"))
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    reported_to = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reported at once to")
    )
    sender_notice = models.TextField(_("sender notified"), max_length=TEXT_MAX, blank=True)
    # R25: the notice to the sender is sent at once and followed on the due page until recorded.
    sender_notice_ref = models.CharField(_("number of the notice to the sender"), max_length=120, blank=True)
    sender_notified_at = models.DateTimeField(_("sender notified at"), null=True, blank=True)
    sender_notified_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sender notified by")
    )
    sender_overdue_flagged_at = models.DateTimeField(null=True, blank=True)
    agency_notice = models.TextField(_("determining agency notified"), max_length=TEXT_MAX, blank=True)
    agency_notified_at = models.DateTimeField(_("determining agency notified at"), null=True, blank=True)
    closed = models.BooleanField(_("remedied"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("closed by")
    )
    closing_note = models.TextField(_("remedy outcome"), max_length=TEXT_MAX, blank=True)

    objects = IncidentQuerySet.as_manager()
    carrier_label: str  # not stored: the record's label as the reader may see it, set by a list screen (S2)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incident")
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
