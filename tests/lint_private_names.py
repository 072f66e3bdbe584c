"""No other package's private name outside the seam: ``python tests/lint_private_names.py`` (run by
``nox -s lint``) lists every use, in our code outside ``_ext/portfolio/compat/`` and
``_ext/portfolio/speedups/``, of a name that starts with one underscore and that our own code does
not define: ``x._name``, ``from x import _name``, ``import x._module``, ``getattr(x, "_name")``,
``setattr``/``hasattr``/``delattr`` likewise, and a handler disconnected by its private name."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: where other packages' private names may be used: the seam
SEAM = ("_ext/portfolio/compat/", "_ext/portfolio/speedups/")
#: our code: the extension, the configuration and the sessions (the tests read the outputs)
CHECKED = ("_ext", "conf.py", "noxfile.py")
#: public names that start with an underscore: a named tuple's methods and fields (documented API)
PUBLIC = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults"})


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def python_files(paths: Iterable[str]) -> Iterator[Path]:
    for name in paths:
        path = REPO / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def own_names(files: Iterable[Path]) -> set[str]:
    """Every private name our code defines: functions, classes, variables, parameters, attributes
    assigned (``self._x = ...``, ``setattr(x, "_x", ...)``) and our own modules."""
    names: set[str] = set()
    for path in files:
        names.add(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif _string_argument(node, "setattr") is not None:
                names.add(_string_argument(node, "setattr") or "")
    return {name for name in names if is_private(name)}


def _string_argument(node: ast.AST, *functions: str) -> str | None:
    """The name in ``getattr(x, "name", ...)`` (or the other functions given), else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in functions
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
    ):
        return node.args[1].value
    return None


def _own_module(module: str | None, level: int) -> bool:
    return level > 0 or (module or "").split(".")[0] in {"portfolio", "conf", "noxfile"}


def uses(path: Path, own: set[str]) -> Iterator[tuple[int, str]]:
    """(line, what) for every private name of another package used in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        found: list[str] = []
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            found = [node.attr]
        elif isinstance(node, ast.ImportFrom) and not _own_module(node.module, node.level):
            parts = (node.module or "").split(".")
            found = [part for part in parts if is_private(part)]
            found += [alias.name for alias in node.names if is_private(alias.name)]
            if found:  # a private module is private however its names are spelt
                found = [f"{node.module}: {', '.join(found)}"]
                yield node.lineno, found[0]
                continue
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not _own_module(alias.name, 0) and any(is_private(part) for part in alias.name.split(".")):
                    yield node.lineno, f"import {alias.name}"
            continue
        elif (name := _string_argument(node, "getattr", "hasattr", "setattr", "delattr")) is not None:
            found = [name]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            # a handler or a name of another package looked up by its private name
            found = [node.value] if is_private(node.value) and node.value not in own else []
            for name in found:
                yield node.lineno, f"{name!r}"
            continue
        for name in found:
            if is_private(name) and name not in own and name not in PUBLIC:
                yield node.lineno, name


def main() -> int:
    files = [path for path in python_files(CHECKED) if "__pycache__" not in path.parts]
    own = own_names(files)
    problems = []
    for path in files:
        relative = path.relative_to(REPO).as_posix()
        if relative.startswith(SEAM):
            continue
        problems += [f"{relative}:{line}: {what}" for line, what in sorted(set(uses(path, own)))]
    for problem in problems:
        print(f"{problem}: another package's private name outside compat/ and speedups/", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
