"""Execute the collection's notebooks headless and keep their outputs.

    python -m helpers.publish.build [--jobs N] [--force] [NOTEBOOK ...]

Why this exists instead of ``jupyter nbconvert --execute``:

* notebooks run in parallel, each in its own kernel (``--jobs``);
* a notebook whose inputs (its own cells, ``helpers/``, ``data/``,
  ``requirements.txt``) have not changed since its last successful run is
  skipped; the fingerprint of those inputs is stored in the notebook's own
  metadata, so the decision survives a fresh clone;
* figures are exported into a staging folder and moved into ``figures/`` only
  when the whole notebook succeeded, so a failing notebook leaves the previous
  figures untouched;
* what is written back is normalised (no timestamps, no kernel ids), so
  re-running an unchanged notebook produces no diff.

Execution uses nbclient, the library nbconvert itself executes with.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from helpers.toolkit import files, paths

METADATA_KEY = "collection"
DIGEST_KEY = "inputs_sha256"
CELL_TIMEOUT_S = 600
# Files in the input folders that never change what a notebook computes.
_IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
_IGNORED_SUFFIXES = {".pyc", ".pyo"}
# Publishing code, which no notebook runs: editing it must not force a rebuild.
_NOT_NOTEBOOK_INPUTS = {"publish"}


class BuildError(RuntimeError):
    """A notebook failed; the message names the notebook, the cell and the error."""


@dataclass
class Result:
    notebook: str
    status: str  # "executed", "skipped" or "failed"
    seconds: float = 0.0
    message: str = ""


# ---------------------------------------------------------------- inputs


def _shared_files() -> list[Path]:
    """Files every notebook depends on: the helpers, the data, the pins."""
    files = [paths.ROOT / "requirements.txt"]
    for folder in (paths.HELPERS, paths.DATA):
        files += sorted(
            p
            for p in folder.rglob("*")
            if p.is_file()
            and not _IGNORED_PARTS.intersection(p.relative_to(paths.ROOT).parts)
            and not _NOT_NOTEBOOK_INPUTS.intersection(p.relative_to(folder).parts)
            and p.suffix not in _IGNORED_SUFFIXES
        )
    return [f for f in files if f.exists()]


def shared_digest() -> str:
    """One fingerprint of every shared input (path and content)."""
    h = hashlib.sha256()
    for f in _shared_files():
        h.update(f.relative_to(paths.ROOT).as_posix().encode())
        h.update(b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def source_digest(nb: dict) -> str:
    """Fingerprint of what a notebook asks to run: cell types, sources, tags."""
    cells = [
        {
            "type": c["cell_type"],
            "source": "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
            "tags": c.get("metadata", {}).get("tags", []),
        }
        for c in nb["cells"]
    ]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def inputs_digest(nb: dict, shared: str) -> str:
    return hashlib.sha256(f"{shared}:{source_digest(nb)}".encode()).hexdigest()


def stored_digest(nb: dict) -> str | None:
    return nb.get("metadata", {}).get(METADATA_KEY, {}).get(DIGEST_KEY)


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


def is_up_to_date(path: Path, shared: str) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return stored_digest(nb) == inputs_digest(nb, shared) and not _figures_missing(path.stem)


# ---------------------------------------------------------------- execution


def _kernel_manager(socket_dir: Path):
    """A kernel that runs on this interpreter (the venv's), whatever kernelspecs exist.

    It talks over Unix sockets in ``socket_dir`` rather than TCP: nothing listens on
    the network, and ipykernel has no reason to warn about plain-text TCP.
    """
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    spec = KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name="Python 3 (collection)",
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


def normalise(nb) -> None:
    """Drop what changes on every run without meaning anything to a reader."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
    nb.metadata.pop("widgets", None)


def execute(path: Path, figures_dir: Path, cwd: Path | None = None, check_rerun: bool = False):
    """Run a notebook in a fresh kernel; return the executed NotebookNode.

    Figures go to ``figures_dir`` (the kernel sees COLLECTION_FIGURES_DIR);
    ``cwd`` is the kernel's working directory (default: the notebook's folder).
    With ``check_rerun`` every code cell is run a second time in the same kernel
    and must give the same outputs: what a reader exploring in JupyterLab does.
    Raises BuildError naming the notebook, the cell and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(path, as_version=4)
    # Socket paths must stay short (Unix limit ~107 bytes), hence the system temp dir.
    sockets = tempfile.mkdtemp(prefix="nbk-")
    os.environ["COLLECTION_FIGURES_DIR"] = str(figures_dir)
    os.environ["COLLECTION_NOTEBOOK"] = path.stem
    client = NotebookClient(
        nb,
        km=_kernel_manager(Path(sockets)),
        timeout=CELL_TIMEOUT_S,
        record_timing=False,
        resources={"metadata": {"path": str(cwd or path.parent)}},
    )
    try:
        if check_rerun:
            _execute_twice(client, path)
        else:
            client.execute()
    except (CellExecutionError, CellTimeoutError) as err:
        raise BuildError(_describe_failure(path, nb, err)) from None
    finally:
        _shutdown(client.km)
        shutil.rmtree(sockets, ignore_errors=True)
    return nb


def _shutdown(km) -> None:
    """nbclient leaves a kernel manager it was given running; stop the kernel here."""
    from jupyter_core.utils import run_sync

    if km is not None and km.has_kernel:
        run_sync(km.shutdown_kernel)(now=True)


def _comparable(cell) -> list:
    return [
        {k: v for k, v in out.items() if k != "execution_count"} for out in cell.get("outputs", [])
    ]


def _execute_twice(client, path: Path) -> None:
    """Run each code cell twice in a row; the second run must show what the first did."""
    with client.setup_kernel():
        count = 0
        for index, cell in enumerate(client.nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            client.execute_cell(cell, index, execution_count=count)
            first = _comparable(cell)
            client.execute_cell(cell, index, execution_count=count)
            if _comparable(cell) != first:
                raise BuildError(
                    f"{path.name}: cell {index + 1} gives different output when run a second time"
                )


def _describe_failure(path: Path, nb, err: Exception) -> str:
    for number, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"{path.name}: cell {number} failed: {out['ename']}: {out['evalue']}"
    first_line = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
    return f"{path.name}: execution failed: {first_line}"


def _publish_figures(stem: str, staging: Path) -> int:
    """Move a successful notebook's staged figures into figures/; drop its stale ones."""
    staged_manifest = staging / "manifest.csv"
    if not staged_manifest.exists():
        return 0
    from helpers.toolkit import manifest

    paths.FIGURES.mkdir(parents=True, exist_ok=True)
    fresh_rows = manifest.read_manifest(staged_manifest)
    fresh = {(r["name"], r["lang"]) for r in fresh_rows}
    for f in staging.iterdir():
        if f.name not in (manifest.MANIFEST_NAME, manifest.EXCEL_NAME):
            os.replace(f, paths.FIGURES / f.name)

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
    # Rewrite the whole manifest (and its Excel copy) through the manifest's own writer.
    manifest.write_manifest(kept + fresh_rows, main_manifest)
    return len(fresh_rows)


def build_one(path: Path, shared: str) -> Result:
    """Execute one notebook; on success write it back and publish its figures."""
    import nbformat

    print(f"[start] {path.name}", flush=True)
    started = time.perf_counter()
    staging_root = paths.BUILD / "staging"
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{path.stem}-", dir=staging_root))
    try:
        nb = execute(path, staging)
        normalise(nb)
        nb.metadata.setdefault(METADATA_KEY, {})[DIGEST_KEY] = inputs_digest(nb, shared)
        files.atomic_write_text(path, nbformat.writes(nb) + "\n")
        published = _publish_figures(path.stem, staging)
        seconds = time.perf_counter() - started
        extra = f", {published} figure(s)" if published else ""
        print(f"[done]  {path.name} in {seconds:.1f} s{extra}", flush=True)
        return Result(path.name, "executed", seconds)
    except BuildError as err:
        seconds = time.perf_counter() - started
        print(f"[FAIL]  {err}", flush=True)
        return Result(path.name, "failed", seconds, str(err))
    except Exception as err:  # a broken notebook file, a kernel that would not start
        seconds = time.perf_counter() - started
        message = f"{path.name}: {type(err).__name__}: {err}"
        print(f"[FAIL]  {message}", flush=True)
        return Result(path.name, "failed", seconds, message)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# ---------------------------------------------------------------- command line


def discover(names: list[str]) -> list[Path]:
    """The notebooks to consider: those named, or every notebooks/NN_*.ipynb."""
    if not names:
        from helpers.publish import editions

        found = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
        for lang in editions.editions():
            found += sorted(editions.folder(lang).glob("[0-9][0-9]_*.ipynb"))
        return found
    found = []
    for name in names:
        candidates = [Path(name), paths.NOTEBOOKS / name, paths.NOTEBOOKS / f"{name}.ipynb"]
        match = next((c for c in candidates if c.is_file() and c.suffix == ".ipynb"), None)
        if match is None:
            raise SystemExit(f"build: no notebook called {name!r} (looked in {paths.NOTEBOOKS})")
        found.append(match.resolve())
    return found


def build(notebooks: list[Path], jobs: int, force: bool) -> list[Result]:
    shared = shared_digest()
    todo, results = [], []
    for nb in notebooks:
        if not force and is_up_to_date(nb, shared):
            print(f"[skip]  {nb.name} (inputs unchanged since its last successful run)", flush=True)
            results.append(Result(nb.name, "skipped"))
        else:
            todo.append(nb)
    if len(todo) <= 1 or jobs <= 1:
        results += [build_one(nb, shared) for nb in todo]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
            futures = [pool.submit(build_one, nb, shared) for nb in todo]
            results += [f.result() for f in as_completed(futures)]
    return results


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
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    started = time.perf_counter()
    results = build(discover(args.notebooks), args.jobs, args.force)
    failed = [r for r in results if r.status == "failed"]
    counts = {s: sum(r.status == s for r in results) for s in ("executed", "skipped", "failed")}
    print(
        f"build: {counts['executed']} executed, {counts['skipped']} skipped, "
        f"{counts['failed']} failed in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    if failed:
        for r in failed:
            print(f"build: FAILED {r.message}", file=sys.stderr)
        print("build: previous figures of the failed notebook(s) were left untouched.",
              file=sys.stderr)
        return 1
    print(f"build: notebooks in {paths.NOTEBOOKS.relative_to(paths.ROOT)}/, "
          f"figures in {paths.FIGURES.relative_to(paths.ROOT)}/ "
          f"(index: {paths.FIGURES.relative_to(paths.ROOT)}/manifest.csv)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
