"""Transactional outbox, delivery worker and idempotent inbox: the tables and `accept_event` in
`kit.events.tables`, the `Outbox` (write in the caller's transaction, deliver afterwards) in
`kit.events.outbox`."""

from __future__ import annotations

from kit.events.outbox import Outbox, envelope, sign
from kit.events.tables import EventHandler, InboxMixin, OutboxMixin, WebhookMixin, accept_event

__all__ = ["EventHandler", "InboxMixin", "Outbox", "OutboxMixin", "WebhookMixin", "accept_event",
           "envelope", "sign"]
