"""Problem types that explain themselves: every problem `type` URI (`…/problems/<slug>`) is
served by the gateway at `/problems/<slug>` as a short page (HTML, or JSON when asked for) with
what it means, the article it comes from and what the client should do; `/problems` lists them.

Generated from the code: every subclass of `kit.errors.Problem` defined in kit, in common or in
any service's `errors` modules, so a new problem type documents itself. The article is the class's
`article`, else the citations (《…》/…法第…条) found in its docstring; the advice is the class's
`advice`, else a default by HTTP status."""

from __future__ import annotations

import html
import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kit import errors

PACKAGES = ("kit", "common", "services")
_LAW = r"(?:《[^》]{2,40}》|[\u4e00-\u9fa5]{1,20}(?:法|条例|规定|办法|细则))"
_ART = r"第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+款)?"
CITATION = re.compile(rf"{_LAW}{_ART}(?:[、和及]{_ART})*")
NO_ARTICLE = "未注明（非法定事由，或见响应中的 rule/article 字段）"
ADVICE = {
    400: "请求格式或参数有误：按 detail 修正后再发送，原样重发不会成功。",
    401: "令牌缺失、无效或已过期：重新登录（POST /api/v1/auth/token）或用刷新令牌"
         "（POST /api/v1/auth/refresh）换取新令牌后重试。",
    403: "当前账号的角色或所属机关、辖区无权执行此操作：换用有权限的账号，或请管理员授权。",
    404: "资源不存在，或不在本账号的辖区范围内（超出辖区同样返回 404）：核对 id 与路径。",
    405: "该路径不支持此请求方法：按接口文档换用正确的方法。",
    409: "与资源当前状态或法定程序冲突：重新获取资源状态，按 detail 及 rule/article 所述先完成"
         "前置步骤；原样重试不会成功。",
    412: "资源已被他人修改：重新 GET 取得最新 ETag，核对后以 If-Match 重试。",
    413: "请求体超过上限：缩小或分批提交。",
    422: "请求内容未通过校验或引用了不存在的对象：按 errors 列表逐项修正后重试。",
    428: "此操作须带 If-Match：先 GET 资源取得 ETag，再带 If-Match 请求头重试。",
    429: "请求过于频繁：按 Retry-After 响应头等待后再试。",
    500: "服务器内部错误（已记录日志）：可带同一 Idempotency-Key 稍后重试；仍失败请联系运维并"
         "提供响应头 X-Request-ID。",
    502: "上游服务返回错误：稍后重试（POST 请带同一 Idempotency-Key，避免重复创建）。",
    503: "服务暂时不可用：稍后重试（POST 请带同一 Idempotency-Key，避免重复创建）。",
    504: "上游服务响应超时：稍后重试（POST 请带同一 Idempotency-Key，避免重复创建）。",
}


@dataclass(frozen=True)
class Variant:
    """One class raising this type (equal slugs from different services share a page)."""

    service: str
    qualname: str
    status: int
    title: str
    meaning: str
    articles: tuple[str, ...]
    advice: str


def _modules() -> list[str]:
    names = []
    for root in PACKAGES:
        package = importlib.import_module(root)
        for info in pkgutil.walk_packages(package.__path__, f"{root}."):
            last = info.name.rsplit(".", 1)[-1]
            if root in ("kit", "common") and last != "__main__" or last == "errors":
                names.append(info.name)
    return names


def problem_classes() -> list[type[errors.Problem]]:
    """Every Problem subclass in kit, in common and in the services' errors modules."""
    for name in _modules():
        importlib.import_module(name)
    found: list[type[errors.Problem]] = []
    todo = [errors.Problem]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.append(sub)
                todo.append(sub)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def slug_of(cls: type[errors.Problem]) -> str:
    return cls.type_uri().removeprefix(errors.TYPE_PREFIX)


def _variant(cls: type[errors.Problem]) -> Variant:
    parts = cls.__module__.split(".")
    service = parts[1] if parts[0] == "services" and len(parts) > 1 else "通用"
    doc = " ".join((cls.__dict__.get("__doc__") or "").split())
    articles = (cls.article,) if cls.article else tuple(dict.fromkeys(CITATION.findall(doc)))
    advice = cls.advice or ADVICE.get(cls.status) or ADVICE[500 if cls.status >= 500 else 400]
    return Variant(service, f"{cls.__module__}.{cls.__qualname__}", cls.status, cls.title,
                   doc, articles, advice)


@cache
def catalogue() -> dict[str, tuple[Variant, ...]]:
    """slug → the classes answering with that type, built once per process."""
    out: dict[str, list[Variant]] = {}
    for cls in problem_classes():
        out.setdefault(slug_of(cls), []).append(_variant(cls))
    return {slug: tuple(out[slug]) for slug in sorted(out)}


def as_json(slug: str, variants: tuple[Variant, ...]) -> dict[str, Any]:
    first = variants[0]
    return {"type": errors.TYPE_PREFIX + slug, "slug": slug, "status": first.status,
            "title": first.title,
            "articles": list(dict.fromkeys(a for v in variants for a in v.articles)),
            "advice": first.advice,
            "variants": [{"service": v.service, "class": v.qualname, "status": v.status,
                          "title": v.title, "meaning": v.meaning, "articles": list(v.articles),
                          "advice": v.advice} for v in variants]}


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.query_params.get("format") != "json" and (
        "text/html" in accept or request.query_params.get("format") == "html")


_STYLE = ("body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:52rem;"
          "margin:2rem auto;padding:0 1rem;line-height:1.6;color:#222}"
          "code{background:#f3f3f3;padding:0 .25rem}th,td{text-align:left;padding:.2rem .6rem;"
          "vertical-align:top}dt{font-weight:600;margin-top:.6rem}")


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
                        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
                        f"<body>{body}</body></html>")


def _html_detail(slug: str, variants: tuple[Variant, ...]) -> HTMLResponse:
    e = html.escape
    parts = [f"<p><a href='/problems'>全部问题类型</a></p><h1>{e(variants[0].title)}</h1>",
             f"<p><code>{e(errors.TYPE_PREFIX + slug)}</code> · HTTP {variants[0].status}</p>"]
    for v in variants:
        articles = "；".join(map(e, v.articles)) or NO_ARTICLE
        parts.append(f"<section><h2>{e(v.service)} · {e(v.title)}</h2><dl>"
                     f"<dt>含义</dt><dd>{e(v.meaning or v.title)}</dd>"
                     f"<dt>法律依据</dt><dd>{articles}</dd>"
                     f"<dt>客户端应当</dt><dd>{e(v.advice)}</dd>"
                     f"<dt>定义</dt><dd><code>{e(v.qualname)}</code></dd></dl></section>")
    return _page(f"{variants[0].title} · zhifa 问题类型", "".join(parts))


def _html_index(items: dict[str, tuple[Variant, ...]]) -> HTMLResponse:
    e = html.escape
    rows = "".join(f"<tr><td><a href='/problems/{e(s)}'>{e(s)}</a></td><td>{v[0].status}</td>"
                   f"<td>{e(v[0].title)}</td><td>{e('、'.join(sorted({x.service for x in v})))}"
                   f"</td></tr>" for s, v in items.items())
    return _page("zhifa 问题类型", "<h1>问题类型（application/problem+json 的 type）</h1>"
                 f"<table><tr><th>type</th><th>HTTP</th><th>含义</th><th>服务</th></tr>{rows}"
                 "</table>")


router = APIRouter(include_in_schema=False)


@router.get("/problems")
async def list_problem_types(request: Request) -> Response:
    items = catalogue()
    if _wants_html(request):
        return _html_index(items)
    return JSONResponse({"items": [as_json(s, v) for s, v in items.items()]})


@router.get("/problems/{slug}")
async def get_problem_type(slug: str, request: Request) -> Response:
    variants = catalogue().get(slug)
    if variants is None:
        raise errors.NotFound(f"没有名为 {slug} 的问题类型", slug=slug)
    if _wants_html(request):
        return _html_detail(slug, variants)
    return JSONResponse(as_json(slug, variants))
