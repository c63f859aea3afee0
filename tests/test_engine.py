"""The compiled engine's own data: character tables generated from this Python."""

from __future__ import annotations

import runpy
import unicodedata

from cleanscrape import _engine
from conftest import ROOT


def test_character_tables_are_those_this_python_writes() -> None:
    tables = runpy.run_path(str(ROOT / "engine" / "tools" / "unicode_tables.py"))
    assert unicodedata.unidata_version == _engine.UNICODE_VERSION
    committed = (ROOT / "engine" / "src" / "unicode_tables.rs").read_text(encoding="utf-8")
    assert committed == tables["source"]()
