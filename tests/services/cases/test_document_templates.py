"""The shipped 执法文书 templates as a lint (no database): each declares code, version,
articles and required fields; references only known variables and carries every required
element; renders with the full fixture (party name with `&` and `<`) into a file python-docx
re-opens with no tag left; East-Asian fonts are set on the styles; the build is reproducible."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from services.cases.documents import build, render, uploads
from services.cases.documents import context as dctx
from services.cases.documents.catalogue import SPECS
from services.cases.documents.layouts import LAYOUTS
from services.cases.documents.service import shipped_bytes

CORE = ("filing_approval", "declined_approval", "inspection_record", "inquiry_record",
        "rectification_notice", "evidence_preservation", "seizure_decision", "seizure_list",
        "seizure_extension", "seizure_release", "investigation_report", "legal_review_opinion",
        "collective_discussion", "prior_notice", "prior_notice_hearing", "hearing_notice",
        "hearing_record", "penalty_decision", "no_penalty_decision", "summary_decision",
        "service_receipt", "payment_deferral", "demand_notice", "criminal_transfer",
        "closing_approval", "dossier_cover", "dossier_index", "dossier_notes",
        "inspection_approval", "inspection_notice", "inspection_result")


def test_catalogue_covers_the_issue_list_and_every_spec_has_a_layout() -> None:
    assert set(CORE) <= set(SPECS)
    assert set(SPECS) == set(LAYOUTS)
    for spec in SPECS.values():
        assert spec.version and spec.articles and spec.required, spec.code


def test_decision_requires_the_article_59_list() -> None:
    req = {r.path: r.article for r in SPECS["penalty_decision"].required}
    for path in ("party.name", "party.address", "facts", "evidence", "penalty.text",
                 "penalty_basis", "payment.text", "remedies.text", "deciding_agency.name",
                 "decided_on"):
        assert req[path] == "行政处罚法第五十九条", path
    seizure = {r.path: r.article for r in SPECS["seizure_decision"].required}
    for path in ("reason", "period_days", "items", "remedies.text"):
        assert seizure[path] == "行政强制法第二十四条"


@pytest.mark.parametrize("code", sorted(SPECS))
def test_template_renders_with_the_fixture_and_leaves_no_tag(code: str) -> None:
    spec = SPECS[code]
    found = uploads.inspect(spec, shipped_bytes(spec))
    assert found.reasons == [] and found.output is not None
    assert found.used <= dctx.known(spec)
    if "party" in found.used:
        # escaped in the XML (a valid file), intact for the reader
        xml = zipfile.ZipFile(io.BytesIO(found.output)).read("word/document.xml").decode()
        assert "张三 &amp; &lt;李四&gt; 商行" in xml
        assert "张三 & <李四> 商行" in "\n".join(render.texts(found.output))


def test_styles_carry_east_asian_fonts_and_the_build_is_reproducible() -> None:
    data = shipped_bytes(SPECS["penalty_decision"])
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="方正小标宋简体"' in styles
    rebuilt = build.build_one(LAYOUTS["penalty_decision"])
    assert hashlib.sha256(rebuilt).hexdigest() == hashlib.sha256(data).hexdigest()


def test_capital_figures() -> None:
    assert render.capital(100000) == "壹仟元整"
    assert render.capital(2000000) == "贰万元整"
    assert render.capital(123456) == "壹仟贰佰叁拾肆元伍角陆分"
    assert render.capital(1000001) == "壹万元零壹分"
    assert render.capital(1005000) == "壹万零伍拾元整"
    assert render.capital(100000100) == "壹佰万零壹元整"


def test_a_template_with_an_unknown_variable_or_a_broken_tag_is_refused() -> None:
    spec = SPECS["rectification_notice"]
    bad = build.build_one([*LAYOUTS[spec.code], ("p", "{{ secret_key }}")])
    assert any("secret_key" in r for r in uploads.validate(spec, bad))
    broken = build.build_one([*LAYOUTS[spec.code], ("p", "{{ party.name ")])
    assert uploads.validate(spec, broken)
    missing = build.build_one([b for b in LAYOUTS[spec.code] if "rectify_deadline" not in
                               str(b)])
    assert any("改正期限" in r for r in uploads.validate(spec, missing))
