"""Kinds of organisation, positions and operations: shared by the org tree and the legal tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    PROVINCE = "PROVINCE", _("Province or city")
    POLICE = "POLICE", _("Provincial police")
    DEPARTMENT = "DEPARTMENT", _("Provincial department or agency")
    DIVISION = "DIVISION", _("Specialised office")
    DISTRICT_OFFICE = "DISTRICT_OFFICE", _("District specialised office")
    COMMUNE = "COMMUNE", _("Commune People's Committee")
    SCHOOL = "SCHOOL", _("School")
    OTHER = "OTHER", _("Other kind of unit")


class Position(models.TextChoices):
    HEAD = "HEAD", _("Head")
    DEPUTY_HEAD = "DEPUTY_HEAD", _("Deputy")
    DIVISION_HEAD = "DIVISION_HEAD", _("Head of office")
    CLERK = "CLERK", _("Clerk")
    STAFF = "STAFF", _("Specialist")


class Operation(models.TextChoices):
    """Operations that need a competent person's decision (authority table, delegations R13)."""

    CLASSIFY = "CLASSIFY", _("Determine the secrecy level and sign for issue")
    COPY = "COPY", _("Permit copying")
    TAKEOUT = "TAKEOUT", _("Permit taking out of storage (within the country)")
    TAKEOUT_ABROAD = "TAKEOUT_ABROAD", _("Permit taking abroad")
    PROVIDE = "PROVIDE", _("Provide to a Vietnamese agency, organisation or person")
    PROVIDE_FOREIGN = "PROVIDE_FOREIGN", _("Provide to a foreign party")
    EXTEND = "EXTEND", _("Extend the protection period")
    REGRADE = "REGRADE", _("Change the secrecy level")
    DECLASSIFY = "DECLASSIFY", _("Declassify")
    DESTROY = "DESTROY", _("Destroy")
