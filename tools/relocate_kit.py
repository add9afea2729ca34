"""Move zhifa's shared domain vocabulary out of `kit/` into `common/` and rewrite every import.

Idempotent: run it on any tree, as often as needed (`python tools/relocate_kit.py`, from the
repository root). It

1. `git mv`s each module in MODULE_MOVES (and each test in TEST_MOVES) that is still at its old
   path; a module present at BOTH paths is an error (merge the two by hand, then re-run);
2. rewrites, in every tracked text file (and untracked new ones) outside `kit/static/`, every
   reference to a moved module: `from kit.calendar import X`, `import kit.calendar`,
   `from kit import calendar, errors` (split into `from common import calendar` and
   `from kit import errors`), dotted mentions (`kit.calendar.today_legal`, monkeypatch targets,
   docs), paths (`kit/calendar.py`) and OpenAPI component names (`kit__statistics__Figure`);
3. rewrites imports of single names that left a kit module which stays (SYMBOL_MOVES, once the
   target module exists:
   `from kit.auth import ROLES, require_roles` becomes `from common.roles import ROLES` and
   `from kit.auth import require_roles`), except inside `kit/` itself (kit never imports common);
4. re-sorts the imports of the Python files it changed (`ruff check --select I --fix`).

`--check` changes nothing and exits 1 when something is still at an old path, so CI or the lead
can see whether a merged branch brought new old-path imports.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# whole modules: kit.<old> -> common.<new>
MODULE_MOVES = {
    "kit.app": "common.app",
    "kit.platform": "common.platform",
    "kit.sessions": "common.sessions",
    "kit.scope": "common.scope",
    "kit.calendar": "common.calendar",
    "kit.holiday_notice": "common.holiday_notice",
    "kit.draw": "common.draw",
    "kit.docbuild": "common.docbuild",
    "kit.statistics": "common.statistics",
    "kit.statistics_routes": "common.statistics_routes",
    "kit.statistics_schemas": "common.statistics_schemas",
}

TEST_MOVES = {
    "tests/kit/test_calendar.py": "tests/common/test_calendar.py",
    "tests/kit/test_legal_date.py": "tests/common/test_legal_date.py",
    "tests/kit/test_platform.py": "tests/common/test_platform.py",
}

# single names: (kit module that stays, name) -> common module now holding the name
SYMBOL_MOVES = {
    ("kit.auth", "ROLES"): "common.roles",
    ("kit.auth", "Principal"): "common.principal",
    ("kit.auth", "CurrentPrincipal"): "common.principal",
    ("kit.auth", "NOT_FOUND_ROLES"): "common.roles",
    ("kit.schemas", "USCC_PATTERN"): "common.identifiers",
    ("kit.schemas", "Uscc"): "common.identifiers",
    ("kit.schemas", "ID_NUMBER_PATTERN"): "common.identifiers",
    ("kit.schemas", "IdNumber"): "common.identifiers",
    ("kit.schemas", "MONEY_PATTERN"): "common.money",
    ("kit.schemas", "Money"): "common.money",
    ("kit.schemas", "fen_to_yuan"): "common.money",
    ("kit.schemas", "_to_fen"): "common.money",
    ("kit.settings", "ServiceSettings"): "common.settings",
    ("kit.settings", "RemedySettings"): "common.settings",
    ("kit.settings", "chinese_number"): "common.settings",
    ("kit.events", "in_hook_scope"): "common.webhooks",
}

TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".mako", ".sh", ".yml", ".yaml",
                 ".json", ".ts", ".html", ".js"}
TEXT_NAMES = {"Makefile", "Dockerfile", "run"}
SKIP_PREFIXES = ("kit/static/", "tools/relocate_kit.py", "tests/contract/test_kit_domain_free.py",
                 ".venv/", "node_modules/",
                 "clients/typescript/node_modules/")
SKIP_DIRS = {".venv", "node_modules", "__pycache__", ".git"}


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout


def _path(module: str) -> Path:
    return ROOT / (module.replace(".", "/") + ".py")


def move_files(check: bool) -> list[str]:
    pending = []
    pairs = [(_path(o), _path(n)) for o, n in MODULE_MOVES.items()]
    pairs += [(ROOT / o, ROOT / n) for o, n in TEST_MOVES.items()]
    for old, new in pairs:
        if not old.exists():
            continue
        if new.exists():
            raise SystemExit(f"{old.relative_to(ROOT)} 与 {new.relative_to(ROOT)} 同时存在："
                             "请手工合并后删除旧文件再运行")
        pending.append(str(old.relative_to(ROOT)))
        if not check:
            new.parent.mkdir(parents=True, exist_ok=True)
            init = new.parent / "__init__.py"
            if new.parent.name == "common" and new.parent.parent == ROOT and not init.exists():
                init.write_text('"""zhifa\'s shared domain vocabulary (see kit for plumbing)."""\n')
                _git("add", str(init.relative_to(ROOT)))
            _git("mv", str(old.relative_to(ROOT)), str(new.relative_to(ROOT)))
    return pending


def candidate_files() -> list[Path]:
    listed = _git("ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    out = []
    for rel in listed:
        if rel.startswith(SKIP_PREFIXES) or SKIP_DIRS & set(rel.split("/")):
            continue
        path = ROOT / rel
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES):
            out.append(path)
    return out


_OLD = "|".join(re.escape(m.split(".", 1)[1]) for m in MODULE_MOVES)
DOTTED = re.compile(rf"\bkit\.({_OLD})\b")
SLASHED = re.compile(rf"(?<![\w/.])kit/({_OLD})\.py\b")
# FastAPI's component names for models whose names collide (`review__kit__statistics__Figure`)
COMPONENT = re.compile(rf"(?<![A-Za-z0-9])kit__({_OLD})__")
FROM_KIT = re.compile(r"^(?P<indent>[ \t]*)from kit import (?P<body>\([^)]*\)|[^\n]*)", re.M)
FROM_MOD = re.compile(r"^(?P<indent>[ \t]*)from (?P<mod>kit\.\w+) import "
                      r"(?P<body>\([^)]*\)|[^\n#]*)(?P<tail>[^\n]*)", re.M)
MOVED_NAMES = {m.split(".", 1)[1] for m in MODULE_MOVES}


def _names(body: str) -> list[str]:
    inner = body.strip()
    if inner.startswith("("):
        inner = inner[1:-1]
    inner = re.sub(r"#[^\n]*", "", inner)
    return [n.strip() for n in inner.replace("\n", " ").split(",") if n.strip()]


def _render(indent: str, module: str, names: list[str], tail: str = "") -> str:
    line = f"{indent}from {module} import {', '.join(names)}{tail}"
    if len(line) <= 100:
        return line
    inner = "".join(f"{indent}    {n},\n" for n in names)
    return f"{indent}from {module} import ({tail}\n{inner}{indent})"


def _split_from_kit(match: re.Match[str]) -> str:
    indent, body = match["indent"], match["body"]
    tail = ""
    if not body.startswith("(") and "#" in body:
        body, tail = body.split("#", 1)
        tail = "  #" + tail
    names = _names(body)
    moved = [n for n in names if n.split(" as ")[0].strip() in MOVED_NAMES]
    if not moved:
        return match.group(0)
    kept = [n for n in names if n not in moved]
    lines = [_render(indent, "common", moved, tail)]
    if kept:
        lines.append(_render(indent, "kit", kept, tail))
    return "\n".join(lines)


def _split_symbols(match: re.Match[str]) -> str:
    module = match["mod"]
    names = _names(match["body"])
    targets: dict[str, list[str]] = {}
    kept = []
    for name in names:
        target = SYMBOL_MOVES.get((module, name.split(" as ")[0].strip()))
        if target and _path(target).exists():
            targets.setdefault(target, []).append(name)
        else:
            kept.append(name)
    if not targets:
        return match.group(0)
    tail = match["tail"]
    lines = [_render(match["indent"], t, ns, tail) for t, ns in targets.items()]
    if kept:
        lines.append(_render(match["indent"], module, kept, tail))
    return "\n".join(lines)


def rewrite(text: str, inside_kit: bool) -> str:
    text = FROM_KIT.sub(_split_from_kit, text)
    text = DOTTED.sub(lambda m: f"common.{m.group(1)}", text)
    text = SLASHED.sub(lambda m: f"common/{m.group(1)}.py", text)
    text = COMPONENT.sub(lambda m: f"common__{m.group(1)}__", text)
    if not inside_kit:
        text = FROM_MOD.sub(_split_symbols, text)
        for (module, name), target in SYMBOL_MOVES.items():
            if not _path(target).exists():
                continue
            text = re.sub(rf"\b{re.escape(module)}\.{re.escape(name)}\b", f"{target}.{name}",
                          text)
    return text


def main(argv: list[str]) -> int:
    check = "--check" in argv
    pending = move_files(check)
    changed = []
    for path in candidate_files():
        rel = str(path.relative_to(ROOT))
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite(text, inside_kit=rel.startswith("kit/"))
        if new != text:
            changed.append(rel)
            if not check:
                path.write_text(new, encoding="utf-8")
    for rel in pending:
        print(f"{'would move' if check else 'moved'} {rel}")
    for rel in changed:
        print(f"{'would rewrite' if check else 'rewrote'} {rel}")
    py = [c for c in changed if c.endswith(".py")]
    if py and not check:
        local = ROOT / ".venv" / "bin" / "ruff"
        ruff = str(local) if local.exists() else shutil.which("ruff")
        if ruff is None:
            print("ruff not found: sort the imports of the rewritten files by hand")
        else:
            subprocess.run([ruff, "check", "-q", "--select", "I", "--fix", *py], cwd=ROOT,
                           check=False)
    if check:
        return 1 if pending or changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
