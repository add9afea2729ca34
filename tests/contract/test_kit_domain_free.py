"""kit stays small and domain-free (issue 9 point 6): no role or service name of zhifa, no legal
citation, every module under 200 lines; the move to common is complete (tools/relocate_kit.py
finds nothing left at an old path) and the relocation script itself rewrites as it promises."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from common.roles import ROLES

ROOT = Path(__file__).resolve().parents[2]
KIT = sorted((ROOT / "kit").rglob("*.py"))
SERVICE_NAMES = ("personnel", "cases", "review", "publicity")
# kit's own principal for service-to-service calls is plumbing, not a zhifa role
DOMAIN_WORDS = frozenset(ROLES) - {"service"} | frozenset(SERVICE_NAMES)
CITATION = re.compile(r"第[一二三四五六七八九十百零〇\d]+条|《[^》]{2,40}》")


def _relocator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("relocate_kit", ROOT / "tools" /
                                                  "relocate_kit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _domain_literals(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and node.value in DOMAIN_WORDS]


def test_kit_names_no_role_and_no_service() -> None:
    assert KIT and [hit for path in KIT for hit in _domain_literals(path)] == []


def test_the_literal_check_sees_a_role(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('READERS = ("supervisor",)\n', encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert _domain_literals(bad) == ["bad.py:1 'supervisor'"]
    finally:
        ROOT = saved


def test_kit_knows_no_claim_and_no_account_of_zhifa() -> None:
    """The agency, region and officer claims are `common.principal`'s; the demo accounts the
    docs name are the gateway's and `common.app`'s text."""
    words = re.compile(r"agency|region_code|officer|muer-|zhifa-demo")
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in KIT
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if words.search(line)]
    assert hits == []


def test_kit_cites_no_law() -> None:
    hits = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in KIT
            for m in CITATION.finditer(p.read_text(encoding="utf-8"))]
    assert hits == []
    assert CITATION.search("行政处罚法第五十九条") and CITATION.search("《行政复议法》")


def test_every_kit_module_is_under_200_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in KIT}
    assert {name: n for name, n in sizes.items() if n >= 200} == {}


def test_nothing_is_left_at_an_old_kit_path() -> None:
    run = subprocess.run([sys.executable, "tools/relocate_kit.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "")


def test_the_relocation_rewrites_old_imports_once() -> None:
    tool = _relocator()
    old = ("from kit import calendar, errors\n"
           "from kit.schemas import ApiModel, Money\n"
           "from kit.auth import ROLES, Principal\n"
           'PATCH = "kit.calendar.today_legal"  # see kit/calendar.py\n')
    new = tool.rewrite(old, inside_kit=False)
    assert new == ("from common import calendar\n"
                   "from kit import errors\n"
                   "from common.money import Money\n"
                   "from kit.schemas import ApiModel\n"
                   "from common.roles import ROLES\n"
                   "from common.principal import Principal\n"
                   'PATCH = "common.calendar.today_legal"  # see common/calendar.py\n')
    assert tool.rewrite(new, inside_kit=False) == new
    # inside kit a name that left a kit module is not redirected (kit never imports common)
    assert tool.rewrite("from kit.schemas import Money\n", inside_kit=True) == (
        "from kit.schemas import Money\n")
