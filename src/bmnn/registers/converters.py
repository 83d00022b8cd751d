"""The year in register URLs: four digits, so 0, 10000 or 99999999999 never reach a view (404).

Years of four digits outside the range a register can have are refused by the selectors, also a 404.
"""

from __future__ import annotations

from django.urls import register_converter


class RegisterYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


YEAR = "register_year"
register_converter(RegisterYearConverter, YEAR)
