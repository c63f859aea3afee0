"""A datatrove pipeline step that cleans ``doc.text`` of every document.

    from datatrove.executor import LocalPipelineExecutor
    from cleanscrape.integrations.datatrove_step import CleanscrapeStep

    LocalPipelineExecutor([JsonlReader("raw/"), CleanscrapeStep(), JsonlWriter("clean/")]).run()

Each document's metadata gets ``cleanscrape_purity`` and ``cleanscrape_reasons``
(removals per reason); the step's stats count removals per reason.
"""

from __future__ import annotations

from pathlib import Path

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..api import Kind, clean, default_pipeline


class CleanscrapeStep(PipelineStep):  # type: ignore[misc]
    """Replace each document's text with its clean text; record why each removal was made."""

    name = "🧹 cleanscrape"
    type = "✂️ - FORMAT"

    def __init__(self, kind: Kind = "auto", rules: list[str | Path] | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.rules = rules

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        pipeline = default_pipeline(self.rules)
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                result = clean(doc.text, kind=self.kind, pipeline=pipeline)
            reasons = result.reason_counts
            doc.text = result.text
            doc.metadata["cleanscrape_purity"] = round(result.purity, 4)
            doc.metadata["cleanscrape_reasons"] = dict(reasons)
            for reason, n in reasons.items():
                self.stat_update(reason, value=n)
            yield doc
