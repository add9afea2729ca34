"""The demo loader's last step: the events between the services delivered before it ends."""

from __future__ import annotations

from typing import Any


async def drain_outboxes(app: Any, rounds: int = 200) -> int:
    """Deliver every pending event between the services before the loader returns, so the
    year's 公示 (publicity's copy of the decisions) is complete when the command ends."""
    moved = 0
    for _ in range(rounds):
        step = 0
        for service in app.state.services.values():
            step += await service.state.outbox.run_once(service.state.sessionmaker, limit=500)
        moved += step
        if not step:
            break
    return moved

