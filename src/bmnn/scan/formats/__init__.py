"""Text extractors, one module per family of formats.

Each extractor turns the bytes of a file into :class:`~bmnn.scan.model.Block` values, one per
paragraph, cell, text box or line, in reading order. Nothing is written to disk.
"""
