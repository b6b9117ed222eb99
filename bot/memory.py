"""Giving back to the system the memory freed after a large build (the knowledge index)."""

from __future__ import annotations

import ctypes
import ctypes.util


def give_back() -> None:
    """Ask the C library to return freed heap memory to the system. Building the index makes
    many short-lived objects; without this, glibc keeps their memory (about 70 MB) for the life
    of the process. Elsewhere than glibc, nothing happens."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is not None:
        trim(0)
