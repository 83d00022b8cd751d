"""The organisation's screens: its tree of units and its people, as far as the person may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import organisations_visible_to, people_visible_to


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
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
def people(request: HttpRequest) -> HttpResponse:
    return render(request, "org/people.html", {"people": people_visible_to(request.user)
                                                .order_by("organisation__name", "position", "last_name")})
