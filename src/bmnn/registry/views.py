"""The registry's screens: the book of secrets, one record, what awaits my signature. Reads only.

The operations (register, hand over, sign for) have their screens made from their declarations
(registry.operations).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from bmnn.audit.vocabulary import label
from bmnn.core import operations, panels
from bmnn.org.http import AuthenticatedRequest

from . import selectors
from .forms import SearchForm


@login_required
def carrier_list(request: AuthenticatedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("unit")
    qs = selectors.carrier_search(
        request.user,
        q=filters.get("q") or "",
        level=filters.get("level") or "",
        status=filters.get("status") or "",
        direction=filters.get("direction") or "",
        unit=unit.pk if unit else None,
        year=filters.get("year"),
    )
    page = selectors.carrier_page(qs, request.GET)
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    return render(request, "registry/carrier_list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def carrier_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    events = [*selectors.copy_origin_events(carrier), *selectors.carrier_history(carrier)]
    context = {
        "carrier": carrier,
        "history": [(e, label(e.action)) for e in events],
        "handovers": carrier.handovers.select_related("from_person", "to_person", "to_unit", "confirmed_by"),
        "incidents": carrier.incidents.all(),
        "operations": operations.offered(request.user, "carrier", carrier),
        "is_original": carrier.original_id is None,
        "panels": panels.sections_for(request.user, carrier),
    }
    return render(request, "registry/carrier_detail.html", context)


@login_required
def awaiting(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "registry/awaiting.html", {"handovers": selectors.handovers_awaiting(request.user)})
