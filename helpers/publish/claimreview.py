"""The fact-check in the fact-checkers' standard: one schema.org ClaimReview per claim.

Used by the HTML edition (``helpers.publish.html``): the fact-check page
(``06_fact_check.html``) of every language's site gets a section with one block per
claim, each with its own anchor (``#claim-CL01``) and its ClaimReview as JSON-LD, plus
the verdict scale and the corrections log; the same objects go to ``claims.jsonld``
beside the pages.  Each site's section and reviews are in that site's language
(``inLanguage``); one analysis, the languages as data:

* the section's words and the review's own sentences are templates in the word files
  (``helpers/analysis/words/<lang>.toml``, section ``published_record``), so a new
  language needs its words, not a new branch here;
* a text column of a table is English when bare (claims.csv ``note``, corrections.csv
  ``why``) and ``<column>_<lang>`` in another language (``note_ar``, ``why_ar``); the verdict scale
  has ``label_<lang>`` and ``definition_<lang>``.

Each ClaimReview says:

* ``claimReviewed``: the article's Arabic words for the claim; for a reader of another
  language, followed by the claim in theirs (the word files' ``claim_reviewed``: English
  adds ``gloss_en``);
* ``name``: the claim id and the claim in the review's language (claims.csv
  ``gloss_<lang>`` where it has one, else ``short_<lang>``);
* ``reviewRating``: ``alternateName`` = the verdict's label in the review's language
  (data/verdicts.csv ``label_<lang>``; its ``name`` adds the article's own-language label
  when that differs); ``ratingValue`` on the 1-3 scale of data/verdicts.csv (none for
  "cannot be checked", which is off the scale); ``ratingExplanation`` = the claim's check's
  own explanation in that language (``helpers.analysis.checks``, the sentences notebook 06
  shows), else the verdict's ``definition_<lang>``.  The block on the page shows the same
  sentence, so what the page says and what the structured data say agree;
* ``itemReviewed``: a ``Claim`` whose author and appearance are the article
  (الاقتصادية, 2 Feb 2026, see data/README.md).  No ``firstAppearance``: many of the
  article's sentences first appeared in Reuters' copy, so naming the article as the
  first appearance would be untrue; no ``url`` for the article, because the collection
  holds the text but not its web address;
* ``author``: the collection, by its title in the review's language (the README's, as the
  site's index shows it); ``datePublished``: the claim's ``published_on``;
  ``dateModified``: its latest correction, if any;
* ``url`` and ``@id``: the page and the claim's anchor.  Relative by default (the HTML
  edition is read from files); set ``COLLECTION_SITE_URL`` to the site's address when
  publishing it on the web, and they become absolute.

Dates in the JSON-LD are ISO (``2026-02-02``), for machines; on the page they are written
the reader's way (``2 فبراير 2026``) by :mod:`helpers.toolkit.wording`.

The required and recommended properties are Google's ("Fact check (ClaimReview)
structured data", Search Central), as tabulated by Full Fact's ClaimReview notes:
:data:`REQUIRED` is what :func:`problems` enforces.

Public API::

    reviews(page=FACT_CHECK_PAGE, site_url=None, lang="en") -> list[dict]
    problems(review) -> list[str]
    jsonld(reviews) -> str                 # the claims.jsonld document
    section_html(reviews, methodology=..., lang="en") -> str   # the fact-check page's section
    anchor(claim_id) -> str
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from helpers.toolkit import langs, paths

FACT_CHECK_STEM = "06_fact_check"
FACT_CHECK_PAGE = f"{FACT_CHECK_STEM}.html"
JSONLD_FILE = "claims.jsonld"
METHODOLOGY_PAGE = "methodology.html"
SITE_URL_VARIABLE = "COLLECTION_SITE_URL"
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: The article every claim comes from (data/README.md: "published by الاقتصادية, Monday
#: 2 Feb 2026"; the masthead is line 1 of data/source/article.as-supplied.ar.txt).
PUBLISHER = {"@type": "NewsMediaOrganization", "name": "الاقتصادية",
             "alternateName": "Al Eqtisadiah"}
ARTICLE_DATE = "2026-02-02"
#: The article's language: its words are quoted as they are on every site.
ARTICLE_LANG = "ar"
#: The language of a table's bare text columns (claims.csv ``note``, corrections.csv ``why``).
TABLE_LANG = "en"
#: The language of the Africa Check rating names quoted in the verdict scale.
AFRICA_CHECK_LANG = "en"
#: The word files' section with the published record's words.
WORDS = "published_record"

#: Google's required properties, then the ones this collection also promises (the brief of
#: issue 13: author, datePublished, an itemReviewed Claim with its author and appearance).
REQUIRED = {
    "ClaimReview": ("claimReviewed", "reviewRating", "url", "author", "datePublished",
                    "itemReviewed"),
    "Rating": ("alternateName",),
    "Claim": ("author", "appearance", "datePublished"),
}
#: Google's recommended properties that are deliberately left out, and why.
OMITTED = {
    "Claim.firstAppearance": "the article relays Reuters' copy; it is not where the claims "
                             "first appeared",
    "Rating.ratingValue (cannot be checked)": "off the numeric scale (data/verdicts.csv)",
}


def anchor(claim_id: str) -> str:
    """The id of a claim's block on the fact-check page."""
    return f"claim-{claim_id}"


def column_in(column: str, lang: str) -> str:
    """The name of a text column in *lang*: bare in English (``why``), else ``why_ar``."""
    return column if lang == TABLE_LANG else f"{column}_{lang}"


def _collection(lang: str) -> dict:
    """The collection as an author: its title in *lang* as its site's index shows it (the
    README's title, or the title of the README's part in that language), else English's."""
    from helpers.publish import html

    name = "qwen-red-envelope-collection"
    readme = paths.ROOT / "README.md"
    if readme.is_file():
        text = readme.read_text(encoding="utf-8")
        name = html.readme_title(text, lang) or html.readme_title(text, TABLE_LANG) or name
    return {"@type": "Organization", "name": name}


def _iso(value) -> str | None:
    if value is None or value != value:  # None or NaN/NaT
        return None
    return value.date().isoformat() if hasattr(value, "date") else str(value)


def _cell(row, column: str) -> str:
    """A text cell of a row (a pandas Series or namedtuple) as a string; "" when empty."""
    value = row.get(column) if hasattr(row, "get") else getattr(row, column, None)
    return value if isinstance(value, str) else ""


def _explanations(claims, scale, lang: str) -> dict[str, str]:
    """Claim id -> why its verdict holds, in *lang*: the check's own explanation (the one
    notebook 06 shows), else the verdict's definition.  A check whose computed verdict is
    not the published one explains another verdict; the definition is used then too."""
    from helpers.analysis import checks

    checked = checks.run_all().set_index("claim_id")
    out = {}
    for row in claims.itertuples(index=False):
        said = ""
        if row.claim_id in checked.index:
            result = checked.loc[row.claim_id]
            if result["verdict"] == row.verdict:
                said = result[f"explanation_{lang}"] or ""
        out[row.claim_id] = said or scale.loc[row.verdict, f"definition_{lang}"]
    return out


def reviews(page: str = FACT_CHECK_PAGE, site_url: str | None = None,
            lang: str = TABLE_LANG) -> list[dict]:
    """One ClaimReview (a JSON-LD object) per row of data/claims.csv, in claim order,
    written in *lang* (``inLanguage``)."""
    import pandas as pd

    from helpers.analysis import data, words

    lang = langs.check(lang)
    said = words.of(lang)
    site_url = site_url if site_url is not None else os.environ.get(SITE_URL_VARIABLE, "")
    base = site_url.rstrip("/") + "/" if site_url else ""
    claims = data.load("claims")
    scale = data.load("verdicts").set_index("verdict")
    corrections = data.load("corrections")
    best, worst = int(scale["rating_value"].max()), int(scale["rating_value"].min())
    explanations = _explanations(claims, scale, lang)
    author = _collection(lang)
    if base:
        author["url"] = base
    headline = data.article(ARTICLE_LANG)[0]
    article = {"@type": "NewsArticle", "headline": headline, "inLanguage": ARTICLE_LANG,
               "datePublished": ARTICLE_DATE, "publisher": PUBLISHER}
    gloss = f"gloss_{lang}" if f"gloss_{lang}" in claims else None
    out = []
    for row in claims.itertuples(index=False):
        verdict = scale.loc[row.verdict]
        url = f"{base}{page}#{anchor(row.claim_id)}"
        labels = dict.fromkeys([verdict[f"label_{lang}"], verdict[f"label_{ARTICLE_LANG}"]])
        rating = {"@type": "Rating", "alternateName": verdict[f"label_{lang}"],
                  "name": " · ".join(labels)}
        if pd.notna(verdict["rating_value"]):
            rating |= {"ratingValue": int(verdict["rating_value"]), "bestRating": best,
                       "worstRating": worst}
        rating["ratingExplanation"] = explanations[row.claim_id]
        in_words = _cell(row, gloss) if gloss else _cell(row, f"short_{lang}")
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "@id": url,
            "url": url,
            "identifier": row.claim_id,
            "inLanguage": lang,
            "name": f"{row.claim_id}: {in_words}",
            "claimReviewed": said.say(f"{WORDS}.claim_reviewed", quote=row.quote_ar,
                                      gloss=_cell(row, gloss) if gloss else ""),
            "reviewRating": rating,
            "itemReviewed": {"@type": "Claim", "author": PUBLISHER,
                             "datePublished": ARTICLE_DATE, "appearance": article},
            "author": author,
            "datePublished": _iso(row.published_on),
        }
        fixes = corrections[(corrections["table"] == "claims")
                            & (corrections["row"] == row.claim_id)]
        if len(fixes):
            review["dateModified"] = _iso(fixes["date"].max())
        out.append(review)
    return out


def problems(review: dict) -> list[str]:
    """What a ClaimReview lacks of :data:`REQUIRED` (empty list: nothing)."""
    found = []
    where = review.get("url") or review.get("@id") or "(a ClaimReview)"

    def need(obj, kind, label):
        if not isinstance(obj, dict) or obj.get("@type") not in _TYPES[kind]:
            found.append(f"{where}: {label} is not a {kind}")
            return
        for key in REQUIRED[kind]:
            value = obj.get(key)
            if value in (None, "", [], {}):
                found.append(f"{where}: {label}.{key} is missing")

    need(review, "ClaimReview", "ClaimReview")
    need(review.get("reviewRating"), "Rating", "reviewRating")
    need(review.get("itemReviewed"), "Claim", "itemReviewed")
    if review.get("@context") not in ("https://schema.org", "http://schema.org"):
        found.append(f"{where}: @context is not schema.org")
    date = review.get("datePublished") or ""
    if date and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        found.append(f"{where}: datePublished {date!r} is not an ISO date")
    return found


_TYPES = {"ClaimReview": ("ClaimReview",), "Rating": ("Rating",), "Claim": ("Claim",)}


def jsonld(items: list[dict]) -> str:
    """claims.jsonld: every ClaimReview in one JSON-LD document (a graph)."""
    graph = [{k: v for k, v in r.items() if k != "@context"} for r in items]
    return json.dumps({"@context": "https://schema.org", "@graph": graph},
                      ensure_ascii=False, indent=2) + "\n"


def _script(review: dict) -> str:
    """A review as the body of a <script type="application/ld+json"> element.

    ``</`` is written ``<\\/`` (still the same JSON) so no text can close the element."""
    return json.dumps(review, ensure_ascii=False, indent=1).replace("</", "<\\/")


def _say(said, key: str, /, markup: dict | None = None, **values):
    """A sentence of the section as HTML, in the language of *said* (a word file): the
    template ``published_record.<key>`` filled with *values*, escaped, `backticks` as
    code, and each ``{name}`` of *markup* replaced by the HTML given for it (a link, an id
    kept left to right)."""
    from helpers.publish.html import fill

    markup = markup or {}
    slots = {name: "{" + name + "}" for name in markup}
    return fill(said.say(f"{WORDS}.{key}", **values, **slots), **markup)


def _ids(ids: list[str], prefix: str) -> tuple[list[str], dict]:
    """Ids for a sentence: slots to list in it, and each id as an isolated run, so that a
    list of Latin ids reads in the sentence's order (right to left in an Arabic one)."""
    from markupsafe import Markup, escape

    slots = [f"{{{prefix}{n}}}" for n in range(len(ids))]
    return slots, {f"{prefix}{n}": Markup(f"<bdi>{escape(i)}</bdi>") for n, i in enumerate(ids)}


def _breakable(name: str):
    """A stored name as HTML that may wrap after each underscore (per_user_cap_amount),
    so that a narrow table column need not be as wide as the whole name."""
    from markupsafe import Markup, escape

    return Markup("_<wbr>").join(escape(part) for part in str(name).split("_"))


def _as_of(value: str, lang: str) -> str:
    """An evidence-as-of date the reader's way: a day, or a month when that is all the
    evidence is dated to (``2026-02`` -> "February 2026")."""
    from helpers.toolkit import fmt

    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        year, month = value.split("-")
        return f"{fmt.month_name(int(month), lang)} {year}"
    return fmt.day_month(value, lang, year=True)


def section_html(items: list[dict], methodology: str | None = METHODOLOGY_PAGE,
                 lang: str = TABLE_LANG) -> str:
    """The fact-check page's section in *lang*: the verdict scale, one block per claim,
    the corrections log.

    ``items``: the reviews from :func:`reviews` in the same language (ValueError if one is
    in another); ``methodology``: the page explaining the method, linked from the section
    (None: none)."""
    import jinja2
    import pandas as pd
    from markupsafe import Markup, escape

    from helpers.analysis import data, words
    from helpers.toolkit import fmt

    lang = langs.check(lang)
    other = sorted({r.get("inLanguage") for r in items} - {lang}, key=str)
    if other:
        raise ValueError(f"section_html(lang={lang!r}) was given reviews in {other}")
    said, language = words.of(lang), langs.get(lang)
    article_language = langs.get(ARTICLE_LANG)
    claims = data.load("claims").set_index("claim_id")
    scale = data.load("verdicts").set_index("verdict")
    corrections = data.load("corrections")
    gloss = f"gloss_{lang}" if lang != ARTICLE_LANG and f"gloss_{lang}" in claims else None
    note = column_in("note", lang)

    def link(href: str, text: str, isolated: bool = False):
        """A link; *isolated*: its text is a name (a file's) kept left to right."""
        text = Markup(f"<bdi>{escape(text)}</bdi>") if isolated else escape(text)
        return Markup(f'<a href="{escape(href)}">{text}</a>')

    def labels(verdict: str) -> list[dict]:
        """The verdict in the page's language, then in the article's where that differs."""
        shown = [{"text": scale.loc[verdict, f"label_{lang}"], "lang": lang,
                  "dir": language.direction}]
        if ARTICLE_LANG != lang:
            shown.append({"text": scale.loc[verdict, f"label_{ARTICLE_LANG}"],
                          "lang": ARTICLE_LANG, "dir": article_language.direction})
        return shown

    blocks = []
    for review in items:
        claim_id = review["identifier"]
        row = claims.loc[claim_id]
        evidence = [i for i in _cell(row, "evidence").split(";") if i]
        meta = []
        if evidence:
            slots, markup = _ids(evidence, "id")
            meta.append(_say(said, "evidence", markup, ids=slots,
                             as_of=_as_of(_cell(row, "evidence_as_of"), lang)))
        else:
            meta.append(_say(said, "no_evidence"))
        meta.append(_say(said, "published", day=review["datePublished"]))
        if review.get("dateModified"):
            meta.append(_say(said, "corrected", {"link": link("#corrections", said[
                f"{WORDS}.corrections_link"])}, day=review["dateModified"]))
        paragraph = int(row["paragraph"])
        blocks.append({
            "id": anchor(claim_id), "claim_id": claim_id, "verdict": row["verdict"],
            "labels": labels(row["verdict"]),
            "place": (said.say(f"{WORDS}.paragraph", n=paragraph) if paragraph
                      else said[f"{WORDS}.headline"]),
            "quote_ar": row["quote_ar"], "gloss": _cell(row, gloss) if gloss else "",
            "explanation": review["reviewRating"]["ratingExplanation"],
            "note": _cell(row, note) if note in claims else "",
            "meta": Markup(" · ").join(meta), "script": _script(review),
        })
    scale_rows = [{"verdict": verdict, "labels": labels(verdict),
                   "definition": scale.loc[verdict, f"definition_{lang}"],
                   "article_definition": scale.loc[verdict, f"definition_{ARTICLE_LANG}"],
                   "africa_check": _cell(scale.loc[verdict], "africa_check")}
                  for verdict in scale.index]
    fixes = []
    for fix in corrections.to_dict("records"):
        values = {}
        for side in ("from_value", "to_value"):
            value = "" if pd.isna(fix[side]) else str(fix[side])
            is_verdict = fix["column"] == "verdict" and value in scale.index
            values[side] = {"text": scale.loc[value, f"label_{lang}"] if is_verdict else value,
                            "code": not is_verdict}
        fixes.append({
            "date": fmt.day_month(fix["date"], lang, year=True), "table": fix["table"],
            "row": fix["row"], "claim": fix["table"] == "claims", "column": fix["column"],
            **values, "why": _cell(fix, column_in("why", lang)),
            "evidence": [i for i in _cell(fix, "evidence").split(";") if i],
        })
    headers = said[f"{WORDS}.columns"]
    intro = _say(said, "intro", {"file": link(JSONLD_FILE, JSONLD_FILE, isolated=True)}, count=len(blocks))
    if methodology:
        intro += Markup(" ") + _say(said, "method", {"link": link(
            methodology, said[f"{WORDS}.method_link"])})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["breakable"] = _breakable
    return env.get_template("site/claim_reviews.html.j2").render(
        lang=lang, dir=language.direction, comma=language.comma,
        article={"lang": ARTICLE_LANG, "dir": article_language.direction},
        article_words=words.of(ARTICLE_LANG)[WORDS] if ARTICLE_LANG != lang else None,
        africa_check_lang=AFRICA_CHECK_LANG,
        words={key: value for key, value in said[WORDS].items() if isinstance(value, str)},
        note_label=language.word("note"), headers=headers, intro=intro, claims=blocks, scale=scale_rows, corrections=fixes,
        no_corrections=_say(said, "no_corrections"),
    )
