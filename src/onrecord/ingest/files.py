"""File access shared by the readers: kind and size checks, reads with a limit, streams for containers.

Takes paths; gives bytes, an open binary stream or a :class:`~onrecord.model.Failure`, never an
exception for a bad path. Failure reasons: ``missing``, ``unreadable``, ``too large``, ``empty``.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import BinaryIO

from onrecord.model import Failure


def os_error_detail(error: OSError) -> str:
    return error.strerror or type(error).__name__


def check(path: Path, max_bytes: int | None = None) -> Failure | None:
    """Why ``path`` cannot be read as a file: missing, not a regular file, empty, or over ``max_bytes``
    when given (containers are streamed, so they are checked without a limit); None if it can."""
    origin = str(path)
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return Failure(origin, "missing", "no such file")
    except OSError as error:
        return Failure(origin, "unreadable", os_error_detail(error))
    if stat.S_ISDIR(status.st_mode):
        return Failure(origin, "unreadable", "is a directory")
    if not stat.S_ISREG(status.st_mode):
        return Failure(origin, "unreadable", "not a regular file")
    if max_bytes is not None and status.st_size > max_bytes:
        return Failure(origin, "too large", f"{status.st_size} bytes, limit {max_bytes}")
    if status.st_size == 0:
        return Failure(origin, "empty", "zero bytes")
    return None


def open_binary(path: Path, max_bytes: int | None = None) -> BinaryIO | Failure:
    """The file opened for reading once :func:`check` passes it, or why it cannot be."""
    failure = check(path, max_bytes)
    if failure is not None:
        return failure
    try:
        return path.open("rb")
    except (FileNotFoundError, NotADirectoryError):  # gone since the check
        return Failure(str(path), "missing", "no such file")
    except OSError as error:
        return Failure(str(path), "unreadable", os_error_detail(error))


def read_bytes(path: Path, max_bytes: int) -> bytes | Failure:
    """The file's bytes, or why they could not be had. Checks the size before reading anything."""
    handle = open_binary(path, max_bytes)
    if isinstance(handle, Failure):
        return handle
    try:
        with handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return Failure(str(path), "unreadable", os_error_detail(error))
    if len(data) > max_bytes:  # grew after the size check
        return Failure(str(path), "too large", f"more than {max_bytes} bytes")
    if not data:  # emptied after the size check
        return Failure(str(path), "empty", "zero bytes")
    return data
