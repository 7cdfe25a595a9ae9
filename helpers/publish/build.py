"""Execute the collection's notebooks headless and keep their outputs.

    python -m helpers.publish.build [--jobs N] [--force] [--timeout S] [NOTEBOOK ...]

Why this exists instead of ``jupyter nbconvert --execute``:

* notebooks run in parallel, each in its own kernel (``--jobs``), driven by one
  process (nbclient's asyncio interface), so stopping the build stops them all;
* a notebook runs again only if something it used changed: its cells, a file it
  read, a folder it listed, a module under the repository it imported, or the
  pinned environment. What it used is *recorded while it runs* (an audit hook in
  the kernel, see :mod:`helpers.publish.kernel`) and stored with content hashes in
  the notebook's own metadata (:mod:`helpers.publish.fingerprint`), so the
  decision is the same on a fresh clone;
* everything is first produced in ``build/staging/``; only when *every* notebook
  succeeded are the notebooks and figures moved into place. A build that fails,
  is interrupted (Ctrl-C, SIGTERM) or is killed leaves every committed file as it
  was, and its kernels die with it;
* the whole build has a time limit (``--timeout``); a cell still running then is
  named with "timed out after N s";
* two builds of one tree exclude each other (a lock in ``build/``);
* what is written back is normalised (no timestamps, no kernel ids, consecutive
  stream outputs merged, the kernelspec JupyterLab itself would write), so
  re-running an unchanged notebook, or opening and saving it in JupyterLab,
  produces no diff.

Execution uses nbclient, the library nbconvert itself executes with.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers.toolkit import files, paths

from . import fingerprint
from . import kernel as kernel_launcher

METADATA_KEY = fingerprint.METADATA_KEY
DIGEST_KEY = fingerprint.DIGEST_KEY
#: Default limit for a whole build, in seconds (a full build takes well under a minute).
BUILD_TIMEOUT_S = 300
KERNEL_STARTUP_S = 60
STAGING = paths.BUILD / "staging"
LOCK_FILE = paths.BUILD / "build.lock"
_SOCKET_PREFIX = "nbk-"


class BuildError(RuntimeError):
    """A notebook failed; the message names the notebook, the cell and the error."""


class BuildLocked(RuntimeError):
    """Another build of the same tree is running."""


@dataclass
class Result:
    notebook: str
    status: str  # "executed", "skipped" or "failed"
    seconds: float = 0.0
    message: str = ""
    reason: str = ""  # why it ran, or why it was skipped


@dataclass
class _Executed:
    path: Path
    nb: object  # the executed, normalised, stamped NotebookNode
    figures: Path  # its staged figures
    seconds: float = 0.0


@dataclass
class _Plan:
    todo: list[tuple[Path, str]] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)


def _shown(path: Path) -> str:
    """A notebook as people know it: relative to the repository when inside it."""
    path = Path(path).absolute()
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return path.name


def _label(path: Path) -> str:
    """A notebook in progress lines: its path under notebooks/ (``ar/02_budgets.ipynb`` for
    an edition, so two editions of one notebook are told apart), else its file name."""
    path = Path(path).absolute()
    try:
        return path.relative_to(paths.NOTEBOOKS).as_posix()
    except ValueError:
        return path.name


def _is_edition(path: Path) -> bool:
    """True for a translated edition: notebooks/<lang>/NN_*.ipynb of a language with an edition."""
    from helpers.publish import editions

    path = Path(path).absolute()
    return path.parent.parent == paths.NOTEBOOKS.absolute() and path.parent.name in editions.editions()


def notebook_id(path: Path) -> str:
    """The notebook's name in the manifest: its path under notebooks/ without ``.ipynb``.

    ``02_budgets`` for notebooks/02_budgets.ipynb, ``ar/02_budgets`` for an edition in
    notebooks/ar/, so two editions of one notebook never take each other's figures
    for stale ones; the file's stem for a notebook outside notebooks/.
    """
    path = Path(path).absolute()
    try:
        return path.relative_to(paths.NOTEBOOKS).with_suffix("").as_posix()
    except ValueError:
        return path.stem


# ---------------------------------------------------------------- reading notebooks


def read_notebook(path: Path) -> dict:
    """The notebook's JSON, or BuildError saying in one line what is wrong with the file."""
    shown = _shown(path)
    restore = f"restore it with: git checkout -- {shown}" if shown != Path(path).name else ""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
        raise BuildError(f"{shown}: cannot be read ({reason})") from None
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as err:
        cut = " (the file ends early: cut short?)" if err.pos >= len(text.rstrip()) else ""
        raise BuildError(
            f"{shown}: not a readable notebook: broken JSON at line {err.lineno}, "
            f"column {err.colno}: {err.msg}{cut}" + (f"; {restore}" if restore else "")
        ) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or nb.get("nbformat") != 4:
        raise BuildError(
            f"{shown}: not a Jupyter notebook in format 4 (no list of cells)"
            + (f"; {restore}" if restore else "")
        )
    return nb


# ---------------------------------------------------------------- fingerprints


def _hasher() -> fingerprint.Hasher:
    return fingerprint.Hasher(paths.ROOT)


def shared_digest() -> str:
    """Digest of what every notebook depends on: the pinned environment."""
    return fingerprint.combined_digest(_hasher().environment())


def stored_digest(nb: dict) -> str | None:
    """The fingerprint saved in the notebook by its last successful build."""
    block = nb.get("metadata", {}).get(METADATA_KEY, {})
    return block.get(DIGEST_KEY) if isinstance(block, dict) else None


def inputs_digest(nb: dict, shared: str | None = None) -> str | None:
    """The notebook's fingerprint recomputed from the tree as it is now.

    Equal to :func:`stored_digest` exactly when nothing the notebook used changed.
    *shared* is the environment digest the caller expects (:func:`shared_digest`);
    another value never matches.
    """
    hasher = _hasher()
    current = fingerprint.current_inputs(nb, hasher)
    if current is None:
        return None
    if shared is not None and shared != fingerprint.combined_digest(current["environment"]):
        return fingerprint.combined_digest({**current, "environment": shared})
    return fingerprint.combined_digest(current)


def _figures_missing(stem: str) -> bool:
    """True if the manifest lists a figure of this notebook whose files are gone."""
    manifest_path = paths.FIGURES / "manifest.csv"
    if not manifest_path.exists():
        return False
    from helpers.toolkit import manifest

    return any(
        not f.exists()
        for row in manifest.read_manifest(manifest_path)
        if row.get("notebook") == stem
        for f in manifest.files_for(row["name"], row["lang"], paths.FIGURES)
    )


def stale_reason(path: Path, hasher: fingerprint.Hasher | None = None) -> str | None:
    """Why the notebook at *path* must run; None when it is up to date.

    Raises BuildError when the file is not a readable notebook.
    """
    nb = read_notebook(path)
    reason = fingerprint.stale_reason(nb, hasher or _hasher())
    if reason is None and _figures_missing(notebook_id(path)):
        reason = "some of its figures are missing from figures/"
    return reason


def is_up_to_date(path: Path, shared: str | None = None) -> bool:
    nb = read_notebook(path)
    return (
        stored_digest(nb) is not None
        and stored_digest(nb) == inputs_digest(nb, shared)
        and stale_reason(path) is None
    )


# ---------------------------------------------------------------- execution


def _kernel_manager(socket_dir: Path):
    """A kernel on this interpreter (the venv's) that records what the notebook used.

    It runs helpers/publish/kernel.py (ipykernel plus an audit hook) whatever
    kernelspecs are installed, and talks over Unix sockets in ``socket_dir``
    rather than TCP: nothing listens on the network.
    """
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    spec = KernelSpec(
        argv=[sys.executable, kernel_launcher.__file__, "-f", "{connection_file}"],
        display_name="Python 3 (collection build)",
        language="python",
    )

    class _ThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):  # noqa: ARG002 - one kernel only
            return spec

    return AsyncKernelManager(
        kernel_spec_manager=_ThisInterpreter(),
        kernel_name="python3",
        transport="ipc",
        ip=str(socket_dir / "kernel"),
    )


def _kernelspec() -> dict:
    """The kernelspec JupyterLab writes for the environment's own Python kernel.

    ipykernel's default ("Python 3 (ipykernel)"), which `make` installs into the
    venv; writing anything else makes JupyterLab mark the notebook modified on open.
    """
    from ipykernel.kernelspec import KERNEL_NAME, get_kernel_dict

    spec = get_kernel_dict()
    return {"display_name": spec["display_name"], "language": spec["language"],
            "name": KERNEL_NAME}


def normalise(nb) -> None:
    """Drop what changes on every run without meaning anything to a reader.

    Consecutive outputs of one stream are merged (a print split across two
    flushes under load is one output, as JupyterLab shows and saves it), and the
    kernelspec is the one JupyterLab would write.
    """
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    coalesce = CoalesceStreamsPreprocessor()
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type == "code":
            coalesce.preprocess_cell(cell, {}, index)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = _kernelspec()


def _comparable(cell) -> list:
    """The cell's outputs as a reader sees them: streams merged as `normalise` merges them
    (under load one print can arrive in two messages on one run and in one on the next),
    execution counts left out."""
    import copy

    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    merged, _ = CoalesceStreamsPreprocessor().preprocess_cell(copy.deepcopy(cell), {}, 0)
    outputs = merged.get("outputs", [])
    return [{k: v for k, v in out.items() if k != "execution_count"} for out in outputs]


def _error_of(cell) -> str:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out['ename']}: {out['evalue']}"
    return "the cell raised an error"


async def _execute_async(path: Path, figures_dir: Path, cwd: Path | None, check_rerun: bool,
                         deadline: float, limit: float, record_file: Path | None = None,
                         then: tuple[Path, ...] = ()):
    """Run a notebook in a fresh kernel; return the executed NotebookNode.

    With *then* (the notebook's translated editions), each of those notebooks runs next in
    the same kernel, its namespace cleared and its cells counted from 1 as after a restart,
    and a list of all the executed notebooks is returned. The editions' code is the source
    notebook's, so sharing the kernel saves a kernel start and the imports per edition
    (issue 10: both editions in at most 1.3x the time of one); the record of what was used
    covers them all. The kernel is killed when this returns, raises, or is cancelled.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    label = _label(path)
    nb = _read_for_execution(path)
    sockets = Path(tempfile.mkdtemp(prefix=f"{_SOCKET_PREFIX}{os.getpid()}-"))
    env = {
        **os.environ,
        "COLLECTION_FIGURES_DIR": str(figures_dir),
        "COLLECTION_NOTEBOOK": notebook_id(path),
        # A translated edition draws its figures but does not export them: its source
        # notebook, in the same build, exports the same files (toolkit.chart.Chart.publish).
        "COLLECTION_EXPORT": "0" if _is_edition(path) else "1",
        kernel_launcher.PARENT_ENV: str(os.getpid()),
        kernel_launcher.ROOT_ENV: str(paths.ROOT),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    if record_file is not None:
        env[kernel_launcher.FILE_ENV] = str(record_file)
    running = {"index": None, "started": time.monotonic()}

    def time_left(cell) -> int:  # nbclient asks before each cell
        return max(1, math.ceil(deadline - time.monotonic()))

    km = _kernel_manager(sockets)
    client = NotebookClient(
        nb,
        km=km,
        timeout_func=time_left,
        startup_timeout=KERNEL_STARTUP_S,
        record_timing=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(cwd or Path(path).parent)}},
    )
    client.log = _quiet_logger()
    where = "while starting its kernel"
    try:
        # Not nbclient's setup_kernel(): it installs SIGINT/SIGTERM handlers of its own that
        # would replace the build's (which stop every kernel and write nothing).
        await client.async_start_new_kernel(env=env)
        await client.async_start_new_kernel_client()
        reply = await client.async_wait_for_reply(await _maybe(client.kc.kernel_info()))
        if reply is not None and "language_info" in reply["content"]:
            nb.metadata["language_info"] = reply["content"]["language_info"]
        executed = []
        for number, current in enumerate((path, *then)):
            if number:  # an edition: as after Restart Kernel, without restarting it
                label, nb = _label(current), _read_for_execution(current)
                client.nb = nb
                where = "while clearing the kernel for it"
                await _run_hidden(client, _edition_setup(current))
            count = 0
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                count += 1
                where = f"cell {index + 1}"
                running.update(index=index, started=time.monotonic())
                await client.async_execute_cell(cell, index, execution_count=count)
                if check_rerun:
                    first = _comparable(cell)
                    await client.async_execute_cell(cell, index, execution_count=count)
                    if _comparable(cell) != first:
                        raise BuildError(
                            f"{label}: cell {index + 1} gives different output when run a "
                            "second time"
                        )
            executed.append(nb)
        if record_file is not None:
            where = "while recording what it used"
            await _run_hidden(client, f'__import__("sys").modules["{kernel_launcher.RECORDER}"].write()')
    except CellTimeoutError:
        took = time.monotonic() - running["started"]
        raise BuildError(
            f"{label}: {where} timed out after {took:.0f} s (the build's time limit is "
            f"{limit:.0f} s; allow more with --timeout SECONDS, or make TIMEOUT=SECONDS)"
        ) from None
    except CellExecutionError:
        cell = nb.cells[running["index"]] if running["index"] is not None else {}
        raise BuildError(f"{label}: {where} failed: {_error_of(cell)}") from None
    except DeadKernelError:
        raise BuildError(f"{label}: the kernel died {where.replace('cell', 'in cell')}") from None
    except (RuntimeError, TimeoutError) as err:
        if isinstance(err, BuildError):
            raise
        first_line = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise BuildError(f"{label}: {where}: {first_line}") from None
    finally:
        await _stop_kernel(client, km)
        shutil.rmtree(sockets, ignore_errors=True)
    return executed if then else executed[0]


def _read_for_execution(path: Path):
    import nbformat

    read_notebook(path)  # one clear line for a damaged file
    try:
        return nbformat.reads(Path(path).read_text(encoding="utf-8"), as_version=4)
    except Exception as err:  # noqa: BLE001 - nbformat raises many kinds for a bad file
        raise BuildError(f"{_shown(path)}: not a valid notebook: {str(err).splitlines()[0]}") from None


def _edition_setup(path: Path) -> str:
    """Code that makes a running kernel look freshly started for the edition *path*: the
    user's names cleared, the cell counter at 1, this notebook's name and no exporting."""
    env = {"COLLECTION_NOTEBOOK": notebook_id(path), "COLLECTION_EXPORT": "0"}
    return ("get_ipython().run_line_magic('reset', '-f')\n"
            "import os as _os, matplotlib.pyplot as _plt\n"
            f"_os.environ.update({env!r})\n"
            "_plt.close('all')\n"
            "del _os, _plt\n"
            "get_ipython().execution_count = 1")


async def _run_hidden(client, code: str) -> None:
    """Run *code* in the kernel without storing it in any notebook or the history."""
    import nbformat

    probe = nbformat.v4.new_code_cell(code)
    client.nb.cells.append(probe)  # nbclient stores a cell back by index
    try:
        await client.async_execute_cell(probe, len(client.nb.cells) - 1, store_history=False)
    finally:
        client.nb.cells.pop()


async def _maybe(value):
    import asyncio

    return await value if asyncio.iscoroutine(value) else value


async def _stop_kernel(client, km) -> None:
    """nbclient leaves a kernel manager it was given running: kill the kernel here."""
    import asyncio

    with contextlib.suppress(Exception):
        if client.kc is not None:
            client.kc.stop_channels()
    with contextlib.suppress(Exception):
        if km.has_kernel:
            await asyncio.shield(km.shutdown_kernel(now=True))


def _quiet_logger():
    """A logger that says nothing: the build reports failures itself, in one line each."""
    import logging

    log = logging.getLogger("helpers.publish.build.nbclient")
    if not log.handlers:
        log.addHandler(logging.NullHandler())
        log.propagate = False
    return log


def execute(path: Path, figures_dir: Path, cwd: Path | None = None, check_rerun: bool = False,
            timeout: float = BUILD_TIMEOUT_S):
    """Run a notebook in a fresh kernel; return the executed NotebookNode.

    Figures go to ``figures_dir`` (the kernel sees COLLECTION_FIGURES_DIR);
    ``cwd`` is the kernel's working directory (default: the notebook's folder).
    With ``check_rerun`` every code cell is run a second time in the same kernel
    and must give the same outputs: what a reader exploring in JupyterLab does.
    The run stops after ``timeout`` seconds. Raises BuildError naming the
    notebook, the cell and the error.
    """
    from jupyter_core.utils import run_sync

    deadline = time.monotonic() + timeout
    return run_sync(_execute_async)(Path(path), Path(figures_dir), cwd, check_rerun,
                                    deadline, timeout)


# ---------------------------------------------------------------- publishing


def _replace_keeping_mode(source: Path, target: Path) -> None:
    """Move *source* over *target*; the result keeps *target*'s permission bits."""
    os.chmod(source, files.default_mode(target))
    os.replace(source, target)


def _publish_figures(stem: str, staging: Path) -> int:
    """Move a notebook's staged figures into figures/; drop its stale ones."""
    staged_manifest = staging / "manifest.csv"
    if not staged_manifest.exists():
        return 0
    from helpers.toolkit import manifest

    paths.FIGURES.mkdir(parents=True, exist_ok=True)
    fresh_rows = manifest.read_manifest(staged_manifest)
    fresh = {(r["name"], r["lang"]) for r in fresh_rows}
    for f in sorted(staging.iterdir()):
        if f.name not in (manifest.MANIFEST_NAME, manifest.EXCEL_NAME) and f.is_file():
            _replace_keeping_mode(f, paths.FIGURES / f.name)

    main_manifest = paths.FIGURES / "manifest.csv"
    old_rows = manifest.read_manifest(main_manifest) if main_manifest.exists() else []
    stale = [r for r in old_rows if r.get("notebook") == stem and (r["name"], r["lang"]) not in fresh]
    kept = [r for r in old_rows if r not in stale]
    names_left = {r["name"] for r in kept + fresh_rows}
    for row in stale:
        for f in manifest.files_for(row["name"], row["lang"], paths.FIGURES):
            shared_csv = f.suffix == ".csv" and row["name"] in names_left
            if f.exists() and not shared_csv:
                f.unlink()
    # Rewrite the whole manifest (and its Excel copy) through the manifest's own writer,
    # which writes atomically and keeps each file's mode.
    manifest.write_manifest(kept + fresh_rows, main_manifest)
    return len(fresh_rows)


def _commit(executed: list[_Executed]) -> None:
    """Move every staged result into place: figures first, then the notebooks."""
    import nbformat

    for item in sorted(executed, key=lambda e: _shown(e.path)):
        published = _publish_figures(notebook_id(item.path), item.figures)
        files.atomic_write_text(item.path, nbformat.writes(item.nb) + "\n")
        extra = f", {published} figure(s)" if published else ""
        print(f"[saved] {_label(item.path)}{extra}", flush=True)


# ---------------------------------------------------------------- one build at a time


@contextlib.contextmanager
def _exclusive(lock_file: Path = LOCK_FILE):
    """Hold the tree's build lock, or raise BuildLocked naming the build that holds it."""
    import fcntl

    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown"
            raise BuildLocked(
                f"build: another build of this tree is running ({holder}); "
                "wait for it to finish, or stop it, then run make again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_leftovers() -> None:
    """Remove what a killed build left: its staging folder and kernel socket folders.

    Called with the build lock held, so no running build owns them.
    """
    shutil.rmtree(STAGING, ignore_errors=True)
    for folder in Path(tempfile.gettempdir()).glob(f"{_SOCKET_PREFIX}*-*"):
        match = re.fullmatch(rf"{_SOCKET_PREFIX}(\d+)-.*", folder.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------- the build


def discover(names: list[str]) -> list[Path]:
    """The notebooks to consider: those named, or every NN_*.ipynb.

    Every ``notebooks/NN_*.ipynb`` and every ``notebooks/<edition>/NN_*.ipynb``
    (e.g. the Arabic edition in ``notebooks/ar/``).
    """
    if not names:
        found = list(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
        found += [
            p for p in paths.NOTEBOOKS.glob("*/[0-9][0-9]_*.ipynb")
            if not p.parent.name.startswith(".")
        ]
        return sorted(found, key=_shown)
    found = []
    for name in names:
        candidates = [Path(name), paths.NOTEBOOKS / name, paths.NOTEBOOKS / f"{name}.ipynb"]
        match = next((c for c in candidates if c.is_file() and c.suffix == ".ipynb"), None)
        if match is None:
            raise SystemExit(f"build: no notebook called {name!r} (looked in {paths.NOTEBOOKS})")
        found.append(match.resolve())
    return found


def _plan(notebooks: list[Path], force: bool) -> _Plan:
    plan, hasher = _Plan(), _hasher()
    for path in notebooks:
        try:
            reason = "--force" if force else stale_reason(path, hasher)
            if force:
                read_notebook(path)
        except BuildError as err:
            print(f"[FAIL]  {err}", flush=True)
            plan.results.append(Result(_label(path), "failed", message=str(err)))
            continue
        if reason is None:
            print(f"[skip]  {_label(path)} (inputs unchanged since its last successful run)",
                  flush=True)
            plan.results.append(Result(_label(path), "skipped"))
        else:
            plan.todo.append((path, reason))
    return plan


def _check_data() -> list[str]:
    """Every data table's problems, once each, before any kernel starts.

    Without this, one bad cell fails every notebook that reads the table and its
    message is printed once per notebook. Empty when all tables load (or when
    there is no analysis package to ask).
    """
    try:
        from helpers.analysis import data
    except ImportError:
        return []
    problems = []
    for table in getattr(data, "tables", lambda: ())():
        try:
            data.load(table)
        except data.DataError as err:
            problems.append(str(err).replace(str(paths.ROOT) + os.sep, ""))
    return problems


async def _run_one(group: list[tuple[Path, str]], run_dir: Path, gate, deadline: float,
                   limit: float) -> list[Result | _Executed]:
    """Run a notebook, and its translated editions after it in the same kernel; one outcome each."""
    import asyncio

    paths_ = [path for path, _reason in group]
    async with gate:
        for path, reason in group:
            print(f"[run]   {_label(path)} ({reason})", flush=True)
        started = time.perf_counter()
        staging = Path(tempfile.mkdtemp(prefix=f"{paths_[0].stem}-", dir=run_dir))
        figures_dir, record_file = staging / "figures", staging / "record.json"
        figures_dir.mkdir()
        try:
            executed = await _execute_async(paths_[0], figures_dir, None, False, deadline, limit,
                                            record_file, then=tuple(paths_[1:]))
            notebooks = executed if len(paths_) > 1 else [executed]
            record = json.loads(record_file.read_text(encoding="utf-8"))
            for nb in notebooks:
                normalise(nb)
                fingerprint.stamp(nb, fingerprint.recorded_inputs(nb, record, _hasher()))
        except BuildError as err:
            message = str(err)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001 - a kernel that would not start, a bad record
            first_line = (str(err).strip().splitlines() or [""])[0]
            message = f"{_label(paths_[0])}: {type(err).__name__}: {first_line}"
        else:
            seconds = time.perf_counter() - started
            done = " + ".join(_label(path) for path in paths_)
            print(f"[done]  {done} in {seconds:.1f} s", flush=True)
            # The editions export nothing (their source exports the same figures).
            empty = staging / "edition-figures"
            empty.mkdir()
            return [_Executed(path, nb, figures_dir if i == 0 else empty, seconds)
                    for i, (path, nb) in enumerate(zip(paths_, notebooks))]
        seconds = time.perf_counter() - started
        if not _STOPPING:  # a kernel stopped by Ctrl-C is no failure to report
            print(f"[FAIL]  {message.splitlines()[0]}", flush=True)
        # One kernel ran them all: none of the group is saved when one of them failed.
        return [Result(_label(path), "failed", seconds, message) for path in paths_]


def _groups(todo: list[tuple[Path, str]]) -> list[list[tuple[Path, str]]]:
    """The work in kernels: each source notebook with those of its editions that need a
    run too; an edition whose source is up to date runs on its own."""
    by_path = {Path(path).absolute(): (path, reason) for path, reason in todo}
    groups, taken = [], set()
    for path, reason in todo:
        if _is_edition(path):
            continue
        group = [(path, reason)]
        for edition in _editions_of(path):
            if edition in by_path:
                group.append(by_path[edition])
                taken.add(edition)
        groups.append(group)
    groups += [[(path, reason)] for path, reason in todo
               if _is_edition(path) and Path(path).absolute() not in taken]
    return groups


def _editions_of(path: Path) -> list[Path]:
    from helpers.publish import editions

    path = Path(path).absolute()
    if path.parent != paths.NOTEBOOKS.absolute():
        return []
    return [editions.folder(lang).absolute() / path.name for lang in editions.editions()]


async def _run_all(todo, run_dir: Path, jobs: int, deadline: float, limit: float):
    import asyncio

    gate = asyncio.Semaphore(jobs)
    outcomes = await asyncio.gather(
        *(_run_one(group, run_dir, gate, deadline, limit) for group in _groups(todo))
    )
    return [outcome for group in outcomes for outcome in group]


_STOPPING: list[int] = []  # signals received by this build process


def _run_until_signal(coroutine):
    """Run *coroutine*; on SIGINT or SIGTERM stop it, kill its kernels, raise KeyboardInterrupt.

    The signal handlers belong to the event loop, so an interrupt cancels the work
    wherever it is and every kernel is shut down before this returns; whether or
    not a library swallows the cancellation, the interrupt is not lost.
    """
    import asyncio

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    received: list[int] = []
    task = loop.create_task(coroutine)

    def stop(signum: int, _frame=None) -> None:
        received.append(signum)
        _STOPPING.append(signum)
        loop.call_soon_threadsafe(task.cancel)

    # Plain handlers rather than loop.add_signal_handler: the kernel client libraries
    # run event loops of their own, which take over the loop's signal wake-up.
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        try:
            outcome = loop.run_until_complete(task)
        except asyncio.CancelledError:
            outcome = None
        finally:
            pending = asyncio.all_tasks(loop)
            for leftover in pending:
                leftover.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        raise KeyboardInterrupt
    return outcome


@contextlib.contextmanager
def _signals_ignored():
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def build(notebooks: list[Path], jobs: int, force: bool,
          timeout: float = BUILD_TIMEOUT_S, dry_run: bool = False) -> list[Result]:
    """Run what is stale; if everything succeeded, save notebooks and figures.

    With *dry_run*, only say what would run and why. Raises BuildLocked if
    another build of this tree is running.
    """
    deadline = time.monotonic() + timeout
    with _exclusive():
        _clean_leftovers()
        plan = _plan(notebooks, force)
        if dry_run:
            for path, reason in plan.todo:
                print(f"[would run] {_label(path)} ({reason})", flush=True)
            return plan.results + [Result(_label(p), "stale", reason=r) for p, r in plan.todo]
        if not plan.todo or any(r.status == "failed" for r in plan.results):
            # Nothing would be written after a failure: do not run anything either.
            return plan.results
        data_problems = _check_data()
        if data_problems:
            for problem in data_problems:
                print(f"[FAIL]  {problem}", flush=True)
            failed = [Result(_label(p), "failed", message="\n".join(data_problems), reason="data")
                      for p, _ in plan.todo]
            return plan.results + failed
        run_dir = STAGING / f"{os.getpid()}"
        run_dir.mkdir(parents=True, exist_ok=True)
        try:
            outcomes = _run_until_signal(_run_all(plan.todo, run_dir, jobs, deadline, timeout))
            results = plan.results + [o for o in outcomes if isinstance(o, Result)]
            executed = [o for o in outcomes if isinstance(o, _Executed)]
            if not any(r.status == "failed" for r in results):
                with _signals_ignored():  # a few renames: finish them rather than half
                    _commit(executed)
            return results + [Result(_label(e.path), "executed", e.seconds) for e in executed]
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)


def _report_failures(failed: list[Result]) -> None:
    """Each distinct problem once, with the notebooks it stopped."""
    if failed and all(r.reason == "data" for r in failed):
        print(f"build: the data above must be fixed first; no notebook was run "
              f"({len(failed)} would have)", file=sys.stderr)
        return
    by_problem: dict[str, list[str]] = {}
    for r in failed:
        # "NB: cell 3 failed: Error: text" -> key "Error: text", where "NB (cell 3)"
        head, _, rest = r.message.partition(": ")
        where, sep, problem = rest.partition(" failed: ")
        if not sep:
            where, problem = "", rest or head
        label = f"{head} ({where})" if where else head
        by_problem.setdefault(problem, []).append(label)
    for problem, where in by_problem.items():
        print(f"build: FAILED {', '.join(where)}: {problem}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.publish.build",
        description="Execute the notebooks headless, keep their outputs, export their figures.",
    )
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                        help="notebook paths or names (default: every notebooks/NN_*.ipynb)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="notebooks run at once (default: number of CPUs)")
    parser.add_argument("--force", action="store_true",
                        help="run even notebooks whose inputs are unchanged")
    parser.add_argument("--timeout", type=float, default=BUILD_TIMEOUT_S, metavar="SECONDS",
                        help=f"time limit for the whole build (default {BUILD_TIMEOUT_S} s)")
    parser.add_argument("--dry-run", action="store_true",
                        help="say which notebooks would run and why; run nothing")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")

    # SIGTERM (kill, a CI runner) ends the build like Ctrl-C: kernels stopped, nothing written.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    import logging

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    started = time.perf_counter()
    try:
        results = build(discover(args.notebooks), args.jobs, args.force, args.timeout,
                        args.dry_run)
    except BuildLocked as err:
        print(err, file=sys.stderr)
        return 75  # EX_TEMPFAIL: try again later
    except KeyboardInterrupt:
        print("\nbuild: interrupted; kernels stopped, nothing written "
              "(notebooks and figures are as they were)", file=sys.stderr)
        return 130
    failed = [r for r in results if r.status == "failed"]
    if args.dry_run:
        stale = sum(r.status == "stale" for r in results)
        print(f"build: {stale} would run, {len(results) - stale - len(failed)} up to date, "
              f"{len(failed)} unreadable (dry run: nothing was run or written)")
        return 1 if failed else 0
    counts = {s: sum(r.status == s for r in results) for s in ("executed", "skipped", "failed")}
    print(
        f"build: {counts['executed']} executed, {counts['skipped']} skipped, "
        f"{counts['failed']} failed in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    if failed:
        _report_failures(failed)
        print("build: nothing was written: every notebook and figure is as it was before "
              "this build.", file=sys.stderr)
        return 1
    print(f"build: notebooks in {paths.NOTEBOOKS.relative_to(paths.ROOT)}/, "
          f"figures in {paths.FIGURES.relative_to(paths.ROOT)}/ "
          f"(index: {paths.FIGURES.relative_to(paths.ROOT)}/manifest.csv)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
