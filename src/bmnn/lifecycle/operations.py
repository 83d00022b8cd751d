"""The lifecycle operations that interfaces offer: which form validates them, which service runs them.

Both the web views and the REST API read these tables, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from bmnn.core.roles import Operation

from . import forms as f
from .services.copying import copy_make, copy_request
from .services.protection import extension_apply, extension_request
from .services.takeout import takeout_checkout, takeout_request

# slug -> (title, form, service). The service receives actor, carrier and the form's data.
NEW_REQUESTS: dict[str, tuple[str, type[forms.Form], Callable[..., Any]]] = {
    "sao-chup": ("Đề nghị sao, chụp", f.CopyRequestForm, copy_request),
    "mang-ra": ("Đề nghị mang ra khỏi nơi lưu giữ", f.TakeoutRequestForm, takeout_request),
    "gia-han": ("Đề nghị gia hạn thời hạn bảo vệ", f.ExtensionRequestForm, extension_request),
}

# operation -> (form or None, service). The service receives actor, request and the form's data.
EXECUTE: dict[str, tuple[type[forms.Form] | None, Callable[..., Any], str]] = {
    Operation.COPY: (f.CopyMakeForm, copy_make, "Thực hiện sao, chụp"),
    Operation.TAKEOUT: (None, takeout_checkout, "Giao tài liệu mang ra"),
    Operation.TAKEOUT_ABROAD: (None, takeout_checkout, "Giao tài liệu mang ra"),
    Operation.EXTEND: (None, extension_apply, "Thực hiện gia hạn, đóng dấu gia hạn"),
}
