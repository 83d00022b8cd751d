"""Every change to the registry goes through one of these functions (one per operation)."""

from .assign import carrier_assign
from .handover import handover_confirm, handover_create
from .incoming import incoming_receive, incoming_sign_off
from .outgoing import outgoing_register

__all__ = [
    "carrier_assign",
    "handover_confirm",
    "handover_create",
    "incoming_receive",
    "incoming_sign_off",
    "outgoing_register",
]
