"""The largest inputs any surface accepts: texts, counts and years.

Model fields carry these as ``max_length`` and validators, so forms and serializers built from them inherit
the limits; explicit form and serializer fields name them. Beyond a limit the answer is a Vietnamese
validation error (400), on SQLite as on PostgreSQL, and nothing is stored.
"""

from __future__ import annotations

ABSTRACT_MAX = 2_000      # trích yếu: one paragraph in every register and form that prints it
TEXT_MAX = 10_000         # any multi-line text: reasons, minutes, report sections, notes, recipients
SEARCH_MAX = 200          # a search box
COUNT_MAX = 9_999         # copies, envelopes, items counted on receipt, volumes
NUMBER_MAX = 999_999      # document and plan numbers typed by hand

# Register years: nothing older than the state's first records, nothing beyond next year.
FIRST_YEAR = 1945
