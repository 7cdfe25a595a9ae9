"""The fact-check in the fact-checkers' standard: one schema.org ClaimReview per claim.

Used by the HTML edition (``helpers.publish.html``): the fact-check page
(``06_fact_check.html``) gets a section with one block per claim, each with its own
anchor (``#claim-CL01``) and its ClaimReview as JSON-LD, plus the verdict scale and the
corrections log; the same objects go to ``claims.jsonld`` beside the pages.

Each ClaimReview says:

* ``claimReviewed``: the article's Arabic words for the claim, with the English gloss;
* ``reviewRating``: ``alternateName`` = the verdict; ``ratingValue`` on the 1-3 scale of
  data/verdicts.csv (none for "cannot be checked", which is off the scale);
  ``ratingExplanation`` = the claim's note, else the verdict's definition;
* ``itemReviewed``: a ``Claim`` whose author and appearance are the article
  (الاقتصادية, 2 Feb 2026, see data/README.md).  No ``firstAppearance``: many of the
  article's sentences first appeared in Reuters' copy, so naming the article as the
  first appearance would be untrue; no ``url`` for the article, because the collection
  holds the text but not its web address;
* ``author``: the collection (the README's title); ``datePublished``: the claim's
  ``published_on``; ``dateModified``: its latest correction, if any;
* ``url`` and ``@id``: the page and the claim's anchor.  Relative by default (the HTML
  edition is read from files); set ``COLLECTION_SITE_URL`` to the site's address when
  publishing it on the web, and they become absolute.

The required and recommended properties are Google's ("Fact check (ClaimReview)
structured data", Search Central), as tabulated by Full Fact's ClaimReview notes:
:data:`REQUIRED` is what :func:`problems` enforces.

Public API::

    reviews(page=FACT_CHECK_PAGE, site_url=None) -> list[dict]
    problems(review) -> list[str]
    jsonld(reviews) -> str                 # the claims.jsonld document
    section_html(reviews, methodology=...) -> str   # the fact-check page's section
    anchor(claim_id) -> str
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from helpers.toolkit import paths

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


def _collection() -> dict:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", readme, flags=re.M)
    name = match.group(1).strip() if match else "qwen-red-envelope-collection"
    return {"@type": "Organization", "name": name}


def _iso(value) -> str | None:
    if value is None or value != value:  # None or NaN/NaT
        return None
    return value.date().isoformat() if hasattr(value, "date") else str(value)


def reviews(page: str = FACT_CHECK_PAGE, site_url: str | None = None) -> list[dict]:
    """One ClaimReview (a JSON-LD object) per row of data/claims.csv, in claim order."""
    import pandas as pd

    from helpers.analysis import data

    site_url = site_url if site_url is not None else os.environ.get(SITE_URL_VARIABLE, "")
    base = site_url.rstrip("/") + "/" if site_url else ""
    claims = data.load("claims")
    scale = data.load("verdicts").set_index("verdict")
    corrections = data.load("corrections")
    best, worst = int(scale["rating_value"].max()), int(scale["rating_value"].min())
    author = _collection()
    if base:
        author["url"] = base
    headline = data.article("ar")[0]
    article = {"@type": "NewsArticle", "headline": headline, "inLanguage": "ar",
               "datePublished": ARTICLE_DATE, "publisher": PUBLISHER}
    out = []
    for row in claims.itertuples(index=False):
        verdict = scale.loc[row.verdict]
        url = f"{base}{page}#{anchor(row.claim_id)}"
        rating = {"@type": "Rating", "alternateName": verdict["label_en"],
                  "name": f"{verdict['label_en']} · {verdict['label_ar']}"}
        if pd.notna(verdict["rating_value"]):
            rating |= {"ratingValue": int(verdict["rating_value"]), "bestRating": best,
                       "worstRating": worst}
        rating["ratingExplanation"] = (row.note if isinstance(row.note, str) and row.note
                                       else verdict["definition_en"])
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "@id": url,
            "url": url,
            "identifier": row.claim_id,
            "name": f"{row.claim_id}: {row.gloss_en}",
            "claimReviewed": f"{row.quote_ar} (English: {row.gloss_en})",
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


def section_html(items: list[dict], methodology: str | None = METHODOLOGY_PAGE) -> str:
    """The fact-check page's section: the verdict scale, one block per claim, corrections.

    ``methodology``: the page explaining the method, linked from the section (None: none)."""
    import jinja2
    import pandas as pd

    from helpers.analysis import data

    claims = data.load("claims").set_index("claim_id")
    scale = data.load("verdicts")
    corrections = data.load("corrections")
    blocks = []
    for review in items:
        claim_id = review["identifier"]
        row = claims.loc[claim_id]
        verdict = scale.set_index("verdict").loc[row["verdict"]]
        blocks.append({
            "id": anchor(claim_id), "claim_id": claim_id, "verdict": row["verdict"],
            "label_en": verdict["label_en"], "label_ar": verdict["label_ar"],
            "quote_ar": row["quote_ar"], "gloss_en": row["gloss_en"],
            "note": row["note"] if isinstance(row["note"], str) else "",
            "evidence": (row["evidence"] or "").replace(";", ", ")
            if isinstance(row["evidence"], str) else "",
            "as_of": row["evidence_as_of"] if isinstance(row["evidence_as_of"], str) else "",
            "published": review["datePublished"], "modified": review.get("dateModified"),
            "paragraph": int(row["paragraph"]), "script": _script(review),
        })
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template("site/claim_reviews.html.j2").render(
        claims=blocks,
        scale=[{k: ("" if pd.isna(v) else v) for k, v in r.items()}
               for r in scale.to_dict("records")],
        corrections=[{k: ("" if pd.isna(v) else (v.date().isoformat() if hasattr(v, "date")
                                                 else v)) for k, v in r.items()}
                     for r in corrections.to_dict("records")],
        methodology=methodology, jsonld_file=JSONLD_FILE,
    )
