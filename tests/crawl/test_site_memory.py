"""Site memory: template lines recurring across a site's pages go; a line on one page never does."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import clean
from cleanscrape.api import site_lines
from cleanscrape.crawl.site_memory import SiteMemory, host_of, line_hash
from cleanscrape.errors import RuleError
from conftest import PARAGRAPHS, run_cli

FOOTER = "The Hilltown Gazette is printed by Valley Press in Millbrook"
PROMO = "Get the Hilltown Gazette on your phone today"
ARTICLES = [
    "The council approved the budget on Tuesday after a long debate about the schools.",
    "Heavy rain flooded the market square on Sunday, and traders moved their stalls uphill.",
    "The library will open late on Thursdays from next month, the mayor said on Friday.",
    "A new bus route links the station with the hospital, running every twenty minutes.",
]


def site_page(n: int, extra: str = "") -> str:
    return "\n".join([PROMO, ARTICLES[n % len(ARTICLES)], extra, FOOTER]).replace("\n\n", "\n") + "\n"


def learn(pages: list[tuple[str, str]], **options: int | float) -> SiteMemory:
    memory = SiteMemory(**options)  # type: ignore[arg-type]
    for url, text in pages:
        memory.observe(*site_lines(text, kind="text", url=url))
    return memory


def test_template_lines_go_with_their_evidence() -> None:
    pages = [(f"https://www.gazette.example/{n}", site_page(n)) for n in range(4)]
    template = learn(pages).template()
    assert set(template) == {"gazette.example"}
    result = clean(pages[0][1], site_template=template, url=pages[0][0])
    assert result.text == ARTICLES[0] + "\n"
    assert {r.rule for r in result.removals} == {"on 4 of 4 pages of the site"}
    assert {str(r.reason) for r in result.removals} == {"site_template"}


def test_other_sites_and_unknown_urls_are_untouched() -> None:
    template = learn([(f"https://gazette.example/{n}", site_page(n)) for n in range(4)]).template()
    other = site_page(0)
    assert clean(other).text == other, "no filter but site memory touches these lines"
    assert clean(other, site_template=template, url="https://elsewhere.example/1").text == other
    assert clean(other, site_template=template).text == other


def test_a_page_crawled_twice_is_not_its_own_template() -> None:
    pages = [("https://gazette.example/a", site_page(0))] * 5 + [("https://gazette.example/b", site_page(1))]
    assert learn(pages).template() == {}


template_lines = st.lists(  # a site's own menu, promo and footer lines: no filter knows them
    st.from_regex(r"[A-Z][a-z]{3,8}( [A-Z]?[a-z]{3,8}){1,5}", fullmatch=True),
    min_size=2,
    max_size=6,
    unique=True,
)


@settings(deadline=None)
@given(
    template_lines,
    st.lists(st.integers(0, 10_000), min_size=3, max_size=8, unique=True),  # one article per page
    st.integers(0, 2),
    st.randoms(use_true_random=False),
)
def test_a_sites_template_goes_from_every_page_and_each_article_stays(
    template: list[str], picks: list[int], quoted: int, rng: random.Random
) -> None:
    paragraphs = sorted(set(PARAGRAPHS), key=lambda p: rng.random())
    articles = [[paragraphs[(n * 3 + k) % len(paragraphs)] for k in range(2)] for n, _ in enumerate(picks)]
    for article in articles[:quoted]:  # a paragraph on two pages (a quote, a correction) is no template
        article.append(paragraphs[-1])
    head, tail = template[: len(template) // 2], template[len(template) // 2 :]
    pages = [
        (f"https://news.example/{p}", "\n".join([*head, *article, *tail]) + "\n")
        for p, article in zip(picks, articles, strict=True)
    ]
    found = learn(pages).template()
    for (url, text), article in zip(pages, articles, strict=True):
        assert clean(text, site_template=found, url=url).text.splitlines() == article


def test_min_pages_below_two_is_refused() -> None:
    with pytest.raises(RuleError, match="one page"):
        SiteMemory(min_pages=1)


def test_host_of() -> None:
    assert host_of("HTTPS://WWW.Example.ORG:8080/a") == "example.org"
    assert host_of("") is None and host_of("/relative/path") is None


hosts = st.sampled_from(["a.example", "b.example", "c.example"])
crawls = st.lists(
    st.tuples(hosts, st.sets(st.integers(0, 30), max_size=8)),
    min_size=1,
    max_size=60,
)


@settings(deadline=None)
@given(crawls, st.integers(2, 5), st.sampled_from([0.2, 0.5, 1.0]), st.sampled_from([8, 40, 10_000]))
def test_never_a_line_seen_once_never_over_counted(
    crawl: list[tuple[str, set[int]]], min_pages: int, share: float, max_entries: int
) -> None:
    memory = SiteMemory(min_pages, share, max_entries)
    for host, lines in crawl:
        memory.observe(host, {line_hash(f"line {n}") for n in lines})
    distinct = {(host, frozenset(lines)) for host, lines in crawl if lines}
    pages = Counter(host for host, _ in distinct)
    true_counts = Counter((host, line_hash(f"line {n}")) for host, lines in distinct for n in lines)
    for host, found in memory.template().items():
        assert found.pages == pages[host]
        for key, count in found.lines.items():
            assert count <= true_counts[host, key], "counted more pages than the line was on"
            assert true_counts[host, key] >= max(min_pages, share * pages[host]) > 1


def test_memory_stays_bounded() -> None:
    memory = SiteMemory(max_entries=1_000)
    for page in range(2_000):
        memory.observe(f"site{page % 50}.example", {line_hash(f"unique {page} {n}") for n in range(20)})
        assert sum(len(c) for c in memory.counts.values()) <= 1_000
    assert memory.prunes > 0
    recurring = SiteMemory(max_entries=1_000)  # every line on two pages: rarity rises until room is made
    for page in range(2_000):
        recurring.observe("one.example", {line_hash(f"line {page // 2} {n}") for n in range(20)})
        assert sum(len(c) for c in recurring.counts.values()) <= 1_000


def test_cli_site_memory_on_jsonl(tmp_path: Path) -> None:
    records = [{"url": f"https://gazette.example/{n}", "text": site_page(n, f"Unique line number {n} here")}
               for n in range(6)]  # fmt: skip
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out.jsonl"
    proc = run_cli("clean", str(path), "-o", str(out), "--site-memory", "--explain", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert b"site memory: 2 template lines on 1 of 1 sites" in proc.stderr
    cleaned = [json.loads(line) for line in out.read_text().splitlines()]
    for n, record in enumerate(cleaned):
        assert record["text"] == f"{ARTICLES[n % len(ARTICLES)]}\nUnique line number {n} here\n"
        assert {r["reason"] for r in record["removals"]} == {"site_template"}
    refused = run_cli("clean", "-", "--site-memory", stdin=b"text\n")
    assert refused.returncode == 2 and b"not stdin" in refused.stderr
