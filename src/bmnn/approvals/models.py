"""A request for an operation on a subject, and its decision."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX
from bmnn.core.roles import Operation
from bmnn.org.models import Organisation


class RequestStatus(models.TextChoices):
    PENDING = "PENDING", pgettext_lazy("approvals", "Awaiting approval")
    APPROVED = "APPROVED", _("Approved, awaiting execution")
    REFUSED = "REFUSED", pgettext_lazy("approvals", "Refused")
    DONE = "DONE", pgettext_lazy("approvals", "Carried out")
    WITHDRAWN = "WITHDRAWN", pgettext_lazy("approvals", "Withdrawn")


OPEN_STATUSES = [RequestStatus.PENDING, RequestStatus.APPROVED]


class Request(models.Model):
    """A request naming its subject, operation, requester, reasons and the operation's own fields."""

    subject_type = models.ForeignKey(ContentType, models.PROTECT)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_repr = models.CharField(_("subject of the request"), max_length=300)
    level = models.CharField(_("level of the subject"), max_length=10, choices=Level.choices)
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("requesting agency"))
    operation = models.CharField(_("requested operation"), max_length=20, choices=Operation.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="requests_made",
        verbose_name=pgettext_lazy("approvals", "requester"),
    )
    reasons = models.TextField(_("reasons for the request"), max_length=TEXT_MAX)
    payload = models.JSONField(_("request details"), default=dict)
    status = models.CharField(
        _("request status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("request date"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="requests_decided",
        verbose_name=_("person who decided the request"),
    )
    decided_at = models.DateTimeField(_("decision date"), null=True, blank=True)
    decision_basis = models.CharField(_("competent authority"), max_length=300, blank=True)
    decision_reasons = models.TextField(_("comments and reasons"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("approvals", "request")
        verbose_name_plural = pgettext_lazy("approvals", "requests")
        ordering = ["-created_at"]
        constraints = [
            # At most one open request per subject and operation.
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "operation"],
                condition=models.Q(status__in=["PENDING", "APPROVED"]),
                name="one_open_request_per_subject_operation",
            ),
            # S7: the requester never decides their own request.
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requester")), name="requester_is_not_decider"
            ),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"Đề nghị {self.get_operation_display().lower()} – {self.subject_repr}"
