"""Every change to the registry goes through one of these functions (one per operation)."""

from .assign import carrier_assign
from .common import register_check
from .handover import handover_check, handover_confirm, handover_confirm_check, handover_create
from .incoming import (
    incoming_notify_sender,
    incoming_notify_sender_check,
    incoming_receive,
    incoming_sign_off,
    incoming_sign_off_check,
)
from .outgoing import outgoing_register

__all__ = [
    "carrier_assign",
    "handover_check",
    "handover_confirm",
    "handover_confirm_check",
    "handover_create",
    "incoming_notify_sender",
    "incoming_notify_sender_check",
    "incoming_receive",
    "incoming_sign_off",
    "incoming_sign_off_check",
    "outgoing_register",
    "register_check",
]
