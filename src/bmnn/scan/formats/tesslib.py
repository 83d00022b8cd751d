"""Tesseract's own library in this process, for the small red crops of stamps.

Starting the ``tesseract`` program costs about a tenth of a CPU second before it reads anything
(it loads the Vietnamese model each time), while reading one cropped stamp takes a few
milliseconds. The library loaded once per process, when the first crop comes, reads the crops
for the cost of reading them. Whole pages still go to the program: they are the
slow reads, where its start costs little, and a program can be killed at the budget's end.

What the library is given is pixels already decoded and checked by Pillow (a crop we made), not a
file: none of Tesseract's own image decoders runs in this process. Its messages go to
``/dev/null`` as the program's went to a pipe. A read that passes the file's OCR deadline stops
there (Tesseract's monitor) and raises ``TimeoutError``: the caller's limit hit, never "clean".
No library (another platform, no ``libtesseract``, no Vietnamese data): ``engine()`` is None and
the program reads the crops.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import os
import threading
import time
from typing import Any

_VOID = ctypes.c_void_p
_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "TessBaseAPICreate": (_VOID, []),
    "TessBaseAPIInit3": (ctypes.c_int, [_VOID, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetVariable": (ctypes.c_int, [_VOID, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetPageSegMode": (None, [_VOID, ctypes.c_int]),
    "TessBaseAPISetImage": (None, [_VOID, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int]),
    "TessBaseAPIRecognize": (ctypes.c_int, [_VOID, _VOID]),
    "TessBaseAPIGetUTF8Text": (_VOID, [_VOID]),
    "TessBaseAPIClear": (None, [_VOID]),
    "TessBaseAPIEnd": (None, [_VOID]),
    "TessBaseAPIDelete": (None, [_VOID]),
    "TessDeleteText": (None, [_VOID]),
    "TessMonitorCreate": (_VOID, []),
    "TessMonitorSetDeadlineMSecs": (None, [_VOID, ctypes.c_int]),
    "TessMonitorDelete": (None, [_VOID]),
}


class Engine:
    """One Tesseract instance with the Vietnamese model; reads one image at a time (a lock)."""

    def __init__(self, lib: Any, api: int) -> None:
        self._lib = lib
        self._api = api
        self._lock = threading.Lock()

    def read(self, image: Any, psm: int, seconds: float) -> str | None:
        """Return the text in a Pillow image read in grey, None if Tesseract fails; past ``seconds`` TimeoutError."""
        gray = image if image.mode == "L" else image.convert("L")
        lib, api = self._lib, self._api
        with self._lock:
            monitor = lib.TessMonitorCreate()
            try:
                lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(seconds * 1000)))
                lib.TessBaseAPISetPageSegMode(api, psm)
                lib.TessBaseAPISetImage(api, gray.tobytes(), gray.width, gray.height, 1, gray.width)
                started = time.monotonic()
                if lib.TessBaseAPIRecognize(api, monitor) != 0:
                    if time.monotonic() - started >= seconds:
                        raise TimeoutError
                    return None
                text = lib.TessBaseAPIGetUTF8Text(api)
                if not text:
                    return None
                try:
                    return ctypes.string_at(text).decode("utf-8", "replace")
                finally:
                    lib.TessDeleteText(text)
            finally:
                lib.TessBaseAPIClear(api)
                lib.TessMonitorDelete(monitor)

    def close(self) -> None:
        self._lib.TessBaseAPIEnd(self._api)
        self._lib.TessBaseAPIDelete(self._api)


@functools.cache
def engine() -> Engine | None:
    """Load libtesseract with the Vietnamese model once in this process; None where it cannot be."""
    name = ctypes.util.find_library("tesseract")
    if name is None:
        return None
    # One OpenMP thread, as the program is run: a scan's parallelism is its worker processes.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        lib = ctypes.CDLL(name)
        for function, (result, arguments) in _SIGNATURES.items():
            getattr(lib, function).restype = result
            getattr(lib, function).argtypes = arguments
    except (OSError, AttributeError):
        return None
    api = lib.TessBaseAPICreate()
    lib.TessBaseAPISetVariable(api, b"debug_file", os.devnull.encode())
    if lib.TessBaseAPIInit3(api, None, b"vie") != 0:
        lib.TessBaseAPIDelete(api)
        return None
    loaded = Engine(lib, api)
    atexit.register(loaded.close)
    return loaded
