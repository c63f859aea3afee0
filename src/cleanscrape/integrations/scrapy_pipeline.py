"""A Scrapy item pipeline that cleans one field of every item.

Enable it in the project's settings::

    ITEM_PIPELINES = {"cleanscrape.integrations.scrapy_pipeline.CleanscrapePipeline": 300}
    CLEANSCRAPE_FIELD = "html"      # the field to clean (default "text")
    CLEANSCRAPE_TARGET = "text"     # where the clean text goes (default: the same field)
    CLEANSCRAPE_KIND = "auto"       # "text", "html" or "auto" (default; an "html" field is HTML)
    CLEANSCRAPE_RULES = ["my-rules.jsonl"]   # optional rule files
    CLEANSCRAPE_KEEP_SOURCE = False  # keep the raw field beside the target (default: dropped)

Each item also gets ``purity`` and ``page_type`` (and, for HTML, ``title``, ``author``,
``date``, ``url`` and ``description``) where the item type accepts those fields and
does not already hold them. The raw field is dropped once cleaned into another target,
unless ``CLEANSCRAPE_KEEP_SOURCE``. The crawl's stats count items and removals per
reason under ``cleanscrape/``.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from ..api import Kind, clean, default_pipeline, hinted_kind
from ..pipeline import Pipeline

EXTRA_FIELDS = ("purity", "page_type", "title", "author", "date", "url", "description")


class CleanscrapePipeline:
    """Clean ``CLEANSCRAPE_FIELD`` of each item into ``CLEANSCRAPE_TARGET``."""

    def __init__(
        self,
        field: str = "text",
        target: str | None = None,
        kind: Kind = "auto",
        rules: list[str] | None = None,
        stats: Any = None,
        keep_source: bool = False,
    ) -> None:
        self.field, self.target, self.kind = field, target or field, kind
        self.keep_source = keep_source
        self.pipeline: Pipeline = default_pipeline(rules)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanscrapePipeline:
        settings = crawler.settings
        return cls(
            field=settings.get("CLEANSCRAPE_FIELD", "text"),
            target=settings.get("CLEANSCRAPE_TARGET"),
            kind=settings.get("CLEANSCRAPE_KIND", "auto"),
            rules=settings.getlist("CLEANSCRAPE_RULES") or None,
            stats=crawler.stats,
            keep_source=settings.getbool("CLEANSCRAPE_KEEP_SOURCE", False),
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean the item in place; an item without the field passes unchanged (and is counted)."""
        adapter = ItemAdapter(item)
        raw = adapter.get(self.field)
        if not isinstance(raw, str | bytes):
            self._count("cleanscrape/items_without_field")
            return item
        result = clean(raw, kind=hinted_kind(self.kind, self.field == "html"), pipeline=self.pipeline)
        adapter[self.target] = result.text
        if self.target != self.field and not self.keep_source:
            del adapter[self.field]
        for name in EXTRA_FIELDS:
            value = getattr(result, name)
            if value not in (None, "") and name not in adapter and _accepts(adapter, name):
                adapter[name] = round(value, 3) if isinstance(value, float) else value
        self._count("cleanscrape/items")
        for reason, n in result.reason_counts.items():
            self._count(f"cleanscrape/removals/{reason}", n)
        return item

    def _count(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, n)


def _accepts(adapter: ItemAdapter, name: str) -> bool:
    """Whether the item can take a field ``name``: dicts take any, declared items only theirs."""
    names = adapter.field_names()
    return isinstance(adapter.item, dict) or name in names
