"""The layers of pactum (DESIGN.md §3) and the check that keeps its imports going one way.

Each layer may import its own layer and those below it, never one above. Every import counts:
at the top of a module, inside a function, and under `if TYPE_CHECKING:`. And no two packages
import each other, even through others and even within one layer: a package here is a
module's own package (`pactum.kinds.revolver` for `pactum/kinds/revolver/schema.py`), or the
module itself for one at the top (`pactum.money`).

The import graph is grimp's (the graph import-linter is built on), which reads every import
statement, those in functions and under TYPE_CHECKING included. The rules are checked here
rather than as import-linter contracts: its `layers` contract would do for the layers, but its
`acyclic_siblings` contract counts a package together with all its subpackages (`pactum.kinds`
as one node holding revolver, lease and standstill) and also reports cycles between the modules
of one package, which is not the package graph above; and one check over one table keeps the
layers, the cycles and the allow-list in one place.

`problems(SRC)` checks the `pactum` package under the folder SRC; `tests/test_layers.py` runs it
on `src/` and on broken copies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT_PACKAGE = "pactum"

# Bottom to top. A name covers the module and everything under it; `pactum` alone (its
# __init__.py) is the root package, which every import of pactum runs first.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # values without a contract in them: money, dates, calendars, expressions, dated
    # schedules, errors, the findings records, and files written whole
    (
        "core",
        (
            "pactum",
            "pactum.money",
            "pactum.dates",
            "pactum.business_days",
            "pactum.day_count",
            "pactum.expressions",
            "pactum.schedule",
            "pactum.definitions",
            "pactum.errors",
            "pactum.findings",
            "pactum.findings_json",
            "pactum.format",
            "pactum.screen_table",
            "pactum.files",
            "pactum.reminders",
            "pactum.document",
            "pactum.charts",
        ),
    ),
    # term sheets: YAML with line numbers, cited values, written forms, the clause registry
    ("terms", ("pactum.terms",)),
    # the company's data: loading and validating facts, the portfolio of agreements and facts
    # (pactum.verify: each sheet of the portfolio against its document, and the figures it
    # states recomputed; the clause families' commands load a portfolio through it)
    ("facts", ("pactum.facts", "pactum.portfolio", "pactum.verify", "pactum.term_history")),
    # the relational eligibility engine (DuckDB, Spark), below the clauses that use it
    ("collateral", ("pactum.collateral",)),
    # clause types and families: each brings its schema, validation, events and evaluation
    # (pactum.clauses holds the clause-type API that every clause package imports)
    (
        "clauses",
        (
            "pactum.kinds",
            "pactum.notices",
            "pactum.deadlines",
            "pactum.options",
            "pactum.fees",
            "pactum.financial_tests",
            "pactum.interest",
            "pactum.term_loans",
            "pactum.security_deposits",
            "pactum.late_charges",
            "pactum.expense_reimbursement",
            "pactum.board_composition",
            "pactum.clauses",
        ),
    ),
    # portfolio x as-of -> findings; the obligations calendar; a sheet against the facts; the
    # charts and documents the clauses contribute
    (
        "evaluate",
        (
            "pactum.evaluate",
            "pactum.obligations_calendar",
            "pactum.contributions",
            "pactum.desk",
        ),
    ),
    # generic over findings: CLI, terminal, iCalendar, documents, web
    (
        "presentation",
        (
            "pactum.cli",
            "pactum.__main__",
            "pactum.book_workers",
            "pactum.terminal",
            "pactum.ical",
            "pactum.reports",
            "pactum.web",
        ),
    ),
)

# Known imports against the rules, each (importer, imported, why it is still there); an imported
# name ending in `.*` stands for every module under it. The check fails on an entry that no
# longer matches an import, so this list only shrinks.
ALLOWED: tuple[tuple[str, str, str], ...] = (
    (
        "pactum.web.app",
        "pactum.web.routes.*",
        "web/ and web/routes/ import each other (the app mounts the routers, which use web's"
        " render and views); web/ is being reworked by the lead",
    ),
)


# the clause layer's packages that are clause families: presentation renders what they declare
# and never imports them (DESIGN §2, §3)
CLAUSE_FAMILIES = (
    "pactum.kinds",
    "pactum.notices",
    "pactum.deadlines",
    "pactum.options",
    "pactum.fees",
    "pactum.financial_tests",
    "pactum.interest",
    "pactum.term_loans",
    "pactum.security_deposits",
    "pactum.late_charges",
    "pactum.expense_reimbursement",
    "pactum.board_composition",
)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} (line {self.line}: {self.text})"


# Run in a child process, so that grimp finds the `pactum` under SRC and not the one imported
# here: it prints pactum's modules and every import between them, with its line.
_GRAPH_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import grimp
graph = grimp.build_graph(sys.argv[2], cache_dir=None)
imports = [
    [d["importer"], d["imported"], d["line_number"], d["line_contents"]]
    for importer in sorted(graph.modules)
    for imported in sorted(graph.find_modules_directly_imported_by(importer))
    for d in graph.get_import_details(importer=importer, imported=imported)
]
print(json.dumps({"modules": sorted(graph.modules), "imports": imports}))
"""


def read_imports(src: Path) -> tuple[set[str], list[Import]]:
    """The modules of the package under `src` and every import between them."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    run = subprocess.run(
        [sys.executable, "-c", _GRAPH_SCRIPT, str(src), ROOT_PACKAGE],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    graph = json.loads(run.stdout)
    imports = [Import(*row) for row in graph["imports"]]
    return set(graph["modules"]), imports


def layer_of(module: str) -> int | None:
    """The index in LAYERS of the module's layer (0 at the bottom), by its longest name there."""
    best: tuple[int, int] | None = None
    for index, (_, names) in enumerate(LAYERS):
        for name in names:
            covers = module == name or (name != ROOT_PACKAGE and module.startswith(name + "."))
            if covers and (best is None or len(name) > best[0]):
                best = (len(name), index)
    return None if best is None else best[1]


def package_of(module: str, src: Path) -> str:
    """The module itself if it is a package or at the top; otherwise its package."""
    parts = module.split(".")
    if len(parts) <= 2 or src.joinpath(*parts, "__init__.py").is_file():
        return module
    return ".".join(parts[:-1])


def problems(src: Path) -> list[str]:
    """Every breach of the layers and of the acyclic package graph under `src`, one line each."""
    modules, imports = read_imports(src)
    found: list[str] = []

    for importer, imported, _ in ALLOWED:
        if not any(_allows(importer, imported, i) for i in imports):
            found.append(
                f"allow-listed import is gone, take it off ALLOWED: {importer} -> {imported}"
            )
    imports = [i for i in imports if not any(_allows(a, b, i) for a, b, _ in ALLOWED)]

    for i in imports:
        if _is_presentation(i.importer) and _is_clause_family(i.imported):
            found.append(f"presentation imports a clause family, which it must not name: {i}")

    for module in sorted(modules):
        if layer_of(module) is None:
            found.append(f"{module} is in no layer: add it to LAYERS")

    for i in imports:
        low, high = layer_of(i.importer), layer_of(i.imported)
        if low is not None and high is not None and high > low:
            found.append(f"{LAYERS[low][0]} imports {LAYERS[high][0]}, a layer above it: {i}")

    edges: dict[str, dict[str, list[Import]]] = {}
    for i in imports:
        a, b = package_of(i.importer, src), package_of(i.imported, src)
        if a != b:
            edges.setdefault(a, {}).setdefault(b, []).append(i)
    for component in _components(edges):
        cycle = _shortest_cycle(component, edges)
        ties = "; ".join(str(edges[a][b][0]) for a, b in pairwise(cycle))
        found.append(f"packages import each other: {' -> '.join(cycle)}, by {ties}")
    return found


def _is_presentation(module: str) -> bool:
    return layer_of(module) == len(LAYERS) - 1


def _is_clause_family(module: str) -> bool:
    """A clause type's own package; `pactum.clauses` (the API every clause type and the
    command line share) is not one."""
    return any(module == f or module.startswith(f + ".") for f in CLAUSE_FAMILIES)


def _allows(importer: str, imported: str, i: Import) -> bool:
    if imported.endswith(".*"):
        return i.importer == importer and i.imported.startswith(imported[:-1])
    return (i.importer, i.imported) == (importer, imported)


def _shortest_cycle(component: list[str], edges: dict[str, dict[str, list[Import]]]) -> list[str]:
    """A shortest way from the component's first package back to itself, both ends included."""
    start = component[0]
    before: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for target in sorted(edges.get(node, {})):
            if target == start:
                path = [start, node]
                while path[-1] != start:
                    path.append(before[path[-1]])
                return path[::-1]
            if target in component and target not in before:
                before[target] = node
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")


def _components(edges: dict[str, dict[str, list[Import]]]) -> Iterable[list[str]]:
    """The strongly connected components of more than one package (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    nodes = sorted(set(edges) | {b for targets in edges.values() for b in targets})

    def visit(node: str) -> Iterable[list[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, {})):
            if target not in index:
                yield from visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                yield sorted(component)

    for node in nodes:
        if node not in index:
            yield from visit(node)
