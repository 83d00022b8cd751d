"""Pages of the registry list without OFFSET walks over the table or counts of everything (issue 17).

The plain list is paged by keyset: the link to the next page carries the position of the last row
(its ``created_at`` and id, the list order, which the ``carrier_list_order`` index matches), so page
200 costs what page 1 costs. A page number alone (an old bookmark, ``?page=200``) still works by offset.
Ranked search results are paged by offset: their order is not a keyset.

Counts stop at ``COUNT_CAP``: above it the screen says "more than 1,000" (an order of magnitude is all
a person reads from such a number; the filters narrow it), and no request counts a million rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

PER_PAGE = 25
COUNT_CAP = 1_000
ORDER = ("-created_at", "-pk")
MERGE_MAX_ROWS = 1_000
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def with_branches(queryset: QuerySet[Any], branches: list[Q]) -> QuerySet[Any]:
    """Note on ``queryset`` the visibility branches it is the union of (S2), for ``page_rows``.

    The note does not survive a further ``filter`` (a clone): such a queryset is simply sliced.
    """
    queryset.visibility_branches = branches  # type: ignore[attr-defined]
    return queryset


def with_rank(queryset: QuerySet[Any], first: Q) -> QuerySet[Any]:
    """Note on ``queryset`` (ordered: ``first`` before the rest, each in the list order) its ``first`` rows.

    ``page_rows`` then pages the two sets apart, each in the list order (indexed), instead of ordering every
    match by the rank. Like the branches, the note does not survive a further ``filter``.
    """
    queryset.ranked_first = first  # type: ignore[attr-defined]
    return queryset


def page_rows(queryset: QuerySet[Any], start: int, stop: int) -> list[Any]:
    """Rows ``start:stop`` of ``queryset`` in its order.

    On PostgreSQL, when the queryset carries its visibility branches, each branch gives its first
    ``stop`` ids in the same order (each on its own index, stopping early) and the page is taken from
    their union: an OR of a large agency and a few personal records would otherwise walk the list-order
    index row by row, or sort every visible row. The result is the same rows, since the queryset is
    the union of its branches. Deep offsets (an old ``?page=200`` link) are sliced directly: there each
    branch would sort thousands of rows for one page, while the list-order index reaches them sooner.

    A ranked queryset (``with_rank``: the words typed together first, then the newest) is merged the
    same way, each branch asked for its first ``stop`` ranked-first rows and, apart, its first ``stop``
    others, both in the list order; the others are only read when the ranked-first rows of all branches
    together do not fill ``stop``. Ordering every match by the rank would read them all.
    """
    branches = getattr(queryset, "visibility_branches", None)
    if (
        not branches
        or len(branches) < 2
        or stop > MERGE_MAX_ROWS
        or not connections[queryset.db].features.supports_slicing_ordering_in_compound
    ):
        return list(queryset[start:stop])
    first = getattr(queryset, "ranked_first", None)
    ids: Any = _first_ids(queryset, branches, stop) if first is None else _ranked_ids(queryset, branches, first, stop)
    return list(queryset.filter(pk__in=ids)[start:stop])


def _first_ids(queryset: QuerySet[Any], branches: list[Q], stop: int) -> QuerySet[Any]:
    """The first ``stop`` ids of each branch of ``queryset`` in its order, UNION ALL (duplicates possible)."""
    parts = [queryset.filter(branch).values_list("pk", flat=True)[:stop] for branch in branches]
    return parts[0].union(*parts[1:], all=True)


def _ranked_ids(queryset: QuerySet[Any], branches: list[Q], first: Q, stop: int) -> Any:
    """Ids among which are the first ``stop`` rows of ``queryset`` ranked ``first`` first, then in the list order.

    The first ``stop`` ranked-first rows of each branch, and the first ``stop`` others of each branch, read
    (on PostgreSQL) only when fewer than ``stop`` distinct ranked-first rows were found: then every one of
    them was, and the page continues with the others.
    """
    listed = queryset.order_by(*ORDER)
    ranked, others = _first_ids(listed.filter(first), branches, stop), _first_ids(listed.exclude(first), branches, stop)
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return ranked.union(others, all=True)
    ranked_sql, ranked_params = ranked.query.get_compiler(connection=connection).as_sql()
    others_sql, others_params = others.query.get_compiler(connection=connection).as_sql()
    # Both parts are the ORM's own SQL with their parameters kept apart; the gate reads the others (a
    # one-time filter) only when the ranked-first ids of all branches are fewer than ``stop`` distinct ones.
    gated = (
        f"WITH ranked AS MATERIALIZED ({ranked_sql}) SELECT * FROM ranked UNION ALL SELECT * FROM ({others_sql}) "  # noqa: S608
        "AS others WHERE (SELECT count(*) FROM (SELECT DISTINCT * FROM ranked) AS found) < %s"
    )
    return RawSQL(gated, (*ranked_params, *others_params, stop))  # noqa: S611


def capped_count(queryset: QuerySet[Any], cap: int | None = None) -> tuple[int, bool]:
    """Count up to ``cap`` rows (``COUNT_CAP`` by default); return (count, whether there are more)."""
    cap = COUNT_CAP if cap is None else cap
    n = queryset.order_by().values("pk")[: cap + 1].count()
    return min(n, cap), n > cap


def count_label(count: int, capped: bool) -> str:
    shown = f"{count:,}".replace(",", ".")
    if capped:
        return _("More than {count} results").format(count=shown)
    return _("{count} results").format(count=shown)


@dataclass
class Page:
    """One page of rows, with what the pager needs; the template builds its links from the params."""

    object_list: list[Any]
    number: int
    count: int
    count_capped: bool
    next_params: str = ""
    previous_params: str = ""
    per_page: int = PER_PAGE

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return bool(self.next_params)

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_params)

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def num_pages(self) -> int | None:
        """The number of pages, or None when the count stopped at the cap."""
        return None if self.count_capped else max(1, math.ceil(self.count / self.per_page))

    @property
    def count_label(self) -> str:
        return count_label(self.count, self.count_capped)


def encode_cursor(row: Any) -> str:
    delta = row.created_at - EPOCH
    micro = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micro}.{row.pk}"


def decode_cursor(text: str | None) -> tuple[dt.datetime, int] | None:
    """Return (created_at, pk) from a cursor, or None for a missing or malformed one (then: the first page)."""
    try:
        micro, pk = (int(part) for part in (text or "").split("."))
        return EPOCH + dt.timedelta(microseconds=micro), pk
    except (TypeError, ValueError, OverflowError):
        return None


def _number(value: Any, default: int = 1) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


def keyset_page(queryset: QuerySet[Any], params: Mapping[str, Any], per_page: int = PER_PAGE) -> Page:
    """The page of ``queryset`` (in the list order) that ``params`` asks for: after=, before= or page=."""
    queryset = _keep(queryset, queryset.order_by(*ORDER))
    count, capped = capped_count(queryset)
    after, before = decode_cursor(params.get("after")), decode_cursor(params.get("before"))
    if after is not None:
        at, pk = after
        number = _number(params.get("page"), 2)
        rows = page_rows(
            _keep(queryset, queryset.filter(Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk))), 0, per_page + 1
        )
        has_next, has_previous = len(rows) > per_page, True
        rows = rows[:per_page]
    elif before is not None:
        at, pk = before
        number = _number(params.get("page"), 1)
        rows = page_rows(
            _keep(
                queryset,
                queryset.filter(Q(created_at__gt=at) | Q(created_at=at, pk__gt=pk)).order_by("created_at", "pk"),
            ),
            0,
            per_page + 1,
        )
        has_previous = len(rows) > per_page and number > 1
        rows = rows[:per_page][::-1]
        has_next = True
        if not has_previous:
            number = 1
    else:  # the first page, or a bare page number: by offset once, then keyset from there on
        page = offset_page(queryset, params, per_page, counted=(count, capped))
        if page.has_next:
            page.next_params = urlencode({"after": encode_cursor(page.object_list[-1]), "page": page.number + 1})
        return page
    return Page(
        rows,
        number,
        count,
        capped,
        next_params=urlencode({"after": encode_cursor(rows[-1]), "page": number + 1}) if has_next and rows else "",
        previous_params=_previous(rows, number) if has_previous and rows else "",
        per_page=per_page,
    )


def _keep(source: QuerySet[Any], derived: QuerySet[Any]) -> QuerySet[Any]:
    """Carry the visibility branches of ``source`` over to ``derived`` (a narrower clone of it)."""
    branches = getattr(source, "visibility_branches", None)
    return with_branches(derived, branches) if branches else derived


def _previous(rows: list[Any], number: int) -> str:
    if number <= 2:
        return urlencode({"page": 1})
    return urlencode({"before": encode_cursor(rows[0]), "page": number - 1})


def offset_page(
    queryset: QuerySet[Any],
    params: Mapping[str, Any],
    per_page: int = PER_PAGE,
    counted: tuple[int, bool] | None = None,
) -> Page:
    """Page ``number`` by offset (ranked search, or a bare page number): the next link keeps the offset."""
    count, capped = counted if counted is not None else capped_count(queryset)
    number = _number(params.get("page"))
    start = (number - 1) * per_page
    rows = page_rows(queryset, start, start + per_page + 1)
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    return Page(
        rows,
        number,
        count,
        capped,
        next_params=urlencode({"page": number + 1}) if has_next else "",
        previous_params=urlencode({"page": number - 1}) if number > 1 else "",
        per_page=per_page,
    )
