"""Writing files so that a reader never sees half of one.

``atomic_write_bytes(path, payload)`` writes to a temporary file in the same
folder and moves it into place with ``os.replace``; ``temp_path(path)`` gives
such a temporary file for writers that stream; ``folder_lock(folder)``
serialises writers of one folder between processes (POSIX ``flock``).
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "temp_path", "folder_lock"]


@contextlib.contextmanager
def folder_lock(folder: Path):
    """Serialise manifest updates between processes writing the same folder."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no parallel builds there
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    tmp = temp_path(path)
    try:
        tmp.write_bytes(payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temp_path(path: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    return Path(name)




def atomic_write_text(path: Path, text: str) -> None:
    """*text* as UTF-8 with ``\n`` line ends, written atomically."""
    atomic_write_bytes(Path(path), text.encode("utf-8"))
