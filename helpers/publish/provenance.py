"""The fact-check's record: how recent each claim's evidence is, when each review was first
published, and whether every change to a published verdict is in the corrections log.

    python -m helpers.publish.provenance           # check all three; exit 1 naming each problem
    python -m helpers.publish.provenance --write   # write the computed evidence_as_of dates

A claim's ``evidence_as_of`` is the date of the latest dated fact it cites in
``data/source/facts.md``.  A fact dated twice ("2026-02-06 (said 2026-02-15)", "2025
(reported 2026-02-14)") counts from its later date: that is when the evidence existed.
A fact dated only to the month or year covers that whole span, so a claim whose latest
evidence may lie anywhere in February 2026 is "as of" ``2026-02``, not a made-up day.
Caveats (C01-C16) and ``chinesecalendar`` carry no date of their own and are skipped
(claims citing the calendar also cite the State Council notice H01, which is dated).

``--write`` changes only the ``evidence_as_of`` cells; every other byte of the file stays
as it was.

The published record is the repository's git history: the first commit that put a claim
in ``data/claims.csv`` published its review (``published_on`` must be that commit's date,
UTC) and its first verdict.  From there, each verdict change must appear in
``data/corrections.csv`` (from -> to, in order), and every committed version of the log
must begin with the version before it (the log is appended, never rewritten).

Public API::

    fact_dates(path=None) -> dict[str, Span]     # facts.md id -> its latest date
    evidence_as_of(evidence, dates=None) -> str | None
    expected(claims=None) -> dict[str, str | None]   # claim id -> computed value
    history(path) -> list[Version]               # committed versions of a file, oldest first
    publication_problems(versions, current) -> list[str]
    verdict_problems(versions, corrections, current) -> list[str]
    appended_problems(versions) -> list[str]
    HistoryUnavailable                            # not a git checkout, or a shallow one
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers.toolkit import files, paths

FACTS_MD = paths.SOURCE / "facts.md"
CLAIMS = paths.DATA / "claims.csv"
COLUMN = "evidence_as_of"

_ROW = re.compile(r"^\| ([A-Z][0-9]{2}) \|")
_DATE = re.compile(r"(?<![0-9])([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?(?![0-9])")


@dataclass(frozen=True, order=True)
class Span:
    """A date as precise as its source: a day, a month or a year (first and last day)."""

    last: dt.date
    first: dt.date

    @property
    def text(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: no more precise than the source."""
        if self.first == self.last:
            return self.first.isoformat()
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return self.first.isoformat()[:7]
        return str(self.first.year)


def _span(year: str, month: str | None, day: str | None) -> Span:
    y = int(year)
    if day:
        d = dt.date(y, int(month), int(day))
        return Span(d, d)
    if month:
        m = int(month)
        return Span(dt.date(y, m, calendar.monthrange(y, m)[1]), dt.date(y, m, 1))
    return Span(dt.date(y, 12, 31), dt.date(y, 1, 1))


def _latest(spans: list[Span]) -> Span:
    """The span that ends last; of two ending on the same day the narrower one (a day beats
    a month that ends that day: the evidence is then known to reach that exact day)."""
    return max(spans, key=lambda s: (s.last, s.first))


def fact_dates(path: Path | None = None) -> dict[str, Span]:
    """Each facts.md id with the latest date in its ``date`` column (ids with no date omitted)."""
    path = path or FACTS_MD
    found: dict[str, Span] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not _ROW.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) != 9:
            raise ValueError(f"{path}: line {number}: {len(cells)} cells, expected 9")
        spans = [_span(*m.groups()) for m in _DATE.finditer(cells[5])]
        if spans:
            found[cells[0]] = _latest(spans)
    return found


def evidence_as_of(evidence: str | None, dates: dict[str, Span] | None = None) -> str | None:
    """The "evidence as of" value for a claim's ``evidence`` cell (ids joined by ';')."""
    if not evidence:
        return None
    dates = fact_dates() if dates is None else dates
    spans = [dates[i] for i in evidence.split(";") if i in dates]
    return _latest(spans).text if spans else None


def expected(claims: Path | None = None) -> dict[str, str | None]:
    """Claim id -> the computed ``evidence_as_of`` for every row of claims.csv."""
    dates = fact_dates()
    with open(claims or CLAIMS, encoding="utf-8", newline="") as handle:
        return {r["claim_id"]: evidence_as_of(r["evidence"], dates) for r in csv.DictReader(handle)}


# --------------------------------------------------------------------------- the record
CORRECTIONS = paths.DATA / "corrections.csv"


class HistoryUnavailable(RuntimeError):
    """The git history that is the published record cannot be read here."""


@dataclass(frozen=True)
class Version:
    """One committed version of a file: the commit, its date (UTC) and its CSV rows."""

    commit: str
    date: str
    rows: tuple[dict, ...]


def _git(*args: str) -> str:
    env = {**os.environ, "TZ": "UTC", "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", *args], cwd=paths.ROOT, env=env, capture_output=True,
                              text=True, encoding="utf-8", check=False)
    except FileNotFoundError:
        raise HistoryUnavailable("git is not installed") from None
    if done.returncode:
        raise HistoryUnavailable(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def _rows(text: str) -> tuple[dict, ...]:
    return tuple(csv.DictReader(io.StringIO(text, newline="")))


def history(path: Path) -> list[Version]:
    """Every committed version of ``path`` on the current branch, oldest first.

    Raises HistoryUnavailable outside a git checkout, or in a shallow clone (whose oldest
    commit would pass for the first publication of everything in it)."""
    if _git("rev-parse", "--is-inside-work-tree").strip() != "true":
        raise HistoryUnavailable(f"{paths.ROOT} is not a git work tree")
    if _git("rev-parse", "--is-shallow-repository").strip() == "true":
        raise HistoryUnavailable("this is a shallow clone: fetch the full history "
                                 "(git fetch --unshallow) to read the published record")
    relative = path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    log = _git("log", "--reverse", "--format=%H %ad", "--date=format-local:%Y-%m-%d",
               "--", relative)
    versions = []
    for line in log.splitlines():
        commit, date = line.split()
        try:
            text = _git("show", f"{commit}:{relative}")
        except HistoryUnavailable:  # the commit deleted the file
            continue
        versions.append(Version(commit, date, _rows(text)))
    return versions


def publication_problems(versions: list[Version], current: list[dict]) -> list[str]:
    """Each claim's ``published_on`` must be the date of the first version that has it."""
    first_seen: dict[str, str] = {}
    for version in versions:
        for row in version.rows:
            first_seen.setdefault(row["claim_id"], version.date)
    problems = []
    for row in current:
        claim, published = row["claim_id"], row.get("published_on") or ""
        seen = first_seen.get(claim)
        if seen is None:
            problems.append(f"{claim}: not yet committed; published_on {published!r} cannot "
                            f"be checked until it is")
        elif published != seen:
            problems.append(f"{claim}: published_on is {published!r}, but the claim was first "
                            f"committed on {seen}")
    return problems


def verdict_problems(versions: list[Version], corrections: list[dict],
                     current: list[dict]) -> list[str]:
    """Replay the verdict corrections from each claim's first published verdict.

    Each correction's from_value must be the verdict it replaces, the last one must give
    the current verdict, and no committed version may show a verdict outside that chain
    (a change made and undone without a log entry is still a change)."""
    chains: dict[str, list[str]] = {}
    for version in versions:
        for row in version.rows:
            chains.setdefault(row["claim_id"], [row["verdict"]])
    problems = []
    logged = [c for c in corrections if c["table"] == "claims" and c["column"] == "verdict"]
    for fix in sorted(logged, key=lambda c: c["date"]):
        claim = fix["row"]
        chain = chains.get(claim)
        if chain is None:
            problems.append(f"corrections.csv: {fix['date']} {claim}: no such claim was ever "
                            f"published")
            continue
        if fix["from_value"] != chain[-1]:
            problems.append(f"corrections.csv: {fix['date']} {claim}: from_value is "
                            f"{fix['from_value']!r}, but the verdict then was {chain[-1]!r}")
        chain.append(fix["to_value"])
    for row in current:
        claim, verdict = row["claim_id"], row["verdict"]
        chain = chains.get(claim)
        if chain is not None and verdict != chain[-1]:
            problems.append(f"{claim}: verdict is {verdict!r}, but the published record "
                            f"(first verdict {chain[0]!r}, then the corrections log) gives "
                            f"{chain[-1]!r}: log the change in corrections.csv")
    for version in versions:
        for row in version.rows:
            chain = chains[row["claim_id"]]
            if row["verdict"] not in chain:
                problems.append(f"{row['claim_id']}: commit {version.commit[:7]} "
                                f"({version.date}) published the verdict {row['verdict']!r}, "
                                f"which the corrections log never mentions")
    return problems


def appended_problems(versions: list[Version]) -> list[str]:
    """Each version of the log must start with every row of the version before it."""
    problems = []
    for before, after in zip(versions, versions[1:]):
        for n, old in enumerate(before.rows):
            new = after.rows[n] if n < len(after.rows) else None
            if new is None or any(new.get(k) != v for k, v in old.items()):
                problems.append(f"corrections.csv: commit {after.commit[:7]} ({after.date}) "
                                f"changed or removed row {n + 1} of the log as published in "
                                f"{before.commit[:7]}: corrections are appended, never edited")
                break
    return problems


def record_problems() -> list[str]:
    """Every problem with the published record of the repository as it is now."""
    with open(CLAIMS, encoding="utf-8", newline="") as handle:
        current = list(csv.DictReader(handle))
    with open(CORRECTIONS, encoding="utf-8", newline="") as handle:
        corrections = list(csv.DictReader(handle))
    claims = history(CLAIMS)
    log = history(CORRECTIONS)
    working = Version("working tree", "now", tuple(corrections))
    return (publication_problems(claims, current)
            + verdict_problems(claims, corrections, current)
            + appended_problems([*log, working]))


def _rewrite(path: Path, values: dict[str, str | None]) -> str:
    """The file's text with only the evidence_as_of cells replaced."""
    original = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(original, newline="")))
    header = rows[0]
    key, column = header.index("claim_id"), header.index(COLUMN)
    for row in rows[1:]:
        if row:
            row[column] = values.get(row[key]) or ""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish.provenance",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true",
                        help="write the computed dates into data/claims.csv")
    args = parser.parse_args(argv)
    want = expected()
    with open(CLAIMS, encoding="utf-8", newline="") as handle:
        have = {r["claim_id"]: r.get(COLUMN) or None for r in csv.DictReader(handle)}
    wrong = {c: (have.get(c), v) for c, v in want.items() if have.get(c) != v}
    if args.write and wrong:
        text = _rewrite(CLAIMS, want)
        files.atomic_write_text(CLAIMS, text)
        print(f"{paths.DATA.name}/{CLAIMS.name}: {len(wrong)} {COLUMN} value(s) written")
        return 0
    problems = [f"{claim}: {COLUMN} is {got or '(empty)'}, the cited facts give "
                f"{computed or '(no dated evidence)'}" for claim, (got, computed)
                in sorted(wrong.items())]
    try:
        problems += record_problems()
    except HistoryUnavailable as err:
        problems.append(f"the published record cannot be checked: {err}")
    for problem in problems:
        print(f"helpers.publish.provenance: {problem}", file=sys.stderr)
    if not problems:
        print(f"{CLAIMS.name}: evidence dates, publication dates and the corrections log agree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
