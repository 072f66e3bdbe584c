"""No other package's private name and no performance hack outside the seam:
``python tests/lint_private_names.py`` (run by ``nox -s lint``) lists every use, in our code outside
``_ext/portfolio/compat/`` and ``_ext/portfolio/speedups/``, of

- a name that starts with one underscore and that our own code does not define: ``x._name``,
  ``from x import _name``, ``import x._module``, ``"_name"`` (``getattr(x, "_name")``, a handler
  looked up by its name);
- another package's module changed from outside (``module.name = ...``, ``setattr(module, ...)``,
  ``sys.modules[...] = ...``);
- the garbage collector tuned (``gc.set_threshold``, ``gc.freeze``, ``gc.disable``, ...)."""

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
#: folder names of Sphinx projects and of this one, not names of code
FOLDERS = frozenset({"_build", "_ext", "_static", "_templates", "_images", "_downloads", "_sources"})
#: our own attributes on other packages' objects start with this
OWN_PREFIX = "_portfolio"
#: the garbage collector's functions that tune it: a performance hack
COLLECTOR = frozenset({"set_threshold", "freeze", "unfreeze", "disable", "enable", "set_debug"})


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith(("__", OWN_PREFIX)) and name not in FOLDERS


def python_files(root: Path, paths: Iterable[str]) -> Iterator[Path]:
    for name in paths:
        path = root / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def own_names(files: Iterable[Path]) -> set[str]:
    """Every private name our code defines: functions, classes, variables, parameters, attributes of
    its own objects (``self._x = ...``) and its modules."""
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
                if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                    names.add(node.attr)
    return {name for name in names if is_private(name)}


def _own_module(module: str | None, level: int) -> bool:
    return level > 0 or (module or "").split(".")[0] in {"portfolio", "conf", "noxfile"}


def imported_modules(tree: ast.AST) -> set[str]:
    """The names a file binds to other packages' modules or objects (``import x``, ``from x import y``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not _own_module(node.module, node.level):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def uses(path: Path, own: set[str]) -> Iterator[tuple[int, str]]:
    """(line, what) for every private name of another package, and every performance hack, in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = imported_modules(tree)
    in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            if is_private(node.attr) and node.attr not in own and node.attr not in PUBLIC:
                yield node.lineno, node.attr
            if isinstance(node.value, ast.Name) and node.value.id == "gc" and node.attr in COLLECTOR:
                yield node.lineno, f"gc.{node.attr} (a performance hack: speedups/)"
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            if isinstance(node.value, ast.Name) and node.value.id in modules:
                yield node.lineno, f"{node.value.id}.{node.attr} = ... (another package changed from outside)"
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            if ast.unparse(node.value) == "sys.modules":
                yield node.lineno, "sys.modules[...] = ... (another package changed from outside)"
        elif isinstance(node, ast.ImportFrom) and not _own_module(node.module, node.level):
            private = [part for part in (node.module or "").split(".") if is_private(part)]
            private += [alias.name for alias in node.names if is_private(alias.name)]
            if private:  # a private module is private however its names are spelt
                yield node.lineno, f"from {node.module} import ...: {', '.join(private)}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not _own_module(alias.name, 0) and any(is_private(part) for part in alias.name.split(".")):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
            if node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in modules:
                yield node.lineno, f"setattr({node.args[0].id}, ...) (another package changed from outside)"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings:
            # a name of another package looked up by its text: getattr(x, "_name"), a handler's name
            if node.value.isidentifier() and is_private(node.value) and node.value not in own:
                yield node.lineno, repr(node.value)


def problems(root: Path = REPO) -> list[str]:
    """``file:line: what`` for every use outside the seam, in the project at ``root``."""
    files = [path for path in python_files(root, CHECKED) if "__pycache__" not in path.parts]
    outside = [path for path in files if not path.relative_to(root).as_posix().startswith(SEAM)]
    own = own_names(outside)  # a name the seam defines is no excuse outside it
    found = []
    for path in outside:
        relative = path.relative_to(root).as_posix()
        found += [f"{relative}:{line}: {what}" for line, what in sorted(set(uses(path, own)))]
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(f"{problem}: outside _ext/portfolio/compat/ and speedups/", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
