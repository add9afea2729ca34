"""Issue 18: every problem `type` the code can raise resolves at the gateway (`/problems/<slug>`),
as HTML for a browser and as JSON otherwise, with meaning, article and advice."""

from __future__ import annotations

import importlib
import pkgutil

import httpx
import pytest

from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.problems import slug_of
from kit import errors


def _every_problem_class() -> list[type[errors.Problem]]:
    """Found independently of the catalogue: import every module of kit, common, services,
    gateway."""
    for root in ("kit", "common", "services", "gateway"):
        package = importlib.import_module(root)
        for info in pkgutil.walk_packages(package.__path__, f"{root}."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)
    seen: list[type[errors.Problem]] = []
    todo = [errors.Problem]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen and sub.__module__.split(".")[0] in ("kit", "common", "services",
                                                                   "gateway"):
                seen.append(sub)
                todo.append(sub)
    return seen


@pytest.fixture(scope="module")
async def gateway():
    app = create_app(GatewaySettings())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://gw") as client:
        yield client


async def test_every_raisable_type_resolves_as_json_and_html(gateway):
    classes = _every_problem_class()
    assert len(classes) > 50  # the services' problem types, not only kit's
    for cls in classes:
        resp = await gateway.get(f"/problems/{slug_of(cls)}")
        assert resp.status_code == 200, cls
        doc = resp.json()
        assert doc["type"] == cls.type_uri()
        variant = next(v for v in doc["variants"] if v["class"].endswith(cls.__qualname__)
                       and v["class"].startswith(cls.__module__))
        assert variant["status"] == cls.status and variant["title"] == cls.title
        assert variant["advice"]
        page = await gateway.get(f"/problems/{slug_of(cls)}", headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert cls.title in page.text


async def test_a_legal_refusal_names_its_article_and_what_to_do(gateway):
    # cases.LimitationExpired cites 行政处罚法第三十六条 in its docstring (追诉时效)
    doc = (await gateway.get("/problems/limitation-expired")).json()
    assert doc["status"] == 409 and doc["articles"] == ["行政处罚法第三十六条"]
    assert "原样重试不会成功" in doc["advice"]
    page = (await gateway.get("/problems/limitation-expired",
                              headers={"Accept": "text/html,*/*;q=0.8"})).text
    assert "行政处罚法第三十六条" in page and "客户端应当" in page


async def test_a_class_article_wins_over_the_docstring(gateway):
    class DemoRuleRefused(errors.Conflict):
        """No citation here."""

        title, article, advice = "演示", "行政强制法第十八条", "先补齐审批"

    from gateway.problems import _variant

    variant = _variant(DemoRuleRefused)
    assert variant.articles == ("行政强制法第十八条",) and variant.advice == "先补齐审批"


async def test_the_index_lists_every_type_and_an_unknown_slug_is_a_404_problem(gateway):
    index = (await gateway.get("/problems")).json()["items"]
    assert {slug_of(c) for c in _every_problem_class()} <= {i["slug"] for i in index}
    resp = await gateway.get("/problems/no-such-problem")
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["type"] == errors.NotFound.type_uri()
