"""Webhook subscriptions with a subscriber's scope (监督范围): a supervisor's region or one
agency; only events about rows inside it are delivered (kit.events.Outbox's `in_scope`)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.events import WebhookMixin


class ScopedWebhookMixin(WebhookMixin):
    # the subscriber's scope: only events of rows inside it are delivered (None = all)
    region_code: Mapped[str | None] = mapped_column(String(12))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


def in_hook_scope(hook: Any, payload: Mapping[str, Any]) -> bool:
    """Whether an event about the row in `payload` lies inside the subscriber's scope."""
    region = str(payload.get("region_code") or "")
    if hook.region_code and not (region.isdigit() and region.startswith(hook.region_code)):
        return False
    return not hook.agency_id or str(payload.get("agency_id") or "") == str(hook.agency_id)
