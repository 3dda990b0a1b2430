"""Give freed memory back to the system between the stages of a build.

A build's peak is the largest stage, but a stage's freed memory does not always shrink the process: glibc
keeps freed heap pages (the knowledge base's objects once the graph is made, the graph's and the views' once
they are written) for later `malloc`s, while Python allocates its small objects elsewhere (its own arenas) and
Oxigraph's validation store asks for new pages. So those pages stayed resident beneath every later stage
(220 MB at 1,000 articles after validation, when it still ran before the views).
`malloc_trim` hands them back; elsewhere than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return libc.malloc_trim if libc is not None and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release() -> bool:
    """Collect garbage and return the free heap to the system; True if glibc's malloc_trim ran."""
    gc.collect()
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
