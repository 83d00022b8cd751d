"""Domain errors carry a Vietnamese message for the user and the legal rule they enforce."""

from __future__ import annotations


class DomainError(Exception):
    """An operation was refused; nothing was changed.

    ``message`` is shown to the user as is (Vietnamese); ``rule`` is the id in
    shared/domain/RULES.md that the refusal enforces, if any.
    """

    http_status = 400  # a screen that shows the refusal on its form answers with this status

    def __init__(self, message: str, *, rule: str | None = None, field: str | None = None) -> None:
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
        super().__init__("Không tìm thấy hồ sơ.")
