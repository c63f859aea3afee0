"""Each integration runs in its real framework: a Scrapy crawl, a datatrove executor, a Dask cluster."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import dask.bag
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.writers import JsonlWriter
from distributed import Client, LocalCluster

from cleanscrape import clean
from cleanscrape.integrations.dask_bag import clean_bag
from cleanscrape.integrations.datatrove_step import CleanscrapeStep

PAGE = (
    "<html><head><title>Council passes the budget</title></head><body>"
    "<article><p>Advertisement</p>"
    "<p>The council approved the budget on Tuesday after a debate that ran for most of the night.</p>"
    "<p>Members said the plan would fund new schools, and the vote was nine to two.</p></article>"
    "</body></html>"
)
DUMP = "Share\nThe council approved the budget on Tuesday after a long debate.\nAdvertisement\n"
CLEAN = "The council approved the budget on Tuesday after a long debate.\n"


def test_scrapy_pipeline_cleans_items_of_a_real_crawl(tmp_path: Path) -> None:
    pages = []
    for n in (1, 2):
        page = tmp_path / f"story{n}.html"
        page.write_text(PAGE)
        pages.append(page.as_uri())
    feed = tmp_path / "items.jsonl"
    script = tmp_path / "crawl.py"
    script.write_text(
        textwrap.dedent(f"""
        import scrapy
        from scrapy.crawler import CrawlerProcess

        class Pages(scrapy.Spider):
            name = "pages"
            start_urls = {pages!r}

            def parse(self, response):
                yield {{"url": response.url, "html": response.text}}

        process = CrawlerProcess(settings={{
            "ITEM_PIPELINES": {{"cleanscrape.integrations.scrapy_pipeline.CleanscrapePipeline": 300}},
            "CLEANSCRAPE_FIELD": "html",
            "CLEANSCRAPE_TARGET": "text",
            "FEEDS": {{{str(feed)!r}: {{"format": "jsonlines"}}}},
            "LOG_LEVEL": "INFO",
        }})
        process.crawl(Pages)
        process.start()
        """)
    )
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    items = [json.loads(line) for line in feed.read_text().splitlines()]
    assert sorted(i["url"] for i in items) == pages
    for item in items:
        assert "Advertisement" not in item["text"] and "nine to two" in item["text"]
        assert item["title"] == "Council passes the budget" and 0 < item["purity"] <= 1
        assert "html" not in item and item["page_type"]  # the raw page is dropped once cleaned
    assert b"'cleanscrape/items': 2" in proc.stderr
    assert b"'cleanscrape/removals/ad_label': 2" in proc.stderr


def test_datatrove_step_in_a_local_executor(tmp_path: Path) -> None:
    def documents(data, rank: int = 0, world_size: int = 1):  # type: ignore[no-untyped-def]
        yield from (Document(text=DUMP, id=str(n)) for n in range(3))

    step = CleanscrapeStep(kind="text")
    executor = LocalPipelineExecutor(
        [documents, step, JsonlWriter(str(tmp_path / "out"))], logging_dir=str(tmp_path / "logs"), tasks=1
    )
    executor.run()
    written = [json.loads(line) for path in sorted((tmp_path / "out").glob("*.jsonl.gz"))
               for line in gzip.decompress(path.read_bytes()).splitlines()]  # fmt: skip
    assert [d["text"] for d in written] == [CLEAN] * 3
    reasons = dict(Counter(str(r.reason) for r in clean(DUMP).removals))
    assert len(reasons) == 2 and all(d["metadata"]["cleanscrape_reasons"] == reasons for d in written)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step_stats = next(s["stats"] for s in stats if s["name"].endswith(step.name))
    assert step_stats["documents"] == 3 and step_stats["ad_label"] == 3


def test_dask_bag_on_a_local_cluster() -> None:
    records = [{"id": n, "html": PAGE} for n in range(6)] + [{"id": 6, "text": DUMP}]  # the last lacks html
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):  # fmt: skip
        html_bag = dask.bag.from_sequence(records, npartitions=3)
        cleaned = clean_bag(html_bag, field="html").compute()
        texts = clean_bag(dask.bag.from_sequence([DUMP, PAGE], npartitions=2)).compute()
    assert [r["id"] for r in cleaned] == list(range(7))
    page = clean(PAGE)
    assert all(r["text"] == page.text and r["title"] == page.title for r in cleaned[:6])
    assert cleaned[6] == {**records[6], "cleanscrape_error": "no string field html"}
    assert [t.text for t in texts] == [CLEAN, clean(PAGE).text]
