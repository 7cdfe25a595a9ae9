"""helpers.analysis.present: tables in the reader's language."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis import present


def test_two_columns_with_one_header_are_refused_naming_both():
    """"claims" (a count) and "ids" once both read «الادعاءات»; pandas then dropped one
    column from 06's table with a warning. The clash is now an error naming both."""
    frame = pd.DataFrame({"claim_id": ["CL01"], "claims": [1]})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(present, "header", lambda column, lang: "same")
        with pytest.raises(ValueError, match="'claim_id' and 'claims' both read 'same' in ar"):
            present.localize(frame, "ar")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_distinct_headers_keep_every_column(lang):
    frame = pd.DataFrame({"verdict": ["holds"], "claims": [22], "ids": ["CL01"]})
    assert len(present.localize(frame, lang).columns) == 3
