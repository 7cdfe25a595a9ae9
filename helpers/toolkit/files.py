"""Writing files so that a reader never sees half of one.

``atomic_write_bytes(path, payload)`` writes to a temporary file in the same
folder and moves it into place with ``os.replace``; ``temp_path(path)`` gives
such a temporary file for writers that stream; ``folder_lock(folder)``
serialises writers of one folder between processes (POSIX ``flock``).

A file replaced this way keeps the permission bits it had; a new file gets
what ``open()`` would have given it (0666 less the umask). ``tempfile.mkstemp``
alone would leave every rewritten figure and notebook readable by its owner
only (0600).
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "temp_path", "folder_lock", "default_mode"]


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


_umask_guard = threading.Lock()


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:  # Linux >= 4.7 reports it; os.umask() can only be read by setting it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _umask_guard:
        current = os.umask(0o022)
        os.umask(current)
    return current


def default_mode(path: Path) -> int:
    """The permission bits *path* should have once rewritten.

    Its current bits if it exists (a file made group-writable stays so),
    else 0666 less the umask, as ``open(path, "w")`` would create it.
    """
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace *path* by *payload* in one step; on any error the old file stays."""
    path = Path(path)
    tmp = temp_path(path)
    try:
        tmp.write_bytes(payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temp_path(path: Path) -> Path:
    """An empty temporary file beside *path*, with the mode *path* should end with.

    The caller writes it and moves it over *path* with ``os.replace``.
    """
    path = Path(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, default_mode(path))
    finally:
        os.close(handle)
    return Path(name)


def atomic_write_text(path: Path, text: str) -> None:
    """*text* as UTF-8 with ``\\n`` line ends, written atomically."""
    atomic_write_bytes(Path(path), text.encode("utf-8"))
