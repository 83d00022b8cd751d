"""The catalogue's screens: requests to repeal a list or an item, and their decision."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bmnn.core import operations

from .selectors import repeal_request_get_for_user, repeal_requests_visible_to


@login_required
def repeal_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/repeal_requests.html", {"requests": repeal_requests_visible_to(request.user)})


@login_required
def repeal_request(request: HttpRequest, pk: int) -> HttpResponse:
    found = repeal_request_get_for_user(request.user, pk)
    return render(
        request,
        "catalog/repeal_request.html",
        {"req": found, "operations": operations.offered(request.user, "repeal-request", found)},
    )
