"""Clean a Dask bag of documents, on a laptop or a cluster.

    import dask.bag as db
    from cleanscrape.integrations.dask_bag import clean_bag

    records = db.read_text("crawl/*.jsonl").map(json.loads)
    cleaned = clean_bag(records, field="html")       # records: text, purity, title … added
    cleaned.map(json.dumps).to_textfiles("clean/*.jsonl")

Each partition builds the cleaning pipeline once; workers need cleanscrape installed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, cast

import dask.bag

from ..api import Kind, clean, default_pipeline, hinted_kind


def clean_bag(
    bag: dask.bag.Bag, *, field: str | None = None, kind: Kind = "auto", rules: list[str | Path] | None = None
) -> dask.bag.Bag:
    """Clean every element: documents (str/bytes) become ``Cleaned``; with ``field``, dict
    records get that field cleaned into ``text``, plus ``purity`` and the page's metadata
    (a record without the field comes back unchanged, with ``cleanscrape_error``)."""
    work = partial(_clean_partition, field=field, kind=kind, rules=rules)
    return cast(dask.bag.Bag, bag.map_partitions(work))  # type: ignore[no-untyped-call]


def _clean_partition(
    elements: Iterable[Any], *, field: str | None, kind: Kind, rules: list[str | Path] | None
) -> list[Any]:
    """One partition's results, as a list: a cluster ships them back, and generators do not pickle."""
    pipeline = default_pipeline(rules)
    if field is None:
        return [clean(element, kind=kind, pipeline=pipeline) for element in elements]
    as_html = hinted_kind(kind, field == "html")
    results = []
    for element in elements:
        record = dict(element)
        raw = record.pop(field, None)
        if isinstance(raw, str | bytes):
            results.append(clean(raw, kind=as_html, pipeline=pipeline).to_record(record))
        else:  # kept as it was, and marked, rather than failing the whole computation
            results.append({**element, "cleanscrape_error": f"no string field {field}"})
    return results
