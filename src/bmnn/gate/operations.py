"""The gate's one operation: check a file before it is published on a portal (R29).

Its screen is the app's own (the verdict and the marks are shown once, in place, and never stored);
the endpoint and the command come from this declaration.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bmnn.core.operations import Operation, Subject

from . import selectors
from .forms import GateForm
from .services import GateOutcome, file_check


def present(outcome: GateOutcome) -> dict[str, Any]:
    check = outcome.check
    return {
        "id": check.pk,
        "sha256": check.sha256,
        "verdict": check.verdict,
        "level": check.level or None,
        "may_publish": check.may_publish,
        "marks": [mark.as_dict() for mark in outcome.marks],
        "error": outcome.error,
        "checked_at": check.checked_at,
    }


def _check(actor: Any, _subject: None, data: dict[str, Any]) -> GateOutcome:
    upload = data["file"]
    return file_check(actor=actor, name=upload.name, chunks=upload.chunks())


GATE_CHECK = Subject(
    "gate-check",
    selectors.check_get_for_user,
    page="gate:gate",
    api="gate/checks",
    web="kiem-tra-truoc-khi-dang",
    present=present,
)

OPERATIONS = [
    Operation(
        "gate-check",
        _("Check a file before publishing it"),
        form=GateForm,
        run=_check,
        returns=GATE_CHECK,
        api="gate/checks",
        screen=False,
        submit=_("Check the file"),
        done=lambda o: _("May be published.") if o.check.may_publish else _("Must not be published."),
    ),
]
