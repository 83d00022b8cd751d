"""The registers' operation: close the open volume of a book at its last number (R20).

Printing registers and forms are audited reads (``downloads``), not operations.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bmnn.core.operations import Operation, Subject

from . import services
from .downloads import SLUG_KIND
from .forms import VolumeCloseForm
from .models import RegisterVolume
from .selectors import volumes


def _volume(person: Any, pk: int) -> RegisterVolume:
    from bmnn.core.errors import NotFound

    volume = RegisterVolume.objects.filter(pk=pk, agency=person.agency()).first()
    if volume is None:
        raise NotFound()
    return volume


VOLUME = Subject(
    "register-volume",
    _volume,
    page="registers:index",
    api="registers/volumes",
    web="so-sach/quyen",
    present=lambda v: {"volume": v.number, "first_number": v.first_number, "last_number": v.last_number},
    url=lambda v: reverse("registers:index") + f"?nam={v.year}",
)


def _close(actor: Any, _subject: None, data: dict[str, Any]) -> RegisterVolume:
    return services.volume_close(actor=actor, agency=actor.agency(), kind=SLUG_KIND[data["kind"]], year=data["year"])


def _preview(actor: Any, _subject: None, data: dict[str, Any]) -> str:
    current = volumes(actor.agency(), SLUG_KIND[data["kind"]], data["year"])[-1]
    return f"sẽ khóa quyển số {current.number} từ số {current.first_number} đến số {current.last_number or '—'}"


OPERATIONS = [
    Operation(
        "volume-close",
        _("Close the open register volume"),
        form=VolumeCloseForm,
        returns=VOLUME,
        run=_close,
        preview=_preview,
        check=lambda actor, _s: services.volume_close_check(actor, actor.agency()),
        web="so-sach/khoa-quyen",
        api="registers/volumes",
        submit=_("Close the open volume"),
        done=lambda v: _(
            "Volume {volume} has been closed (numbers {first} to {last}). The next number opens a new volume."
        ).format(volume=v.number, first=f"{v.first_number:02d}", last=f"{v.last_number:02d}"),
    ),
]
