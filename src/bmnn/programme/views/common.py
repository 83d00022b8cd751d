"""What the programme's pages offer: the declared operations whose check passes for this person here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bmnn.core import operations


def offered(person: Any, kind: str, subject: Any, *, inline: Iterable[str] = ()) -> dict[str, Any]:
    """The page's context for what ``person`` may start on ``subject`` now (``operations.offered``).

    The operations named in ``inline`` come with their blank form, shown on the page
    (``programme/_op_forms.html``); the others are links or buttons (``web/_operations.html``).
    """
    inline = set(inline)
    ops = operations.offered(person, kind, subject)
    return {
        "operations": [op for op in ops if op.slug not in inline],
        "op_forms": [(op, op.make_form(person, subject)) for op in ops if op.slug in inline],
    }


def allowed(person: Any, slug: str, subject: Any = None) -> bool:
    """Whether the declared operation ``slug`` lets this person start it on ``subject`` now."""
    op = operations.get(slug)
    return op is not None and op.allowed(person, subject)
