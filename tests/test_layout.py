"""The package's layout: each folder imports only the layers below it, and nothing imports the bench.

Read from the source (``ast``), so a lazy import inside a function counts as much as one at
the top of a module.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "cleanscrape"
# The order a document flows through: each unit (a subpackage, or a module at the top of the
# package) may import its own modules and those of the layers before its own.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer.split())
    for layer in (
        "_engine errors",
        "core reading",
        "html crawl",
        "learned",
        "filters",
        "pipeline",
        "api",
        "stream",
        "__init__",  # the public names, ``import cleanscrape``
        "cli integrations",
    )
)
LAYER_OF = {unit: rank for rank, layer in enumerate(LAYERS) for unit in layer}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def unit_of(module: str) -> str:
    """The layer unit of a dotted module name inside the package.

    >>> unit_of("cleanscrape.core.types"), unit_of("cleanscrape.api"), unit_of("cleanscrape")
    ('core', 'api', '__init__')
    """
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imported_modules(path: Path) -> set[str]:
    """The package's modules that the file at ``path`` imports, as dotted names."""
    package = list(path.relative_to(PACKAGE.parent).parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if _is_module(target, alias.name) else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "cleanscrape" or name.startswith(("cleanscrape.", "bench"))}


def _is_module(package: str, name: str) -> bool:
    """Whether ``from package import name`` names a module (a file, a folder, the engine's stub)."""
    folder = PACKAGE.parent.joinpath(*package.split("."))
    return (folder / name).is_dir() or any(folder.glob(f"{name}.py*"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_layers_below(path: Path) -> None:
    own = unit_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    assert own in LAYER_OF, f"{own} is in no layer: add it to LAYERS and docs/design.md"
    for module in imported_modules(path):
        assert not module.startswith("bench"), f"the package imports the bench harness ({module})"
        unit = unit_of(module)
        if unit == own:
            continue
        assert LAYER_OF[unit] < LAYER_OF[own], f"{own} imports {module}, a layer at or above its own"


def test_every_unit_has_a_layer() -> None:
    units = {p.stem if p.parent == PACKAGE else p.relative_to(PACKAGE).parts[0] for p in _modules()}
    units |= {p.stem for p in PACKAGE.glob("_engine*.pyi")}
    assert units == set(LAYER_OF)


def test_import_reads_no_data_file() -> None:
    """Models, tables and phrase lists are read on first use, never at ``import cleanscrape``."""
    probe = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        "import cleanscrape, cleanscrape.cli, cleanscrape.filters\n"
        "print('\\n'.join(path for path in opened if '/data/' in path))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
