"""Periodic reports' operations (R41, R42, P5): build, refresh, write, sign and send, export and import packages.

Each is declared once; its screen, REST endpoint, command and offer on the report's page come from here.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core.errors import DomainError
from bmnn.core.operations import Download, Operation, Subject

from . import api, selectors, services, summary
from . import forms as f
from .models import PeriodicReport
from .policies import agency_of
from .printing import file_stem, summary_file
from .serializers import ImportedSerializer, ReportSerializer

REPORT = Subject(
    "report",
    selectors.report_get_for_user,
    page="reports:detail",
    api="reports",
    web="bao-cao",
    present=lambda r: ReportSerializer(r).data,
)
TRUSTED_KEY = Subject(
    "trusted-key",
    selectors.trusted_key_get_for_user,
    page="admin:reports_trustedkey_change",
    api="trusted-keys",
    web="khoa-tin-cay",
    present=lambda k: {
        "id": k.pk,
        "organisation": str(k.organisation),
        "public_key": k.public_key,
        "label": k.label,
        "revoked_at": k.revoked_at,
    },
)
IMPORTED = Subject(
    "imported-report",
    selectors.imported_get_for_user,
    page="reports:imported",
    api="reports/packages",
    web="bao-cao/da-nhan",
    present=lambda r: ImportedSerializer(r).data,
)
SUMMARY = Subject(
    "summary-report",
    selectors.summary_get_for_user,
    page="reports:summary",
    api="summary-reports",
    web="bao-cao-tong-ket",
    present=lambda r: {
        "id": r.pk,
        "organisation": str(r.organisation),
        "first_year": r.first_year,
        "last_year": r.last_year,
        "window_start": r.window_start,
        "window_end": r.window_end,
        "due": r.due,
        "status": r.status,
        "assessment": r.assessment,
        "proposals": r.proposals,
        "figures": r.figures,
        "submitted_by": str(r.submitted_by or ""),
        "submitted_at": r.submitted_at,
    },
)


def _agency(actor: Any) -> Any:
    agency = agency_of(actor)
    if agency is None:
        raise DomainError(_("The account does not belong to any unit yet."), rule="R41")
    return agency


def _package(actor: Any, report: PeriodicReport, _data: dict[str, Any]) -> Download:
    return Download(services.package_export(actor=actor, report=report), file_stem(report) + ".zip", "application/zip")


OPERATIONS = [
    Operation(
        "report-build",
        gettext_lazy("Draw up the report on state secret protection work"),
        form=f.BuildForm,
        returns=REPORT,
        api="reports",
        web="bao-cao/lap",
        submit=gettext_lazy("Draw up the draft"),
        api_list=api.reports,
        check=lambda actor, _s: services.report_build_check(actor, agency_of(actor)),
        run=lambda actor, _s, data: services.report_build(actor=actor, unit=_agency(actor), year=data["year"]),
        done=lambda r: _("The draft {year} report has been drawn up from the data so far.").format(year=r.year),
    ),
    Operation(
        "report-refresh",
        gettext_lazy("Recompute the figures"),
        subject=REPORT,
        web="tinh-lai",
        api="refresh",
        check=lambda actor, r: services.report_build_check(actor, r.organisation, r),
        run=lambda actor, r, _d: services.report_build(actor=actor, unit=r.organisation, year=r.year),
        done=gettext_lazy("The figures have been recomputed from the current data."),
    ),
    Operation(
        "report-edit",
        gettext_lazy("Report content"),
        form=f.TextForm,
        subject=REPORT,
        web="noi-dung",
        api="text",
        check=services.report_edit_check,
        submit=gettext_lazy("Save the content"),
        run=lambda actor, r, data: services.report_edit(actor=actor, report=r, **data),
        done=gettext_lazy("The report content has been saved."),
    ),
    Operation(
        "report-submit",
        gettext_lazy("Sign and send the report to the superior agency"),
        subject=REPORT,
        web="ky-gui",
        api="submit",
        check=services.report_submit_check,
        submit=gettext_lazy("Sign and send"),
        run=lambda actor, r, _d: services.report_submit(actor=actor, report=r),
        done=gettext_lazy(
            "The report has been signed and sent to the superior agency; its figures are frozen and its content "
            "is locked."
        ),
    ),
    Operation(
        "report-package",
        gettext_lazy("Export the signed report package"),
        subject=REPORT,
        web="goi-ky-so",
        api="package",
        check=services.package_export_check,
        submit=gettext_lazy("Download the signed package"),
        run=_package,
        done=gettext_lazy("The signed package has been exported."),
    ),
    Operation(
        "report-import",
        gettext_lazy("Import a signed report package from a subordinate unit"),
        form=f.ImportForm,
        returns=IMPORTED,
        web="bao-cao/nhap-goi",
        api="reports/packages",
        submit=gettext_lazy("Verify the signature and import"),
        check=lambda actor, _s: services.package_import_check(actor, agency_of(actor)),
        run=lambda actor, _s, data: services.package_import(
            actor=actor, recipient=_agency(actor), blob=data["package"].read()
        ),
        done=lambda i: _("The digital signature has been verified and the {year} report of {name} imported.").format(
            year=i.year, name=i.organisation.name
        ),
    ),
    Operation(
        "trusted-key-register",
        gettext_lazy("Register a unit's public key"),
        form=f.TrustedKeyForm,
        returns=TRUSTED_KEY,
        web="khoa-tin-cay/dang-ky",
        api="trusted-keys",
        check=services.trusted_key_check,
        submit=gettext_lazy("Register the key"),
        run=lambda actor, _s, data: services.trusted_key_register(actor=actor, **data),
        done=lambda k: _("The public key of {unit} has been registered.").format(unit=k.organisation),
    ),
    Operation(
        "trusted-key-revoke",
        gettext_lazy("Revoke a public key"),
        subject=TRUSTED_KEY,
        web="thu-hoi",
        api="revoke",
        check=services.trusted_key_revoke_check,
        submit=gettext_lazy("Revoke"),
        run=lambda actor, key, _d: services.trusted_key_revoke(actor=actor, key=key),
        done=gettext_lazy("The key has been revoked; packages signed with it will be refused."),
    ),
    # R41: the five-year summary, from the same roll-up year by year.
    Operation(
        "summary-build",
        gettext_lazy("Draw up the 5-year summary report on state secret protection work"),
        form=f.SummaryBuildForm,
        returns=SUMMARY,
        web="bao-cao-tong-ket/lap",
        api="summary-reports",
        submit=gettext_lazy("Draw up the draft"),
        check=lambda actor, _s: summary.summary_build_check(actor, agency_of(actor)),
        run=lambda actor, _s, data: summary.summary_build(actor=actor, unit=_agency(actor), **data),
        done=lambda r: _("The draft summary report for {first_year}–{last_year} has been drawn up.").format(
            first_year=r.first_year, last_year=r.last_year
        ),
    ),
    Operation(
        "summary-refresh",
        gettext_lazy("Recompute the summary report figures"),
        subject=SUMMARY,
        web="tinh-lai",
        api="refresh",
        check=lambda actor, r: summary.summary_build_check(actor, r.organisation, r),
        run=lambda actor, r, _d: summary.summary_build(actor=actor, unit=r.organisation, last_year=r.last_year),
        done=gettext_lazy("The figures have been recomputed from the current data."),
    ),
    Operation(
        "summary-edit",
        gettext_lazy("Summary report content"),
        form=f.SummaryTextForm,
        subject=SUMMARY,
        web="noi-dung",
        api="text",
        check=summary.summary_edit_check,
        submit=gettext_lazy("Save the content"),
        run=lambda actor, r, data: summary.summary_edit(actor=actor, report=r, **data),
        done=gettext_lazy("The summary report content has been saved."),
    ),
    Operation(
        "summary-submit",
        gettext_lazy("Sign and send the summary report to the superior agency"),
        subject=SUMMARY,
        web="ky-gui",
        api="submit",
        check=summary.summary_submit_check,
        submit=gettext_lazy("Sign and send"),
        run=lambda actor, r, _d: summary.summary_submit(actor=actor, report=r),
        done=gettext_lazy(
            "The summary report has been signed and sent; its figures are frozen and its content is locked."
        ),
    ),
    Operation(
        "summary-print",
        gettext_lazy("Print the summary report"),
        form=f.PrintForm,
        subject=SUMMARY,
        web="in",
        api="print",
        submit=gettext_lazy("Download the print"),
        done=gettext_lazy("The print has been created."),
        run=lambda _actor, r, data: Download(*summary_file(r, data.get("fmt") or "pdf")),
    ),
]
