"""The screen of every declared operation: its form, its service through the declaration, its message.

GET shows the form (for a one-button operation: what is about to be done, and the button); POST
validates, runs ``Operation.execute`` and goes to the page of what was made or acted on. A refusal
lands on the form in Vietnamese and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from bmnn.core import operations
from bmnn.core.forms import call_service, errors_text
from bmnn.core.operations import Download, Operation


def _after(op: Operation, subject: Any, result: Any) -> HttpResponse:
    return redirect(op.result_page(subject, result) or "web:dashboard")


def screen(op: Operation) -> Callable[..., HttpResponse]:
    """The view of one operation. A link may prefill the form: ``?field=value`` on the GET."""

    @login_required
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        subject = op.find(request.user, pk)
        posted = request.method == "POST"
        if not posted and op.check is not None:
            op.check(request.user, subject)  # refused before anyone fills in a form they may not send
        form = op.make_form(
            request.user,
            subject,
            request.POST if posted else None,
            request.FILES if posted else None,
            initial=None if posted else request.GET.dict(),
        )
        if posted:
            # Who may not act is told so first, as on the API and the command line, not which fields are missing.
            check = op.check
            allowed = check is None or call_service(form, lambda: check(request.user, subject) or True)
            if allowed and form.is_valid():
                done, result = _run(op, request.user, subject, form)
                if isinstance(result, Download):
                    return result.response()
                if done:
                    messages.success(request, op.done_message(result))
                    return _after(op, subject, result)
            if not form.fields and subject is not None:  # a one-button operation: the refusal where the button was
                messages.error(request, errors_text(form))
                return _after(op, subject, None)
        status = getattr(form, "refusal_status", 400) if posted else 200
        response = render(
            request,
            "web/form.html",
            {
                "form": form,
                "op": op,
                "subject": subject,
                "title": f"{op.title}: {subject}" if subject else op.title,
                "submit": op.submit_label,
            },
            status=status,
        )
        if status == 503:
            response["Retry-After"] = "30"
        return response

    view.__name__ = view.__qualname__ = op.slug.replace("-", "_")
    return view


def _run(op: Operation, actor: Any, subject: Any, form: Any) -> tuple[bool, Any]:
    marker = object()
    result = call_service(form, lambda: op.execute(actor, subject, form.cleaned_data) or marker)
    if result is None:
        return False, None
    return True, None if result is marker else result


def urlpatterns() -> list[URLPattern]:
    """One route per declared operation, at its screen's path, named ``ops:<slug>``."""
    return [path(op.web_path, screen(op), name=op.slug) for op in operations.load().values() if op.screen]
