"""States and kinds of the programme: plans, tasks, progress, inspections, findings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft plan")
    ISSUED = "ISSUED", _("Plan issued")


class Role(models.TextChoices):
    LEAD = "LEAD", _("Lead unit")
    COORDINATOR = "COORDINATOR", _("Coordinating unit")


class Recurrence(models.TextChoices):
    NONE = "NONE", _("Once (by the deadline)")
    MONTHLY = "MONTHLY", _("Recurs monthly")
    QUARTERLY = "QUARTERLY", _("Recurs quarterly")
    YEARLY = "YEARLY", _("Recurs yearly")


class TaskStatus(models.TextChoices):
    PENDING = "PENDING", _("Not reported yet")
    IN_PROGRESS = "IN_PROGRESS", _("Task in progress")
    DONE = "DONE", _("Task done")
    RETURNED = "RETURNED", _("Report returned")


class EventKind(models.TextChoices):
    REPORT = "REPORT", _("Report progress")
    REMIND = "REMIND", _("Reminder to carry out")
    RETURN = "RETURN", _("Report sent back")


class InspectionStatus(models.TextChoices):
    OPEN = "OPEN", _("Inspection in progress")
    CONCLUDED = "CONCLUDED", _("Inspection concluded")


class Answer(models.TextChoices):
    MET = "MET", _("Requirement met")
    NOT_MET = "NOT_MET", _("Requirement not met")
    NOT_APPLICABLE = "NA", _("Requirement not applicable")


class FindingStatus(models.TextChoices):
    OPEN = "OPEN", _("Being remedied")
    CLOSED = "CLOSED", _("Remedied")
