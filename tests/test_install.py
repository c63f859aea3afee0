"""A plain ``pip install .`` (no extras) in a fresh venv, with the pip Python ships, cleans HTML.

This is what a user of the library does first; it caught trafilatura's jusText needing
``lxml_html_clean``, which pip 23.2.1 does not install through ``lxml[html_clean]``.
"""

from __future__ import annotations

import shutil
import subprocess
import venv
from pathlib import Path

from conftest import HTML_PAGE, ROOT


def test_a_plain_install_cleans_html_through_the_api_and_the_cli(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"  # what a fresh clone holds: no venv, no build folders
    leave_out = (".venv", ".git", "build", "target", "*.so", "*.egg-info", "__pycache__", ".hypothesis",
                 "cleaned")  # fmt: skip
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(*leave_out))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run([python, "-m", "pip", "install", "-q", str(checkout)],
                             capture_output=True, text=True, timeout=900, check=False)  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE)
    api = subprocess.run(
        [python, "-c", f"import cleanscrape; r = cleanscrape.clean(open({str(page)!r}, 'rb').read()); "
         "print(r.title); print(r.text)"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert api.returncode == 0, api.stderr[-3000:]
    assert api.stdout.startswith("Council passes the budget\nThe council approved the budget")
    cli = subprocess.run([env_dir / "bin" / "cleanscrape", "clean", str(page)],
                         capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert cli.returncode == 0, cli.stderr[-3000:]
    assert cli.stdout.startswith("The council approved the budget") and "Advertisement" not in cli.stdout
    # The wheel is the package alone: the bench harness stays in the checkout.
    where = subprocess.run(
        [python, "-c", "import cleanscrape, importlib.util, pathlib; "
         "print(pathlib.Path(cleanscrape.__file__).parent); print(importlib.util.find_spec('bench'))"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    package, bench = where.stdout.split()
    assert bench == "None" and not (Path(package) / "bench").exists()
    assert not [p for p in Path(package).rglob("*.py") if p.stem in {"heldout", "scoring", "baselines"}]
