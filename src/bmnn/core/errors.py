"""Domain errors carry a Vietnamese message for the user and the legal rule they enforce."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """An operation was refused; nothing was changed.

    ``message`` is shown to the user as is: an English message id through gettext, read in Vietnamese from
    the app's ``locale/vi`` catalogue; ``rule`` is the id in shared/domain/RULES.md that the refusal
    enforces, if any.
    """

    http_status = 400  # a screen that shows the refusal on its form answers with this status

    def __init__(self, message: str | Promise, *, rule: str | None = None, field: str | None = None) -> None:
        message = str(message)  # a lazy message is read now, in the language of the request
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.field = field

    def __str__(self) -> str:
        """What a person reads (web, command line): the sentence alone; the rule id is for the API and logs."""
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, rule={self.rule!r})"


class PermissionDenied(DomainError):
    """The actor may not perform this operation."""


class NotFound(DomainError):
    """The object does not exist or the actor may not see it (S2: both answer alike)."""

    def __init__(self) -> None:
        super().__init__(_("Record not found."))
