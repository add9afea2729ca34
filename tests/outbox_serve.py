"""One process of the outbox crash test: `python tests/outbox_serve.py sink|notes PORT DB_URL
KEYS_DIR [SINK_URL]`. `notes` runs the outbox worker and delivers to the sink over HTTP.

The sink applies the first `SINK_ALLOW` events (unset: all) and holds the next one inside the
transaction that records it in the inbox, until the test opens the gate: a `kill -9` lands in the
middle of a delivery by construction, not by timing. `GET /_gate` answers how many applies are
held and how many event deliveries are in flight (a request counts until its transaction ended
and it was answered); `POST /_gate` opens the gate for good."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn
from minisvc import notes, notes_platform, on_note_created, sink, sink_platform

from common.app import ServiceSpec, build_app
from common.settings import ServiceSettings
from kit.settings import JwtSettings


class Gate:
    def __init__(self, allow: int | None) -> None:
        self.allow, self.started, self.held, self.inflight = allow, 0, 0, 0
        self._open: asyncio.Event | None = None

    @property
    def opened(self) -> asyncio.Event:
        if self._open is None:  # made on the server's loop
            self._open = asyncio.Event()
        return self._open

    async def apply(self, session: Any, event: dict[str, Any]) -> None:
        self.started += 1
        if self.allow is not None and self.started > self.allow and not self.opened.is_set():
            self.held += 1
            try:
                await self.opened.wait()
            finally:
                self.held -= 1
        await on_note_created(session, event)

    def wrap(self, app: Any) -> Any:
        async def gated(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            if scope["path"] == "/_gate":
                if scope["method"] == "POST":
                    self.opened.set()
                body = json.dumps({"held": self.held, "inflight": self.inflight}).encode()
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body})
                return
            counted = scope["method"] == "POST"
            self.inflight += counted
            try:
                await app(scope, receive, send)
            finally:
                self.inflight -= counted
        return gated


GATE = Gate(int(os.environ["SINK_ALLOW"]) if os.environ.get("SINK_ALLOW") else None)


def main() -> None:
    role, port, url, keys = sys.argv[1:5]
    jwt = JwtSettings(keys_dir=keys, generate_keys=False)
    if role == "sink":
        app = GATE.wrap(build_app(ServiceSpec("sink", sink, sink_platform,
                                              event_handlers={"note.created": GATE.apply}),
                                  ServiceSettings(service_name="sink", database_url=url,
                                                  jwt=jwt, run_outbox_worker=False)))
    else:
        app = build_app(ServiceSpec("notes", notes, notes_platform),
                        ServiceSettings(service_name="notes", database_url=url, jwt=jwt,
                                        run_outbox_worker=True, outbox_poll_seconds=0.05,
                                        outbox_max_backoff_seconds=5,
                                        http_timeout_seconds=5,
                                        upstreams={"sink": sys.argv[5]},
                                        subscriptions={"note.created": ["sink"]}))
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")


if __name__ == "__main__":
    main()
