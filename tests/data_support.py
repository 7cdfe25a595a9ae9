"""Shared helpers for the data tests: reading facts.md, finding numbers and dates in text.

The number/date finders are deliberately narrow (they understand the wording that occurs in
the article and in facts.md, nothing more), so that a wrong value in a CSV row is not
"found" by accident in its quote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from helpers.toolkit import paths

FACTS_MD = paths.SOURCE / "facts.md"


# --------------------------------------------------------------------------- facts.md
@lru_cache(maxsize=1)
def facts() -> dict[str, dict[str, str]]:
    """facts.md rows by id: fact, value, unit, date, url, quote, confidence (first word)."""
    rows = {}
    for line in FACTS_MD.read_text(encoding="utf-8").splitlines():
        if not re.match(r"^\| [A-Z][0-9]{2} \|", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == 9, f"facts.md row with {len(cells)} cells: {line[:60]}"
        fid, _topic, fact, value, unit, date, url, quote, confidence = cells
        rows[fid] = dict(
            fact=fact,
            value=value,
            unit=unit,
            date=date,
            url=url,
            quote=quote,
            confidence=confidence.split()[0],
        )
    return rows


@lru_cache(maxsize=1)
def caveat_ids() -> set[str]:
    return set(re.findall(r"\*\*(C[0-9]{2}) –", FACTS_MD.read_text(encoding="utf-8")))


def fact_text(fid: str) -> str:
    """Everything facts.md says about one fact, as one string to search in."""
    f = facts()[fid]
    return " | ".join((f["fact"], f["value"], f["unit"], f["date"], f["quote"]))


# --------------------------------------------------------------------------- numbers
_SCALES = {
    "bn": 1e9,
    "billion": 1e9,
    "m": 1e6,
    "million": 1e6,
    "亿": 1e8,
    "億": 1e8,
    "万": 1e4,
    "萬": 1e4,
}
_EN_NUMBER = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(bn|billion|million|m|亿|億|万|萬)?(?![a-z])"
)


def fact_numbers(text: str) -> set[float]:
    """Numbers written in an English/Chinese source text: '3,000,000,000', '1.9 bn', '7352 万'."""
    found = set()
    for match in _EN_NUMBER.finditer(text):
        number = float(match.group(1).replace(",", ""))
        found.add(number)
        if match.start() and text[match.start() - 1] in "-\u2212":  # "-17%": a fall
            found.add(-number)
        if match.group(2):
            found.add(number * _SCALES[match.group(2)])
    return found


_AR_SCALES = {
    "مليار": 10**9,
    "مليارات": 10**9,
    "مليون": 10**6,
    "ملايين": 10**6,
    "ألف": 10**3,
    "آلاف": 10**3,
}
_AR_WORDS = {
    "واحد": 1,
    "اثنان": 2,
    "ثلاثة": 3,
    "أربعة": 4,
    "خمسة": 5,
    "ستة": 6,
    "سبعة": 7,
    "ثمانية": 8,
    "تسعة": 9,
    "عشرة": 10,
}
_AR_ORDINALS = {
    "الأول": 1,
    "الثاني": 2,
    "الثالث": 3,
    "الرابع": 4,
    "الخامس": 5,
    "السادس": 6,
    "السابع": 7,
    "الثامن": 8,
    "التاسع": 9,
    "العاشر": 10,
}
_AR_MONTHS = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يوليو": 7,
    "أغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
_PROCLITICS = ("و", "ب", "ل", "ف")


def _ar_word(token: str, table: dict[str, int]) -> int | None:
    token = token.strip('،.؛:()“”"')
    if token in table:
        return table[token]
    if token[:1] in _PROCLITICS and token[1:] in table:
        return table[token[1:]]
    return None


def arabic_numbers(text: str) -> set[int]:
    """Numbers an Arabic sentence states: '3 مليارات' -> 3e9, 'مليار' -> 1e9, 'تسعة' -> 9, '431'."""
    found: set[int] = set()
    tokens = text.split()
    for i, token in enumerate(tokens):
        bare = token.strip('،.؛:()“”"')
        if re.fullmatch(r"\d+", bare):
            number = int(bare)
            found.add(number)
            scale = _ar_word(tokens[i + 1], _AR_SCALES) if i + 1 < len(tokens) else None
            if scale:
                found.add(number * scale)
            continue
        scale = _ar_word(token, _AR_SCALES)
        if scale and not (i and re.fullmatch(r"\d+", tokens[i - 1].strip("،."))):
            found.add(scale)  # a bare 'مليار' means one billion
        word = _ar_word(token, _AR_WORDS)
        if word:
            found.add(word)
    return found


# --------------------------------------------------------------------------- dates
DateMention = tuple  # (year | None, month | None, day | None)


def arabic_dates(text: str) -> set[DateMention]:
    """Dates an Arabic sentence states: '15 فبراير', 'السادس من فبراير', 'في يناير', '2015'."""
    found: set[DateMention] = set()
    tokens = [t.strip('،.؛:()“”"') for t in text.split()]
    for i, token in enumerate(tokens):
        month = _ar_word(token, _AR_MONTHS)
        if not month:
            continue
        year = (
            int(tokens[i + 1])
            if i + 1 < len(tokens) and re.fullmatch(r"\d{4}", tokens[i + 1])
            else None
        )
        before = tokens[i - 1] if i else ""
        if before == "من" and i >= 2:  # 'السادس من فبراير'
            before = tokens[i - 2]
        day = int(before) if re.fullmatch(r"\d{1,2}", before) else _ar_word(before, _AR_ORDINALS)
        found.add((year, month, day))
    for year in re.findall(r"(?<!\d)(20\d{2})(?!\d)", text):
        found.add((int(year), None, None))
    return found


_MON = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH_RE = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"


def english_dates(text: str) -> set[DateMention]:
    """Dates in a facts.md row: ISO, '6 Feb 2026', 'February 17', '6–12 Feb', 'Nov 2025', M月D日."""
    found: set[DateMention] = set()
    for y, m, d in re.findall(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", text):
        found.add((int(y), int(m), int(d)))
    for y, m in re.findall(r"(?<!\d)(\d{4})-(\d{2})(?![\d-])", text):
        found.add((int(y), int(m), None))
    for d, mon, y in re.findall(rf"(?<![\d.])(\d{{1,2}})\s+{_MONTH_RE}(?:\s+(\d{{4}}))?", text):
        found.add((int(y) if y else None, _MON[mon.lower()], int(d)))
    for d1, d2, mon in re.findall(
        rf"(?<![\d.])(\d{{1,2}})\s*[–-]\s*(\d{{1,2}})\s+{_MONTH_RE}", text
    ):
        found |= {(None, _MON[mon.lower()], int(d1)), (None, _MON[mon.lower()], int(d2))}
    for mon, d, y in re.findall(
        rf"{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,\s*(\d{{4}}))?", text
    ):
        found.add((int(y) if y else None, _MON[mon.lower()], int(d)))
    for mon, y in re.findall(rf"{_MONTH_RE}\s+(\d{{4}})", text):
        found.add((int(y), _MON[mon.lower()], None))
    for m, d in re.findall(r"(\d{1,2})月(\d{1,2})日", text):
        found.add((None, int(m), int(d)))
    return found


def date_mentioned(date: dt.date, mentions: set[DateMention], *, month_level: bool = False) -> bool:
    """Is ``date`` among ``mentions``?  A mention without a year matches any year; with
    ``month_level`` a month mention (no day) matches the first or last day of that month."""
    for year, month, day in mentions:
        if month != date.month or year not in (None, date.year):
            continue
        if day == date.day:
            return True
        next_day = date + dt.timedelta(days=1)
        if day is None and month_level and (date.day == 1 or next_day.month != date.month):
            return True
    return False


# --------------------------------------------------------------------------- files
def tree_digest(folder: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime of every file under ``folder`` (to prove nothing was written)."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
