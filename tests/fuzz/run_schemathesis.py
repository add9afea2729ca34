"""Run schemathesis (all checks) against the one-process platform, once per role.

A fresh data dir gets the demo district (`zhifa demo load`), so path ids point at real rows
(seeded through schemathesis `parameters`); each role logs in with its demo account. Every check
is on and the build fails on any failure (no baseline). The run is deterministic: schemathesis'
deterministic generation, a fixed seed, a fixed example count, no example database, so two runs
of the same code send the same requests. `tests/fuzz/hooks.py` makes valid statutory identifiers
for their formats and keeps invented cursors out of positive cases.

Where a check is a false positive for one operation (a rule no JSON Schema can state: one field
against another, a row that must exist, the caller's role, today's date, DNS), `FALSE_POSITIVES`
below switches that one check off for that one operation and says why. Nothing else is excused.

    .venv/bin/python tests/fuzz/run_schemathesis.py [--max-examples N] [--roles a,b] [--keep]
        [--include-path-regex RE]   # iterate on some operations only

The report of each role is printed on failure (and kept with --keep); each failure names the
check (ST2xx), the operation, the request as `curl` and the answer.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "zhifa-demo-2026"
ROLES = {"sysadmin": "admin", "supervisor": "supervisor", "officer": "muer-officer",
         "agency_admin": "muer-admin", "legal_reviewer": "reviewer"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zhifa(data_dir: Path, *args: str) -> None:
    subprocess.run([str(BIN / "zhifa"), *args, "--data-dir", str(data_dir)], cwd=ROOT,
                   check=True, capture_output=True, timeout=300)


def seeds(base: str, token: str) -> dict[str, str]:
    """Ids of demo rows for the path parameters schemathesis cannot invent."""
    h = {"Authorization": f"Bearer {token}"}
    officers = httpx.get(f"{base}/api/v1/personnel/officers", headers=h, timeout=30).json()
    agencies = httpx.get(f"{base}/api/v1/personnel/agencies", headers=h, timeout=30).json()
    matters = httpx.get(f"{base}/api/v1/cases/matters", headers=h, timeout=30).json()
    return {"path.officer_id": officers["items"][0]["id"],
            "path.agency_id": agencies["items"][0]["id"],
            "path.matter_id": matters["items"][0]["id"]}


# (operation, check): why the check cannot hold there. Schema-valid requests ("positive data")
# that a legal or referential rule refuses with 422 and a named problem type:
_RULE = "positive_data_acceptance"
FALSE_POSITIVES: dict[tuple[str, str], str] = {
    # reached since the demo holds cases with fixed ids (the OpenAPI examples name them)
    ("POST /api/v1/cases/cases/{case_id}/conclude", _RULE):
        "the outcome decides which fields are needed (penalties, the 第三十三条 ground, reasons): "
        "fields against each other, and the case's state (a row)",
    ("POST /api/v1/cases/cases/{case_id}/evidence", _RULE):
        "the file's bytes must be a non-empty file of an allowed type (magic bytes)",
    ("POST /api/v1/cases/cases/{case_id}/hearing", _RULE):
        "a hearing held needs its record, a waived one none (one field against another)",
    ("POST /api/v1/cases/cases/{case_id}/records", _RULE):
        "an inquiry record (询问笔录) needs the person questioned (kind against fields)",
    ("POST /api/v1/cases/cases/{case_id}/statements", _RULE):
        "content, or waived=true (one field against another)",
    ("POST /api/v1/cases/cases/{case_id}/preservations", _RULE):
        "the approver must be the agency's head and the officers qualified (rows in personnel)",
    **{(f"GET /api/v1/{path}", _RULE):
       "date_from/date_to inside the year and in order (fields against each other); the "
       "records of a figure need a known key (a row of the figure list)"
       for base in ("cases", "cases/inspections", "cases/licensing", "personnel", "review",
                    "publicity") for path in (f"{base}/statistics", f"{base}/statistics/records")},
    ("PATCH /api/v1/review/annual-reports/{report_id}", _RULE):
        "If-Match is required (428; a header rule) and a finalised report refuses edits (a row)",
    ("POST /api/v1/review/annual-reports", _RULE):
        "exactly one of agency_id or region_code (one field against another), in the caller's "
        "scope (role)",
    ("PUT /api/v1/cases/inspection-caps", _RULE):
        "the agency must exist and be in the caller's scope (a row, the role)",
    ("POST /api/v1/review/responsibility-records", _RULE):
        "subject_kind agency needs agency_id, officer needs officer_id (one field against "
        "another); a referenced action or instrument must exist",
    ("POST /api/v1/review/supervision-instruments", _RULE):
        "the referenced supervision action and the agency must exist (rows), in the "
        "supervisor's region (role)",
    ("POST /api/v1/review/social-evaluations", _RULE):
        "the case must exist in cases and be in the supervisor's scope (a row in another "
        "service, the role); due_on not before today (today's date)",
    ("POST /api/v1/review/invited-cohorts", _RULE):
        "term_end after term_start (one field against another); the region must be the "
        "supervisor's own (role)",
    ("POST /api/v1/cases/spot-check-plans/{plan_id}/draws", _RULE):
        "exactly one of seed or public_value + nonce (one field against another), and the plan's "
        "commitment must match the nonce (a row)",
    ("POST /api/v1/cases/inspections/{inspection_id}/evidence", _RULE):
        "the file's bytes must be a non-empty file of an allowed type (magic bytes; no schema "
        "states content)",
    ("POST /api/v1/cases/cases", _RULE):
        "discovered_on ≥ act_date (one date against another); a caller without an agency must "
        "name one (depends on the role)",
    ("POST /api/v1/cases/entrustment-agreements", _RULE):
        "行政处罚法第二十条: delegating and delegated body differ, term and powers rules",
    ("POST /api/v1/cases/hearing-thresholds", _RULE): "agency_id or region_code: one of two",
    ("POST /api/v1/cases/inspection-items", _RULE): "agency_id must name an existing agency",
    ("POST /api/v1/cases/inspection-targets", _RULE): "agency_id must name an existing agency",
    ("POST /api/v1/cases/inspection-targets/imports", _RULE):
        "agency_id must name an existing agency",
    ("POST /api/v1/cases/inspections", _RULE):
        "an individual inspection needs its source (depends on kind)",
    ("POST /api/v1/cases/licence-matters", _RULE): "agency_id must name an existing agency",
    ("POST /api/v1/cases/matters", _RULE): "discretion tiers: max_fine ≥ min_fine",
    ("POST /api/v1/cases/matters/{matter_id}/versions", _RULE):
        "discretion tiers: max_fine ≥ min_fine",
    ("POST /api/v1/cases/summary-decisions", _RULE):
        "行政处罚法第五十一条: 200 元 for a person, 3000 元 for an organisation (amount against "
        "party kind)",
    ("POST /api/v1/cases/licence-applications", _RULE):
        "matter_id must name a published licence matter; the applicant's 身份证号 check character",
    ("POST /api/v1/personnel/agencies", _RULE):
        "parent_id must name an existing agency whose region contains region_code; the USCC "
        "check character (GB 32100; the coverage phase builds values from the pattern alone)",
    ("POST /api/v1/personnel/imports", _RULE):
        "the roster file's content (columns, rows) is checked, not its schema (a binary)",
    ("POST /api/v1/personnel/officers", _RULE):
        "the 身份证号 check character (GB 11643; the coverage phase builds values from the "
        "pattern alone); agency_id must name an existing agency",
    ("POST /api/v1/review/evaluation-rubrics", _RULE):
        "item codes unique across veto and scored items (items against each other)",
    ("POST /api/v1/personnel/officers/{officer_id}/certificates", _RULE):
        "the certificate number format is a per-province setting (certificate_number_patterns)",
    ("POST /api/v1/personnel/users", _RULE): "agency_id / officer_id must name existing rows",
    ("POST /api/v1/publicity/webhooks", _RULE):
        "the target must resolve (DNS) to a public address; generated host names do not",
    ("POST /api/v1/review/evaluation-batches", _RULE):
        "sample_size or sample_ratio: exactly one of two",
    ("POST /api/v1/review/major-decision-catalogues", _RULE):
        "agency_id or region_code: exactly one of two",
    ("POST /api/v1/review/supervision-opinions", _RULE): "rectify_by not before today",
    ("POST /api/v1/review/assessments", _RULE):
        "indicator keys unique within the set (items against each other)",
    ("POST /api/v1/review/case-consultations", _RULE):
        "the case and inspections must exist in cases and be visible to the caller (rows); an "
        "agency participant needs agency_id (depends on kind) of an existing agency",
    ("POST /api/v1/review/case-consultations/{consultation_id}/conclude", _RULE):
        "the adopted opinions must belong to the consultation (rows)",
    ("POST /api/v1/review/joint-meetings", _RULE):
        "convener and participant agencies must exist in personnel (rows)",
    ("POST /api/v1/review/joint-meetings/{meeting_id}/decisions", _RULE):
        "the responsible agency must exist in personnel (a row)",
    ("POST /api/v1/review/supervision-plans/{plan_id}/items", _RULE):
        "ends_on ≥ starts_on (one field against another) and starts in the plan's year (a row)",
    ("GET /api/v1/personnel/training-compliance", _RULE):
        "a caller without an agency (sysadmin, supervisor) must name agency_id (the role)",
}

CONFIG = """
[checks]
enabled = true

[phases.fuzzing]
enabled = true

[generation]
deterministic = true
database = "none"

[parameters]
{parameters}
{operations}
"""


def _operations_toml() -> str:
    out = []
    for (name, check), why in sorted(FALSE_POSITIVES.items()):
        out.append(f"# {why}\n[[operations]]\ninclude-name = {json.dumps(name)}\n"
                   f"checks.{check}.enabled = false\n")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-examples", type=int, default=2)
    ap.add_argument("--roles", default="sysadmin,officer")
    ap.add_argument("--include-path-regex", default=None,
                    help="only the operations whose path matches (iterating on a fix)")
    ap.add_argument("--seed", default="20261201")
    ap.add_argument("--workers", default="1")
    ap.add_argument("--keep", action="store_true", help="keep the data dir and reports")
    args = ap.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="zhifa-fuzz-"))
    data = work / "var"
    zhifa(data, "migrate", "all")
    zhifa(data, "demo", "load")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "GATEWAY_RATE_LIMIT_PER_MINUTE": "100000000",
           "GATEWAY_RATE_LIMIT_BURST": "10000000"}
    log = (work / "server.log").open("wb")
    server = subprocess.Popen([str(BIN / "zhifa"), "serve", "all", "--data-dir", str(data),
                               "--port", str(port)], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    results: list[tuple[str, int, str]] = []
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        tokens = {}
        for role in args.roles.split(","):
            resp = httpx.post(f"{base}/api/v1/auth/token", timeout=30,
                              data={"username": ROLES[role], "password": PASSWORD})
            resp.raise_for_status()
            tokens[role] = resp.json()["access_token"]
        params = seeds(base, tokens.get("sysadmin") or next(iter(tokens.values())))
        spec = work / "openapi.json"  # fetched once, with a patient timeout
        spec.write_bytes(httpx.get(f"{base}/openapi.json", timeout=120).content)
        config = work / "schemathesis.toml"
        config.write_text(CONFIG.format(parameters="\n".join(
            f'"{k}" = "{v}"' for k, v in params.items()), operations=_operations_toml()),
            encoding="utf-8")
        st_env = {**os.environ, "SCHEMATHESIS_HOOKS": "hooks",
                  "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "fuzz"), str(ROOT)])}
        for n, (role, token) in enumerate(tokens.items()):
            out = work / f"schemathesis-{role}.txt"
            cmd = [str(BIN / "schemathesis"), "--config-file", str(config), "run",
                   str(spec), "--url", base, "-H", f"Authorization: Bearer {token}",
                   # every check: `[checks] enabled = true` in the config (a `--checks all` here
                   # would override the per-operation false positives)
                   "--max-examples", str(args.max_examples),
                   # one worker: with two threads, hypothesis (which parses source with `ast` to
                   # describe strategies) hit "AST constructor recursion depth mismatch" on
                   # CPython 3.11.7 now and then (seen once on GET /review/complaints), an error
                   # of the fuzzer itself that would fail the gate at random
                   "--seed", args.seed, "--workers", args.workers, "--no-color",
                   "--request-timeout", "60",
                   # calls that end the fuzzer's own session would turn the rest into 401s
                   "--exclude-path-regex", r"(/logout|/logout-all|/password|/disable)$"]
            if n > 0:
                # the coverage phase (schema boundaries, the bulk of the cases) does not depend
                # on the role: the first role runs it, the others run examples, fuzzing and
                # stateful links (authorisation, ignored_auth, use_after_free)
                cmd += ["--phases", "examples,fuzzing,stateful"]
            if args.include_path_regex:
                cmd += ["--include-path-regex", args.include_path_regex]
            proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env=st_env)
            out.write_text(proc.stdout + proc.stderr, encoding="utf-8")
            summary = re.findall(r"=+ (.* in [0-9.]+s) =+", proc.stdout)
            results.append((role, proc.returncode, summary[-1] if summary else "no summary"))
            if proc.returncode != 0:
                print(proc.stdout[-20000:], flush=True)
                failing = re.findall(r"^_{3,} ([A-Z]+ \S+) _{3,}$", proc.stdout, re.M)
                print(f"failing operations [{role}]:\n  " + "\n  ".join(failing), flush=True)
            print(f"schemathesis [{role}]: {results[-1][2]}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    failed = [r for r, code, _ in results if code != 0]
    took = time.monotonic() - started
    if not args.keep:
        subprocess.run(["rm", "-rf", str(work)], check=False)
    else:
        print(f"reports in {work}")
    status = "FAILED" if failed or not results else "passed"
    print(f"schemathesis fuzz: {status} ({len(results) - len(failed)} roles passed, "
          f"{len(failed)} failed: {', '.join(failed) or '-'}; {took:.0f} s)")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
