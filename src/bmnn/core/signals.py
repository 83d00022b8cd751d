"""Signals the core sends for apps above it to act on (the core imports none of them)."""

from django.dispatch import Signal

# A person proved who they are with their API token outside the API (the ``bmnn`` command): ``user``, ``key``.
# The organisation records it like a use of the token on the API (org.signins).
token_authenticated = Signal()
