"""Through which channel the current operation came: the web screens, the API, the command line, or the system.

The entry points say it once (the web middleware per request, the ``bmnn`` console script and every command that
acts as a person, the system jobs); the audit log reads it for each event it writes (S5), so no service has to
pass it along. A context variable, so each request, thread or task keeps its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web interface")
    API = "api", _("API")
    COMMAND = "command", _("Command line")
    SYSTEM = "system", _("System channel")


_current: ContextVar[str] = ContextVar("bmnn_channel", default="")


def current() -> str:
    """The channel of the operation under way; "" where no entry point said (a test calling a service)."""
    return _current.get()


def enter(channel: Channel) -> None:
    """Set the channel for the rest of this context (the console script: the whole process)."""
    _current.set(channel.value)


@contextmanager
def using(channel: Channel) -> Iterator[None]:
    """Run the block under ``channel``; the previous channel is back afterwards."""
    token = _current.set(channel.value)
    try:
        yield
    finally:
        _current.reset(token)


__all__ = ["Channel", "current", "enter", "using"]
