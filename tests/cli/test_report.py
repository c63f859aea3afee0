"""``cleanscrape explain --html``: the report's structure, and what headless Chromium shows of it."""

from __future__ import annotations

import colorsys
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html
from PIL import Image

from cleanscrape.cli.report import reason_hue
from cleanscrape.core.types import Reason
from conftest import run_cli

NOISY = "Advertisement\nThe council approved the budget on Tuesday after a long debate.\nAdvertisement\n"
PAYWALL = "The mayor opened the new bridge on Friday morning.\nYou have 3 free articles left this month.\n"
CLEAN = "The council approved the budget on Tuesday after a long debate.\n"


def write_records(path: Path, texts: list[str]) -> None:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))


def make_report(tmp_path: Path, texts: list[str], name: str) -> Path:
    write_records(tmp_path / f"{name}.jsonl", texts)
    report = tmp_path / f"{name}.html"
    proc = run_cli("explain", "--html", str(report), str(tmp_path / f"{name}.jsonl"))
    assert proc.returncode == 0, proc.stderr
    return report


def test_report_marks_each_removal_with_its_reason(tmp_path: Path) -> None:
    page = html.fromstring(make_report(tmp_path, [NOISY, PAYWALL], "two").read_bytes())
    marks = page.xpath("//del")
    assert [m.get("data-reason") for m in marks] == ["ad_label", "ad_label", "paywall_prompt"]
    assert [m.text_content() for m in marks][:2] == ["Advertisement", "Advertisement"]
    assert len(page.xpath("//table//a[starts-with(@href, '#d')]")) == 2, "an index for several documents"
    assert "ad_label 2" in page.xpath("string(//p[@class='legend'])")
    assert not page.xpath("//script[@src]") and not page.xpath("//link[@rel='stylesheet']"), "self-contained"


def test_report_index_sorts_and_filters_and_sections_show_the_page(tmp_path: Path) -> None:
    page_html = (
        "<html><head><title>Council passes the budget</title><link rel='canonical' href='https://news.example/a'>"
        "</head><body><article><p>Advertisement</p><p>The council approved the budget on Tuesday after a"
        " debate that ran for most of the night.</p><p>Members said the plan would fund new schools.</p>"
        "</article></body></html>"
    )
    (tmp_path / "page.html").write_text(page_html)
    (tmp_path / "dump.txt").write_text(PAYWALL)
    report = tmp_path / "report.html"
    proc = run_cli("explain", "--html", str(report), str(tmp_path / "page.html"), str(tmp_path / "dump.txt"))
    assert proc.returncode == 0, proc.stderr
    assert b"(2 documents)" in proc.stderr
    page = html.fromstring(report.read_bytes())
    shown = page.xpath("//section//p[@class='page']")
    assert [p.text_content() for p in shown] == ["Council passes the budget · https://news.example/a"]
    rows = page.xpath("//table[@id='index']/tbody/tr")
    assert [r.xpath("string(td[2])") for r in rows] == ["Council passes the budget", ""]
    assert rows[1].get("data-reasons") == "paywall_prompt"
    assert page.xpath("//input[@id='filter']") and "sort" in page.xpath("string(//script)")
    assert "1 removal:" in page.xpath("string(//section[2]//p[@class='meta'])")


def test_every_reason_has_its_own_colour() -> None:
    hues = {reason.value: reason_hue(reason.value) for reason in Reason}
    assert len(set(hues.values())) == len(hues)
    apart = lambda a, b: min(abs(hues[a] - hues[b]), 360 - abs(hues[a] - hues[b]))  # noqa: E731
    for a, b in (("related_links", "sponsored_notice"), ("repeated_line", "site_tagline"),
                 ("ui_control", "contributor_line")):  # fmt: skip
        assert apart(a, b) >= 30, (a, b)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium for the report test (.ci/run installs it)")
        pytest.skip("headless Chromium is not installed (apt-get install chromium)")
    return found


def screenshot(report: Path, png: Path) -> Image.Image:
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={png}", "--window-size=1000,900", report.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    return Image.open(png).convert("RGB")


def pixels_near(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    data = image.tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for pixel in pixels if all(abs(c - w) <= tolerance for c, w in zip(pixel, rgb, strict=True)))


def mark_colour(reason: str) -> tuple[int, int, int]:
    """The background of a removed span of ``reason``: hsl(hue 85% 82%) as in report.css."""
    r, g, b = colorsys.hls_to_rgb(reason_hue(reason) / 360, 0.82, 0.85)
    return round(r * 255), round(g * 255), round(b * 255)


def test_chromium_shows_the_marks(tmp_path: Path) -> None:
    marked = screenshot(make_report(tmp_path, [NOISY], "marked"), tmp_path / "marked.png")
    unmarked = screenshot(make_report(tmp_path, [CLEAN], "clean"), tmp_path / "clean.png")
    colour = mark_colour("ad_label")
    assert pixels_near(marked, colour) > 1500, "removed spans are not painted in their reason colour"
    assert pixels_near(unmarked, colour) == 0
