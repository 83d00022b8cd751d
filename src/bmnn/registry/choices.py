"""Choices of the registry, with the Vietnamese labels users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CarrierKind(models.TextChoices):
    DOCUMENT = "DOCUMENT", _("Document (carrier kind)")
    OBJECT = "OBJECT", _("Object (carrier kind)")
    PLACE = "PLACE", _("Place (carrier kind)")
    ACTIVITY = "ACTIVITY", _("Activity (carrier kind)")
    SPEECH = "SPEECH", _("Speech (carrier kind)")


class Medium(models.TextChoices):
    PAPER = "PAPER", _("Paper medium")
    ELECTRONIC = "ELECTRONIC", _("Electronic medium")
    OTHER = "OTHER", _("Other medium")


class Direction(models.TextChoices):
    OUTGOING = "OUTGOING", _("Outgoing")
    INCOMING = "INCOMING", _("Incoming")


class Status(models.TextChoices):
    HELD = "HELD", _("Held on receipt (mismatch)")
    IN_STORAGE = "IN_STORAGE", _("In storage")
    IN_TRANSIT = "IN_TRANSIT", _("Being handed over, awaiting signature")
    OUT_OF_STORAGE = "OUT_OF_STORAGE", _("Taken out of storage")
    PROVIDED = "PROVIDED", _("Provided to an outside party")
    DECLASSIFIED = "DECLASSIFIED", _("Declassified")
    DESTROYED = "DESTROYED", _("Destroyed")


# A record still to be kept and protected (neither declassified nor destroyed): the deadline sweep's
# records (R7, R8) and the condition of their due-date index.
LIVE_STATUSES = (Status.IN_STORAGE, Status.OUT_OF_STORAGE, Status.IN_TRANSIT, Status.HELD, Status.PROVIDED)


class Urgency(models.TextChoices):
    NORMAL = "NORMAL", _("Normal urgency")
    KHAN = "KHAN", _("Urgent")
    THUONG_KHAN = "THUONG_KHAN", _("Very urgent")
    HOA_TOC = "HOA_TOC", _("Express")


class SeriesKind(models.TextChoices):
    OUTGOING = "OUTGOING", _("Outgoing state secret register")
    INCOMING = "INCOMING", _("Incoming state secret register")
    DELIVERY = "DELIVERY", _("State secret delivery register")
    COPY = "COPY", _("State secret copy register")


class HandoverStatus(models.TextChoices):
    PENDING = "PENDING", _("Awaiting signature of receipt")
    CONFIRMED = "CONFIRMED", _("Receipt signed")


class IncidentKind(models.TextChoices):
    RECEIPT_MISMATCH = "RECEIPT_MISMATCH", _("Quantity or packaging mismatch on receipt")
    DISCLOSURE = "DISCLOSURE", _("Disclosure of a state secret")
    LOSS = "LOSS", _("Loss of a state secret")
    DISCLOSURE_AND_LOSS = "DISCLOSURE_AND_LOSS", _("Disclosure and loss of a state secret")


class CopyForm(models.TextChoices):
    TRUE_COPY = "TRUE_COPY", _("True copy")
    REISSUE = "REISSUE", _("Reissued copy")
    EXTRACT = "EXTRACT", _("Extract copy")
    PHOTO = "PHOTO", _("Photograph copy")
    DIGITISE = "DIGITISE", _("Digitised copy")
