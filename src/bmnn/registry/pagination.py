"""List pages for the API whose count stops at a cap instead of counting every visible row (issue 17)."""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .paging import COUNT_CAP, capped_count, page_rows


class CappedPaginator(Paginator):
    """``count`` is exact up to ``COUNT_CAP``; above it, ``capped`` is true and any page number may be asked for."""

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        return capped_count(cast(QuerySet[Any], self.object_list), COUNT_CAP)

    @cached_property
    def count(self) -> int:
        return self._counted[0]

    @property
    def capped(self) -> bool:
        return self._counted[1]

    def validate_number(self, number: Any) -> int:
        if not self.capped:
            return super().validate_number(number)
        number = super().validate_number(1) if number in (None, "") else number
        try:
            value = int(number)
        except (TypeError, ValueError):
            raise InvalidPage(_("Invalid page number.")) from None
        if value < 1:
            raise InvalidPage(_("Invalid page number."))
        return value

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = page_rows(cast(QuerySet[Any], self.object_list), bottom, bottom + self.per_page + 1)
        if number > 1 and not rows:
            raise InvalidPage(_("The page has no data."))
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)


class CappedPage(Page):
    """A page past the cap knows whether another follows from one extra row, not from a count."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class CappedPageNumberPagination(PageNumberPagination):
    """The usual ``count``/``next``/``previous``/``results``, plus ``count_capped`` (the count stopped at the cap)."""

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_capped": paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )
