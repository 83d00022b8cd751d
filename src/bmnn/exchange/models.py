"""Packages of electronic secrets exchanged with other installations, and the installations we exchange with.

The LAN has no link outside: a package is a file the clerk carries out of band (a medium, the government's secure
channel). What the database keeps of a package is its identity, its checks and its outcome, never the secret's
content; the document package itself is encrypted to the recipient and not kept here (R27, S6).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.limits import TEXT_MAX
from bmnn.org.models import Organisation
from bmnn.registry.models import Carrier

PERSON = settings.AUTH_USER_MODEL


class Peer(models.Model):
    """An agency at another installation: its public keys, registered by an administrator (R27, R28).

    ``signing_public_key`` verifies the agency's signature on its packages; ``transport_public_key`` is the key the
    packages sent to it are encrypted to.
    """

    name = models.CharField(_("peer agency or organisation"), max_length=200)
    installation = models.CharField(_("peer system (location, notes)"), max_length=200, blank=True)
    signing_public_key = models.CharField(_("public signing key (Ed25519, base64)"), max_length=64, unique=True)
    transport_public_key = models.CharField(_("public encryption key (X25519, base64)"), max_length=64)
    registered_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("keys registered at"))
    revoked_at = models.DateTimeField(_("keys revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("peer system exchanging secret electronic documents")
        verbose_name_plural = _("peer system exchanging secret electronic documents")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name + (f" ({self.installation})" if self.installation else "")


class PackageKind(models.TextChoices):
    DOCUMENT = "DOCUMENT", _("Secret electronic document")
    ERROR = "ERROR", _("Error report package")
    RECALL = "RECALL", _("Recall package")
    CONFIRMATION = "CONFIRMATION", _("Deletion confirmation package")


class PackageStatus(models.TextChoices):
    SENT = "SENT", _("Package exported, awaiting the recipient")
    REJECTED_BY_RECIPIENT = "REJECTED_BY_RECIPIENT", _("The recipient reported an error")
    RECALLED = "RECALLED", _("Recalled, awaiting deletion confirmation")
    RECALL_CONFIRMED = "RECALL_CONFIRMED", _("The recipient confirmed deletion")
    RECEIVED = "RECEIVED", _("Checked and entered in the incoming register")
    REJECTED = "REJECTED", _("Failed the checks; an error report package was made")
    ERASED = "ERASED", _("Deleted as the recall requested")
    ISSUED = "ISSUED", _("Package made")
    IMPORTED = "IMPORTED", _("Package imported")


class Package(models.Model):
    """One package made or imported here: a document sent or received, an error reply, a recall, a confirmation.

    ``content`` keeps the signed packages that carry no secret (an error reply, a recall, a confirmation) so the
    clerk can export them again; a document package is never kept (it is encrypted to its recipient).
    """

    class Direction(models.TextChoices):
        OUT = "OUT", _("Outgoing package")
        IN = "IN", _("Incoming package")

    package_id = models.CharField(_("package id"), max_length=36)
    direction = models.CharField(_("package direction"), max_length=3, choices=Direction.choices)
    kind = models.CharField(_("package kind"), max_length=12, choices=PackageKind.choices)
    status = models.CharField(_("package status"), max_length=24, choices=PackageStatus.choices)
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("owning agency"))
    peer = models.ForeignKey(
        Peer,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="packages",
        verbose_name=_("sending / receiving agency"),
    )
    carrier = models.ForeignKey(
        Carrier, models.PROTECT, null=True, blank=True, related_name="packages", verbose_name=_("carried state secret")
    )
    refers_to = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="replies", verbose_name=_("related package")
    )
    number = models.CharField(_("document number and symbol"), max_length=80, blank=True)
    reason = models.TextField(_("check result or reason"), max_length=TEXT_MAX, blank=True)
    checks = models.JSONField(_("check steps"), default=dict, blank=True)
    content = models.BinaryField(_("package (without secret content)"), null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("package time"))
    confirmed_at = models.DateTimeField(_("deletion confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("exchange package")
        verbose_name_plural = _("exchange package")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "direction", "package_id"], name="one_package_per_agency_direction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.package_id[:8]} – {self.peer or '?'}"
