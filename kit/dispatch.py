"""Route dispatch by path segments (issue 17, point 2).

FastAPI keeps included routers nested and, for every request, walks the whole tree twice (once to
match, once to handle) — with 144 cases routes in 14 sub-routers that walk was about half of the
CPU of a `/api/v1/cases/status` request. `install(app)` puts an index in front of the app's
router: the static segments of every route path (a `{param}` segment matches any one segment; a
`{name:path}` parameter, a mount or any other route kind matches everything) select the routes
that *could* match the request path, its trailing-slash twin (`redirect_slashes`) and its twin
without one trailing newline (the regex `$`), and the request is handed to a pruned copy of the
router tree that holds exactly those routes, in their original order. FastAPI then matches and
handles as always, so FULL/PARTIAL (405) matches, 404s and redirects are decided by the same code
over the same candidates; `app.routes` and the OpenAPI document are untouched.

The pruned trees reuse FastAPI's own effective route contexts (the handlers built at inclusion,
including everything `kit.strict` and `kit.docs` did to them) and are cached per candidate set.
A change to any router of the tree (a route added later) rebuilds the index on the next request.
Trees with FastAPI frontend (low-priority) routes, and routers wrapped in router-level
middleware, are left to FastAPI's own dispatch."""

from __future__ import annotations

import copy
import dataclasses
import threading
from typing import Any

from fastapi import FastAPI
from starlette._utils import get_route_path
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send

ANY = object()  # a route the index cannot place: always a candidate


def _included(entry: Any) -> bool:
    """FastAPI's record of an `include_router` (private class, recognised by shape)."""
    return dataclasses.is_dataclass(entry) and hasattr(entry, "original_router") \
        and hasattr(entry, "effective_candidates")


def _pattern(entry: Any) -> tuple[str | None, ...] | object:
    """Static segments of a route path (`None` for a parameter segment), or ANY."""
    route = getattr(entry, "starlette_route", None) or entry
    original = getattr(entry, "original_route", entry)
    if not isinstance(route, Route | WebSocketRoute) and not isinstance(original, Route):
        return ANY
    path = getattr(entry, "path", None) if route is entry else route.path
    if not isinstance(path, str) or not path.startswith("/") or ":path}" in path:
        return ANY
    return tuple(None if "{" in s else s for s in path.split("/"))


class _Trie:
    def __init__(self) -> None:
        self.static: dict[str, _Trie] = {}
        self.wild: _Trie | None = None
        self.leaves: list[int] = []

    def add(self, segments: tuple[str | None, ...], leaf: int) -> None:
        node = self
        for s in segments:
            if s is None:
                node.wild = node.wild or _Trie()
                node = node.wild
            else:
                node = node.static.setdefault(s, _Trie())
        node.leaves.append(leaf)

    def find(self, segments: list[str], out: set[int]) -> None:
        level = [self]
        for s in segments:
            nxt = []
            for node in level:
                child = node.static.get(s)
                if child is not None:
                    nxt.append(child)
                if node.wild is not None:
                    nxt.append(node.wild)
            if not nxt:
                return
            level = nxt
        for node in level:
            out.update(node.leaves)


class _Index:
    """The router tree flattened to numbered leaves, and the pruned copies per leaf set."""

    def __init__(self, router: Any) -> None:
        self.router = router
        self.routers: list[Any] = [router]
        self.leaf_ids: dict[int, int] = {}  # id(route object in the tree) -> leaf number
        self.trie, self.anywhere = _Trie(), set[int]()
        self.ok = not router._low_priority_routes and router._frontend_routes is None
        self._number(router.routes)
        self.version = self._version()
        self.shadows: dict[frozenset[int], Any] = {}

    def _version(self) -> tuple[int, ...]:
        return tuple(r._routes_version for r in self.routers)

    def _leaf(self, entry: Any) -> None:
        n = self.leaf_ids.setdefault(id(entry), len(self.leaf_ids))
        pattern = _pattern(entry)
        if pattern is ANY:
            self.anywhere.add(n)
        else:
            self.trie.add(pattern, n)  # type: ignore[arg-type]

    def _number(self, entries: list[Any]) -> None:
        for entry in entries:
            if _included(entry):
                inner = entry.original_router
                if inner._low_priority_routes or inner._frontend_routes is not None:
                    self.ok = False
                self.routers.append(inner)
                self._number(entry.effective_candidates())
            else:
                self._leaf(entry)

    def candidates(self, path: str) -> frozenset[int]:
        found = set(self.anywhere)
        twins = [path, path.rstrip("/") if path.endswith("/") else path + "/"]
        twins += [p[:-1] for p in twins if p.endswith("\n")]
        for p in twins:
            self.trie.find(p.split("/"), found)
        return frozenset(found)

    def _prune(self, entries: list[Any], keep: frozenset[int]) -> list[Any]:
        out = []
        for entry in entries:
            if _included(entry):
                inner = self._prune(entry.effective_candidates(), keep)
                if inner:
                    pruned = dataclasses.replace(entry, _effective_candidates=inner,
                                                 _effective_routes_lock=threading.Lock())
                    # the pruned candidates, without FastAPI's per-call walk of the subtree
                    # for its version (the index checks the versions once per request)
                    pruned.effective_candidates = lambda inner=inner: inner
                    out.append(pruned)
            elif self.leaf_ids[id(entry)] in keep:
                out.append(entry)
        return out

    def shadow(self, keep: frozenset[int]) -> Any:
        found = self.shadows.get(keep)
        if found is None:
            found = copy.copy(self.router)
            found.routes = self._prune(self.router.routes, keep)
            self.shadows[keep] = found
        return found


class PrefixDispatch:
    """The app router's innermost ASGI callable, replaced by the indexed dispatch."""

    def __init__(self, router: Any) -> None:
        self.router = router
        self.plain = router.app
        self.index: _Index | None = None

    def _current(self) -> _Index:
        index = self.index
        if index is None or index._version() != index.version:
            index = self.index = _Index(self.router)
        return index

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.plain(scope, receive, send)
            return
        index = self._current()
        if not index.ok:
            await self.plain(scope, receive, send)
            return
        scope.setdefault("router", self.router)  # url_for sees every route
        shadow = index.shadow(index.candidates(get_route_path(scope)))
        await shadow.app(scope, receive, send)


def install(app: FastAPI) -> bool:
    """Index `app`'s routes (see the module doc); False when the router is wrapped in router-level
    middleware and FastAPI's own dispatch stays."""
    router = app.router
    if router.middleware_stack != router.app:
        return False
    router.middleware_stack = PrefixDispatch(router)
    return True
