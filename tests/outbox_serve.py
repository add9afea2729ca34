"""One process of the outbox crash test: `python tests/outbox_serve.py sink|notes PORT DB_URL
KEYS_DIR [SINK_URL]`. The sink applies each event slowly (`SINK_DELAY` seconds, inside the
transaction that records it in the inbox), so a `kill -9` lands in the middle of deliveries;
`notes` runs the outbox worker and delivers to the sink over HTTP."""

from __future__ import annotations

import asyncio
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

DELAY = float(os.environ.get("SINK_DELAY", "0.1"))


async def slow_apply(session: Any, event: dict[str, Any]) -> None:
    await asyncio.sleep(DELAY)
    await on_note_created(session, event)


def main() -> None:
    role, port, url, keys = sys.argv[1:5]
    jwt = JwtSettings(keys_dir=keys, generate_keys=False)
    if role == "sink":
        app = build_app(ServiceSpec("sink", sink, sink_platform,
                                    event_handlers={"note.created": slow_apply}),
                        ServiceSettings(service_name="sink", database_url=url, jwt=jwt,
                                        run_outbox_worker=False))
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
