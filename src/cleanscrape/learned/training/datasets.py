"""Read the benchmark halves from the shared folder, at run time."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError

ENV_VAR = "CLEANSCRAPE_BENCH"


REPO = Path(__file__).resolve().parents[4]


def bench_root(explicit: str | None = None) -> Path:
    """The bench folder: ``explicit``, ``$CLEANSCRAPE_BENCH``, or ``shared/bench`` beside the checkout."""
    candidates = [explicit, os.environ.get(ENV_VAR), "../shared/bench", str(REPO.parent / "shared" / "bench")]
    for c in candidates:
        if c and (Path(c) / "aeb-dev").is_dir():
            return Path(c)
    raise InputError(f"no benchmark folder found; pass --bench DIR or set {ENV_VAR}")


@dataclass(frozen=True)
class AebPage:
    """One page of the article-extraction benchmark."""

    id: str
    url: str
    truth: str


class Aeb:
    """The article-extraction benchmark half: ground truth, system outputs, raw pages."""

    def __init__(self, root: Path) -> None:
        self.root = root / "aeb-dev"
        truth = json.loads((self.root / "ground-truth.json").read_text(encoding="utf-8"))
        self.pages = [AebPage(k, v.get("url", ""), v["articleBody"]) for k, v in sorted(truth.items())]

    def systems(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "output").glob("*.json"))

    def output(self, system: str) -> dict[str, str]:
        """Each page's output from ``system`` (empty where it produced none)."""
        data = json.loads((self.root / "output" / f"{system}.json").read_text(encoding="utf-8"))["output"]
        return {p.id: (data.get(p.id) or {}).get("articleBody") or "" for p in self.pages}

    def html(self, page_id: str) -> bytes:
        return gzip.decompress((self.root / "html" / f"{page_id}.html.gz").read_bytes())


@dataclass(frozen=True)
class TevalPage:
    """One page of the web-content evaluation: segments to keep and to drop."""

    url: str
    file: str
    with_: list[str]
    without: list[str]


class Teval:
    """The multilingual boilerplate evaluation half."""

    def __init__(self, root: Path) -> None:
        self.root = root / "teval-dev"
        data = json.loads((self.root / "evaldata.json").read_text(encoding="utf-8"))
        self.pages = [
            TevalPage(url, v["file"], list(v.get("with", [])), list(v.get("without", [])))
            for url, v in sorted(data.items())
        ]

    def html(self, page: TevalPage) -> bytes:
        return gzip.decompress((self.root / "html" / f"{page.file}.gz").read_bytes())


@dataclass(frozen=True)
class WcxbPage:
    """One page of the 2026 web-content set: its article body, snippets to keep and to
    drop, and its kind (article, forum, documentation, product, service, listing, collection)."""

    id: str
    url: str
    truth: str
    with_: list[str]
    without: list[str]
    page_type: str


class Wcxb:
    """The 2026 web-content extraction half: seven kinds of page, split by site."""

    def __init__(self, root: Path) -> None:
        self.root = root / "wcxb-dev"
        data = json.loads((self.root / "ground-truth.json").read_text(encoding="utf-8"))
        self.pages = [
            WcxbPage(k, v.get("url", ""), v["articleBody"], list(v.get("with", [])),
                     list(v.get("without", [])), v.get("page_type", ""))
            for k, v in sorted(data.items())
        ]  # fmt: skip

    def html(self, page_id: str) -> bytes:
        return gzip.decompress((self.root / "html" / f"{page_id}.html.gz").read_bytes())
