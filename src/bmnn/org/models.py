"""The organisation tree and the people who work in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX
from bmnn.core.roles import Operation, OrgKind, Position

# Within ``subtrees_remembered()``: each unit's subtree, looked up once.
_subtrees: ContextVar[dict[int, list[int]] | None] = ContextVar("bmnn_subtrees", default=None)


@contextmanager
def subtrees_remembered() -> Iterator[None]:
    """Within the block, each unit's subtree is looked up once (issue 17: a page's panels, header and links each
    asked for the head's subtree). For a request that changes nothing (a GET, ``bmnn.web.middleware``): a unit
    created or moved in the block would not be seen."""
    token = _subtrees.set({})
    try:
        yield
    finally:
        _subtrees.reset(token)


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

    name = models.CharField(_("unit name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("unit type"), max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    symbol = models.CharField(
        _("code on documents"),
        max_length=40,
        blank=True,
        help_text=_("For example: SGDDT, used in document numbers and codes."),
    )
    keeps_register = models.BooleanField(
        _("keeps its own register"),
        default=False,
        help_text=_(
            "An agency with its own clerical office and state secret numbering; subordinate units use this agency's "
            "register."
        ),
    )

    class Meta:
        verbose_name = _("agency or unit")
        verbose_name_plural = _("agency or unit")
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
        remembered = _subtrees.get()
        if remembered is not None and self.pk in remembered:
            return list(remembered[self.pk])
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        if remembered is not None:
            remembered[self.pk] = list(ids)
        return ids


class Person(AbstractUser):
    """A person with an account: position, unit, clearance and designation (R38)."""

    cli_key = "username"  # how a command names a person: drafter=chuyenvien
    lookup_fields = ("last_name", "first_name", "username")  # what a picker matches as you type (core.lookup)

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("unit")
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.STAFF)
    title = models.CharField(
        _("job title"),
        max_length=120,
        blank=True,
        help_text=_("For example: Director of the Department, Deputy Director, Head of the Examinations Office."),
    )
    clearance = models.CharField(
        _("access up to level"),
        max_length=10,
        choices=Level.choices,
        blank=True,
        help_text=_("The highest level this person may access; empty means none."),
    )
    designated_for_secrets = models.BooleanField(_("assigned to state secret work"), default=False)
    designation_ref = models.CharField(_("assignment document number"), max_length=120, blank=True)
    designation_date = models.DateField(_("assignment date"), null=True, blank=True)
    absent = models.BooleanField(_("currently absent"), default=False)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("official")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Vietnamese order: family and middle names first.
        return " ".join(p for p in (self.last_name, self.first_name) if p).strip()

    def clean(self) -> None:
        # R38: designation must cite the written decision.
        if self.designated_for_secrets and not self.designation_ref:
            raise ValidationError(
                {"designation_ref": _("An assignment to state secret work needs a document number.")}
            )  # R38

    @property
    def is_head(self) -> bool:
        return self.position == Position.HEAD

    def agency(self) -> Organisation | None:
        """Return the agency whose registers this person's unit uses."""
        return self.organisation.registering_agency() if self.organisation is not None else None


class Delegation(models.Model):
    """A head's written authorisation of a deputy: scope, operations, levels, validity (R13)."""

    grantor = models.ForeignKey(
        Person, models.PROTECT, related_name="delegations_granted", verbose_name=_("delegated by")
    )
    deputy = models.ForeignKey(Person, models.PROTECT, related_name="delegations_received", verbose_name=_("delegate"))
    document_ref = models.CharField(_("delegation document number"), max_length=120)
    scope = models.TextField(_("delegation scope and content"), max_length=TEXT_MAX)
    operations = models.JSONField(_("delegated action"), default=list)
    max_level = models.CharField(_("up to secrecy level"), max_length=10, choices=Level.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegation")
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
            raise ValidationError(_("Only the head may delegate; a deputy may not delegate further."))  # R13
        if self.deputy_id and self.deputy.position != Position.DEPUTY_HEAD:
            raise ValidationError(_("Delegate only to a deputy."))  # R13
        unknown = set(self.operations or []) - set(Operation.values)
        if unknown:
            raise ValidationError(_("Invalid delegated action: %s") % ", ".join(sorted(unknown)))

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
        Organisation, models.PROTECT, related_name="signing_authorities", verbose_name=_("issuing body")
    )
    position = models.CharField(
        _("position"),
        max_length=20,
        choices=Position.choices,
        blank=True,
        help_text=_("Leave empty when naming a specific person."),
    )
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_authorities",
        verbose_name=_("authorised signer"),
    )
    max_level = models.CharField(_("may sign up to secrecy level"), max_length=10, choices=Level.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if there is no end date yet.")
    )
    basis = models.CharField(_("basis (regulation, decision)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("state secret signing authority")
        verbose_name_plural = _("state secret signing-authority table")
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
            raise ValidationError(_("Give either a position or a specific person (not both)."))
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date must be after the start date.")})


class AccessKind(models.TextChoices):
    """What a request grants: each decides who may see or handle secrets, so someone else decides it."""

    CLEARANCE = "CLEARANCE", _("Raise the access level")
    DESIGNATION = "DESIGNATION", _("Assign to state secret work")
    DELEGATION = "DELEGATION", _("Delegate to a deputy")


class AccessStatus(models.TextChoices):
    PENDING = "PENDING", _("Awaiting decision")
    APPROVED = "APPROVED", _("Approved and applied")
    REFUSED = "REFUSED", _("Refused")


class AccessRequest(models.Model):
    """A request to grant a person access (a higher clearance, a designation, a delegation) and its decision.

    Filed by whoever asks (the administrator in the Django admin, for one); applied only when the head of the
    person's agency, or above, approves it (for a delegation: the head who delegates). S7: the requester never
    decides, and no one asks for or decides their own access.
    """

    kind = models.CharField(_("access request kind"), max_length=12, choices=AccessKind.choices)
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="access_requests", verbose_name=_("official granted access")
    )
    payload = models.JSONField(_("access request content"), default=dict)
    reasons = models.TextField(_("request reason"), blank=True, max_length=TEXT_MAX)
    requester = models.ForeignKey(
        Person, models.PROTECT, related_name="access_requests_made", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(
        _("request status"), max_length=10, choices=AccessStatus.choices, default=AccessStatus.PENDING
    )
    decided_by = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests_decided",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reasons = models.TextField(_("decision comment, reason"), blank=True, max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("state secret access request")
        verbose_name_plural = _("state secret access request")
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
