"""`verify --deep`: every tracked row must still be in the state its last event recorded (S5).

Events written before state hashes existed carry none. Rather than trusting such rows silently, the
deep check names them ("no recorded state") and `bmnn audit baseline` writes, once, one audited
``audit.state.baselined`` event per such row, recording its state as found. The baseline never
touches a row whose state differs from a recorded one: that is exactly what the deep check reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .chain import record
from .state import current_states, split_key, tracked, tracked_models
from .verify import States

NO_STATE = "chưa có sự kiện nào ghi trạng thái (cần lập trạng thái gốc: bmnn audit baseline)"
BASELINE_ACTION = "audit.state.baselined"


@dataclass(frozen=True)
class Mismatch:
    """A tracked row whose current state is not the one the log holds for it."""

    key: str
    name: str
    problem: str

    def __str__(self) -> str:
        return f"{self.name}: {self.problem}"


def _name(key: str) -> str:
    label, pk = split_key(key)
    model = tracked(label)
    return f"{model.name if model else label} #{pk}"


@dataclass(frozen=True)
class DeepResult:
    checked: int
    mismatches: list[Mismatch]


def deep_check(states: States) -> DeepResult:
    """Recompute every tracked row's state and compare with the last event that recorded it (S5)."""
    remaining = dict(states)
    found: list[Mismatch] = []
    checked = 0
    for model in tracked_models():
        for key, digest in current_states(model):
            checked += 1
            last = remaining.pop(key, None)
            if last is None:
                found.append(Mismatch(key, _name(key), NO_STATE))
            elif last[1] != digest:
                found.append(
                    Mismatch(key, _name(key), f"đã bị sửa ngoài ứng dụng: khác trạng thái ghi ở sự kiện #{last[0]}")
                )
    for key, (seq, _) in sorted(remaining.items(), key=lambda item: item[1][0]):
        if tracked(split_key(key)[0]) is not None:
            found.append(Mismatch(key, _name(key), f"đã bị xóa ngoài ứng dụng (trạng thái ghi ở sự kiện #{seq})"))
    return DeepResult(checked, found)


def baseline(states: States, batch: int = 500) -> int:
    """Write one audited baseline event per tracked row that no event has recorded yet; return how many."""
    written = 0
    for model in tracked_models():
        missing = [split_key(key)[1] for key, _ in current_states(model) if key not in states]
        for start in range(0, len(missing), batch):
            with transaction.atomic():
                rows = model.model._default_manager.filter(pk__in=missing[start : start + batch]).order_by("pk")
                for row in rows:
                    record(None, BASELINE_ACTION, row, basis="S5")
                    written += 1
    return written
