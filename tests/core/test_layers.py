"""The apps stand in layers, and nothing imports its way back up.

A cycle between apps (or between two modules) makes every change on one side a risk to the other
and hides behind imports written inside functions. These tests read the source, so a cycle that
comes back fails here, with the file and line that brought it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. An app may import its own layer's modules only if it is that app, and any app
# in a layer below. docs/architecture.md draws the same picture.
LAYERS = [
    {"core"},
    {"officers"},
    {"reports"},
    {"oversight", "pra"},
    {"incidents"},
    {"ingest", "records"},
    {"api", "corrections", "discovery", "downloads"},
    {"config"},
]
APPS = set().union(*LAYERS)
LAYER_OF = {app: number for number, layer in enumerate(LAYERS) for app in layer}

def _source_files():
    for app in sorted(APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def _imported_modules(node: ast.AST, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = module if is_package else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.module else base
        else:
            target = node.module or ""
        return [target] + [f"{target}.{alias.name}" for alias in node.names]
    return []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_apps_import_only_from_the_layers_below_them():
    wrong = []
    for app, path in _source_files():
        tree = ast.parse(path.read_text())
        module = _module_name(path)
        for node in ast.walk(tree):
            for target in _imported_modules(node, module, path.name == "__init__.py"):
                other = target.split(".")[0]
                if other in APPS and other != app and LAYER_OF[other] >= LAYER_OF[app]:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {app} imports {target}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(sorted(set(wrong)))


def test_no_module_imports_its_way_back_to_itself():
    files = {_module_name(path): path for _app, path in _source_files()}

    def known(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        edges = graph.setdefault(module, set())
        for node in ast.parse(path.read_text()).body:  # module level: what importing it runs
            targets = _imported_modules(node, module, path.name == "__init__.py")
            if isinstance(node, ast.ImportFrom):
                # `from package import submodule` needs the submodule, not the package's names.
                names = [target for target in targets[1:] if target in files]
                targets = names if len(names) == len(targets) - 1 else [targets[0], *names]
            for target in targets:
                found = known(target)
                if found and found != module:
                    edges.add(found)

    cycles, done, path_stack = [], set(), []

    def visit(module: str) -> None:
        path_stack.append(module)
        for target in sorted(graph[module]):
            if target in path_stack:
                cycles.append(" -> ".join(path_stack[path_stack.index(target):] + [target]))
            elif target not in done:
                visit(target)
        path_stack.pop()
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def _has_reason(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line or above it (through the imports just before it)."""
    if "#" in lines[lineno - 1]:
        return True
    number = lineno - 1
    while number > 0:
        text = lines[number - 1].strip()
        if text.startswith("#"):
            return True
        if text and not text.startswith(("from ", "import ")):
            return False
        number -= 1
    return False


def test_an_import_of_our_own_code_inside_a_function_says_why():
    unexplained = []
    for _app, path in _source_files():
        relative = path.relative_to(ROOT).as_posix()
        source = path.read_text()
        lines = source.splitlines()
        module = _module_name(path)
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                targets = _imported_modules(node, module, path.name == "__init__.py")
                ours = any(target.split(".")[0] in APPS for target in targets)
                if ours and not _has_reason(lines, node.lineno):
                    unexplained.append(f"{relative}:{node.lineno}")
    assert not unexplained, "imports inside functions with no comment saying why:\n" + "\n".join(
        unexplained
    )
