"""Errors raised by the renderers.

RenderError            base class of every renderer error; ``str()`` is a Vietnamese message for the user
  FontMissing          no Liberation Serif / Times New Roman TTF could be found for PDF output
"""


class RenderError(Exception):
    """A document could not be rendered; the message is Vietnamese and can be shown as is."""


class FontMissing(RenderError):
    """The serif font needed for PDF output is not installed (see bmnn.documents.fonts)."""
