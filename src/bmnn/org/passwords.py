"""Password policy: long enough, and not made from the person's own names (AUTH_PASSWORD_VALIDATORS).

Django's own validators cover common and all-digit passwords; these two add what they miss, with
Vietnamese messages: "vanthu2026" or "Lan12345" is refused for the clerk ``vanthu`` called Lan, even
when padded to the minimum length, because only the padding is new.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bmnn.core.text import fold

_LETTERS = re.compile(r"[a-z]+")
SHORTEST_NAME_PART = 3  # shorter parts ("Lê", "Hà") occur by chance inside any password


class MinimumLengthValidator:
    """Refuse a password shorter than ``min_length`` characters."""

    def __init__(self, min_length: int = 12) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                _("The password is too short: it needs at least {count} characters.").format(count=self.min_length),
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return _("The password must have at least {count} characters.").format(count=self.min_length)


def name_parts(user: Any) -> set[str]:
    """The folded words of the user's login and names that a guesser would try first."""
    text = " ".join(str(getattr(user, field, "") or "") for field in ("username", "first_name", "last_name"))
    email = str(getattr(user, "email", "") or "").split("@")[0]
    words = _LETTERS.findall(fold(f"{text} {email}"))
    joined = "".join(_LETTERS.findall(fold(str(getattr(user, "username", "") or ""))))
    return {w for w in [*words, joined] if len(w) >= SHORTEST_NAME_PART}


class NotDerivedFromNameValidator:
    """Refuse a password that contains the user's login or one of their names, ignoring case and diacritics."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        letters = "".join(_LETTERS.findall(fold(password)))
        if any(part in letters for part in name_parts(user)):
            raise ValidationError(
                _("The password may not contain the user's username or names."), code="password_from_name"
            )

    def get_help_text(self) -> str:
        return _("The password may not contain your username or names.")
