"""The organisation's screens: its tree of units and its people, as far as the person may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from rest_framework.authtoken.models import Token

from bmnn.core import operations

from .http import AuthenticatedRequest
from .selectors import (
    access_request_get_for_user,
    access_requests_visible_to,
    account_get_for_user,
    organisations_visible_to,
    people_visible_to,
)


@login_required
def organisations(request: AuthenticatedRequest) -> HttpResponse:
    orgs = list(organisations_visible_to(request.user))
    return render(request, "org/organisations.html", {"tree": _tree(orgs)})


def _tree(orgs: list[Any]) -> list[tuple[int, Any]]:
    """Return (depth, organisation) in tree order for an indented list."""
    ids = {o.pk for o in orgs}
    children: dict[Any, list[Any]] = {}
    for org in orgs:
        children.setdefault(org.parent_id if org.parent_id in ids else None, []).append(org)
    out: list[tuple[int, Any]] = []

    def walk(parent: Any, depth: int) -> None:
        for org in sorted(children.get(parent, []), key=lambda o: o.name):
            out.append((depth, org))
            walk(org.pk, depth + 1)

    walk(None, 0)
    return out


@login_required
def people(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "org/people.html",
        {"people": people_visible_to(request.user).order_by("organisation__name", "position", "last_name")},
    )


@login_required
def my_account(request: AuthenticatedRequest) -> HttpResponse:
    return redirect("org:account", request.user.pk)


@login_required
def account(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A person's own account: their API token, to issue or revoke."""
    person = account_get_for_user(request.user, pk)
    return render(
        request,
        "org/account.html",
        {
            "person": person,
            "token": Token.objects.filter(user=person).first(),
            "operations": operations.offered(request.user, "account", person),
        },
    )


@login_required
def access_requests(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "org/access_requests.html", {"requests": access_requests_visible_to(request.user)})


@login_required
def access_request(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = access_request_get_for_user(request.user, pk)
    return render(
        request,
        "org/access_request.html",
        {"req": found, "operations": operations.offered(request.user, "access-request", found)},
    )
