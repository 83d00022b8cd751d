"""Logins, failed logins, logouts and the use of API tokens are audit events, on every channel (S5).

Each is written from the signal that says it happened, inside its own transaction, with the channel the entry
point set (web, API, command line):

- a login (``user_logged_in``: the login page, the admin, the ``bmnn`` command after a password);
- a failed login (``user_login_failed``: a wrong password on any channel, a wrong API token). Attempts that
  axes refuses because the account or address is already locked are not written one by one: the lockout event
  (``org.login.locked_out``, access.record_lockout) stands for them, so guessing cannot flood the log and each
  failure is written once (axes counts it; this only writes it down). A name that is no account is not kept
  (it may be a password typed in the wrong box) and the event points to no person;
- a logout (``user_logged_out``);
- the use of an API token, and a password sent with every API request (HTTP Basic): these come with every
  request, so only the first use per token (per account for Basic) per day per channel is written; the token
  is named by a fingerprint, never by its key.
"""

from __future__ import annotations

import hashlib
from typing import Any

from axes.helpers import get_failure_limit
from django.db import transaction
from django.http import HttpRequest

from bmnn.audit.chain import record, record_once
from bmnn.core import channel, clock

from .models import Person

LOGGED_IN = "org.login.succeeded"
FAILED = "org.login.failed"
LOGGED_OUT = "org.login.logged_out"
TOKEN_USED = "org.token.used"  # noqa: S105 - an audit action, not a secret
BASIC_USED = "org.login.basic_used"

# Authentication, not operations: a refused operation leaves the log as it was apart from these.
SIGN_IN_ACTIONS = frozenset({LOGGED_IN, FAILED, LOGGED_OUT, TOKEN_USED, BASIC_USED})

_seen: set[tuple[str, ...]] = set()  # (kind, who, day, channel) written by this process: skips the lookup


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", "") or request.META.get("REMOTE_ADDR", ""))


def record_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if not isinstance(user, Person):
        return
    with transaction.atomic():
        record(user, LOGGED_IN, user, data={"ip_address": _address(request)})


def record_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if not isinstance(user, Person):  # a logout without a session to end
        return
    with transaction.atomic():
        record(user, LOGGED_OUT, user, data={"ip_address": _address(request)})


def record_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    failures = getattr(request, "axes_failures_since_start", None)  # counted by axes' receiver, which runs first
    if failures is not None and failures > get_failure_limit(request, credentials):
        return  # refused unchecked while locked: the lockout event stands for these
    username = str(credentials.get("username") or "")
    person = Person.objects.filter(username=username).first() if username else None
    by = "token" if "token" in credentials or not username else "password"
    data = {"ip_address": _address(request), "by": by, "username": person.username if person is not None else ""}
    with transaction.atomic():
        record(None, FAILED, person, data=data)


def fingerprint(key: str) -> str:
    """A short name for a token that does not reveal it."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def record_token_use(person: Person, key: str) -> None:
    """The first use of this token today on this channel is an event; later uses are not (one per request)."""
    _once(person, TOKEN_USED, {"token": fingerprint(key)})


def record_command_token(sender: Any, user: Person, key: str, **kwargs: Any) -> None:
    """The ``bmnn`` command proved a person by their token (bmnn.core.signals)."""
    record_token_use(user, key)


def record_basic_use(person: Person) -> None:
    """The first API request today authenticated by this person's password (HTTP Basic) is an event."""
    _once(person, BASIC_USED, {})


def _once(person: Person, action: str, data: dict[str, Any]) -> None:
    day = clock.today().isoformat()
    memo = (action, str(person.pk), *data.values(), day, channel.current())
    if memo in _seen:
        return
    with transaction.atomic():
        record_once(person, action, person, data={**data, "day": day})
        transaction.on_commit(lambda: _remember(memo))  # not if an enclosing transaction is rolled back


def _remember(memo: tuple[str, ...]) -> None:
    if len(_seen) > 10_000:
        _seen.clear()
    _seen.add(memo)


__all__ = [
    "SIGN_IN_ACTIONS",
    "fingerprint",
    "record_basic_use",
    "record_command_token",
    "record_failure",
    "record_login",
    "record_logout",
    "record_token_use",
]
