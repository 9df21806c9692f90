"""The layout keeps its promises: the core runs without Sphinx or docutils, the package's import
graph has no cycle and no import back up into a package, and the tests, benchmarks and example
docs use only the public modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sphinxext" / "neuron_policy"
VALID = Path(__file__).parent / "data" / "examples" / "valid" / "policy_data"
#: The modules others may import; everything else in the package is private to it.
PUBLIC = {"neuron_policy", "neuron_policy.core", "neuron_policy.sphinx", "neuron_policy.cli"}

BLOCKED = """
import sys
sys.modules["sphinx"] = None  # any import of sphinx or docutils now raises ImportError
sys.modules["docutils"] = None
import datetime
import neuron_policy.core as core
from neuron_policy.cli import main
report = core.check(sys.argv[1], datetime.date(2026, 11, 24))
print(report.errors, len(report.data.releases), len(report.announcements))
assert not [name for name in sys.modules if name.split(".")[0] in ("sphinx", "docutils") and sys.modules[name]]
raise SystemExit(main(["check", sys.argv[1], "--today", "2026-11-24"]))
"""


def test_the_core_and_the_cli_run_with_sphinx_and_docutils_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED, str(VALID)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    errors, releases, _ = result.stdout.splitlines()[0].split()
    assert (errors, int(releases) > 0) == ("0", True)
    assert "0 errors, 0 warnings, 0 info" in result.stderr


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Modules of the package that ``path`` imports (inside functions too; not TYPE_CHECKING ones)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            target = base if node.level else (node.module or "")
            subs = {f"{target}.{alias.name}" for alias in node.names}
            found |= subs & modules
            if not subs <= modules:
                found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    paths = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    return {name: _imports(path, set(paths)) for name, path in paths.items()}


def test_no_module_imports_a_package_that_contains_it() -> None:
    graph = _graph()
    back = sorted((m, t) for m, targets in graph.items() for t in targets if m.startswith(t + "."))
    assert back == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append(path[path.index(module) :])
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert cycles == []


def test_the_core_never_imports_sphinx_or_docutils() -> None:
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level]
        assert not [n for n in names if n.split(".")[0] in ("sphinx", "docutils")], path


@pytest.mark.parametrize("folder", ["tests", "benchmarks", "example_docs"])
def test_tests_benchmarks_and_docs_use_only_public_modules(folder: str) -> None:
    used: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] == "neuron_policy":
                    used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    assert {name: where for name, where in used.items() if name not in PUBLIC} == {}


def test_the_rule_table_has_one_rule_per_rule_id_in_order() -> None:
    from neuron_policy.core import RULES, RuleId

    assert list(RULES) == list(RuleId)
    assert all(RULES[rule].id is rule for rule in RuleId)
