"""Reading user and teacher files safely: regular files only, each with a size limit.

Motions, assignments, results files and rosters all come through :func:`read_limited`, so a FIFO, a device such as
``/dev/zero``, a folder or a huge file is refused with one clear line instead of hanging or filling memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileProblem(Exception):
    """A file that cannot be read as asked; ``message`` is one line without the path (the caller adds it)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_limited(path: Path, limit: int, what: str = "files", *, own_only: bool = False) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Opens without blocking (a FIFO with no writer would otherwise hang), checks the opened file itself (no race
    between a check and the read), and reads at most ``limit + 1`` bytes, so a file that grows meanwhile is still
    refused. ``what`` names the kind of file in the size message ("motion files"). With ``own_only`` (private
    files such as the motion cache) a symbolic link, or a file another user owns, is refused too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if own_only:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not a regular file (a device, pipe or socket); give a saved file")
        if own_only and hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise FileProblem("belongs to another user; not reading it")
        if info.st_size > limit:
            raise FileProblem(f"file is {_size(info.st_size)}; {what} are limited to {_size(limit)}")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileProblem(f"file is over {_size(limit)}; {what} are limited to {_size(limit)}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    """A size as people read it: binary megabytes and kilobytes, whole numbers shown without decimals."""
    value, unit = (n / 2**20, "MB") if n >= 2**20 else (n / 2**10, "kB")
    return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
