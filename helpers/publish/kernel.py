"""The kernel the build starts: ipykernel, plus a record of what the notebook used.

``helpers.publish.build`` runs this file as a script (never imported by a
notebook) in place of ``python -m ipykernel_launcher``. Before ipykernel
starts it

* asks Linux to kill this process when the build dies (``PR_SET_PDEATHSIG``),
  so a killed build leaves no kernel running and writing;
* installs an audit hook (PEP 578) that notes every file opened for reading and
  every folder listed under the repository, as the notebook's code does it.

After the last cell the build runs ``__import__("sys").modules[RECORDER].write()``
in the kernel, which adds the ``__file__`` of every loaded module under the
repository and writes all three lists as JSON to ``$COLLECTION_RECORD_FILE``.
Standard library only: whatever this process imports is not the notebook's.
"""
from __future__ import annotations

import json
import os
import sys
import types

RECORDER = "_collection_recorder"
ROOT_ENV = "COLLECTION_RECORD_ROOT"
FILE_ENV = "COLLECTION_RECORD_FILE"
PARENT_ENV = "COLLECTION_BUILD_PID"

# Not inputs of a notebook: version control, environments, build products, caches.
_SKIPPED_PARTS = {".git", "build", "__pycache__", ".ipynb_checkpoints",
                  ".pytest_cache", ".hypothesis"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _die_with_parent() -> None:
    """Have the kernel killed when the build process ends, however it ends."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    parent = int(os.environ.get(PARENT_ENV, "0") or 0)
    if parent and os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)


class _Recorder:
    """Paths under the repository that this process read or listed."""

    def __init__(self, root: str, out: str):
        self.root = os.path.join(os.path.abspath(root), "")
        self.out = out
        self.opened: set[str] = set()
        self.listed: set[str] = set()
        self.skip = {os.path.abspath(__file__)}

    def _inside(self, path) -> str | None:
        if isinstance(path, int) or path is None:
            return None
        path = os.path.abspath(os.fsdecode(path))
        return path if path.startswith(self.root) else None

    def hook(self, event: str, args: tuple) -> None:
        # An exception here would fail the notebook's own open(): never raise.
        try:
            if event == "open":
                path, mode, flags = args
                if isinstance(mode, str):
                    if any(c in mode for c in "wax+"):
                        return
                elif flags & _WRITE_FLAGS:
                    return
                inside = self._inside(path)
                if inside:
                    self.opened.add(inside)
            elif event in ("os.listdir", "os.scandir"):
                caller = sys._getframe(1).f_globals.get("__name__", "")
                if caller.startswith(("importlib", "_frozen_importlib")):
                    return  # the import system scanning sys.path, not the notebook
                inside = self._inside(args[0] if args[0] is not None else ".")
                if inside:
                    self.listed.add(inside)
        except Exception:  # noqa: BLE001 - see above
            pass

    def _relative(self, paths) -> list[str]:
        kept = set()
        for path in paths:
            if path in self.skip or not path.startswith(self.root):
                continue
            relative = path[len(self.root):]
            parts = relative.split(os.sep)
            if _SKIPPED_PARTS.intersection(parts) or parts[0].startswith(".venv"):
                continue
            kept.add(relative.replace(os.sep, "/"))
        return sorted(kept)

    def write(self) -> None:
        modules = {
            os.path.abspath(m.__file__)
            for m in list(sys.modules.values())
            if isinstance(getattr(m, "__file__", None), str)
        }
        opened = {p for p in self.opened if os.path.isfile(p)}
        record = {
            "files": self._relative(opened - modules),
            "modules": self._relative(p for p in modules if os.path.isfile(p)),
            "folders": self._relative(p for p in self.listed if os.path.isdir(p)),
        }
        with open(self.out, "w", encoding="utf-8") as handle:
            json.dump(record, handle)


def main() -> None:
    _die_with_parent()
    root, out = os.environ.get(ROOT_ENV), os.environ.get(FILE_ENV)
    if root and out:
        recorder = _Recorder(root, out)
        module = types.ModuleType(RECORDER, "What the notebook read and imported.")
        module.write = recorder.write
        sys.modules[RECORDER] = module
        sys.addaudithook(recorder.hook)
    # Start ipykernel exactly as `python -m ipykernel_launcher` would: the kernel's
    # working directory first on sys.path, not this file's folder (which holds
    # publishing modules such as html.py that would shadow the standard library).
    sys.path[0] = os.getcwd()
    import runpy

    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
