"""The layers hold: the import rules (import-linter) and no database queries in views."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VIEW_MODULES = sorted(
    [
        *ROOT.glob("directory/views/*.py"),
        *ROOT.glob("events/views/*.py"),
        *ROOT.glob("campaigns/views/*.py"),
        *ROOT.glob("toolkits/views/*.py"),
        *ROOT.glob("surveys/views/*.py"),
        *ROOT.glob("portal/*views*.py"),
    ]
)
QUERY_METHODS = {
    "filter",
    "exclude",
    "annotate",
    "aggregate",
    "select_related",
    "prefetch_related",
    "order_by",
    "values_list",
    "only",
    "defer",
}
QUERY_FUNCTIONS = {"get_object_or_404", "get_list_or_404"}


def _queries_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{node.lineno}: .objects")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in QUERY_METHODS:
                found.append(f"{node.lineno}: .{func.attr}()")
            elif isinstance(func, ast.Name) and func.id in QUERY_FUNCTIONS:
                found.append(f"{node.lineno}: {func.id}()")
    return found


def test_views_leave_queries_to_selectors_and_services():
    offenders = {}
    for path in VIEW_MODULES:
        name = str(path.relative_to(ROOT))
        if queries := _queries_in(path):
            offenders[name] = queries
    assert offenders == {}


def test_the_query_finder_sees_a_query_in_a_view(tmp_path):
    view = tmp_path / "view.py"
    view.write_text("def page(request):\n    return Leader.objects.filter(state='MA')\n")
    assert _queries_in(view) == ["2: .filter()", "2: .objects"]


def test_the_import_layers_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
