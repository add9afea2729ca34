"""Models of `POST /inspections/sync`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

SyncAction = Literal["notify", "start", "records", "finish", "feedback"]


class SyncRecord(ApiModel):
    client_id: uuid.UUID
    idempotency_key: str = Field(min_length=1, max_length=200)
    inspection_id: uuid.UUID
    action: SyncAction
    if_match: str | None = Field(default=None, max_length=40)
    client_at: datetime
    body: dict[str, Any] = Field(default_factory=dict)


class SyncBatch(ApiModel):
    records: list[SyncRecord] = Field(min_length=1, max_length=500)


class SyncResult(ApiModel):
    client_id: uuid.UUID
    idempotency_key: str
    status: Literal["applied", "already_applied", "refused"]
    inspection_version: int | None = None
    resource_id: uuid.UUID | None = None
    problem: dict[str, Any] | None = None


class SyncReport(ApiModel):
    applied: int
    already_applied: int
    refused: int
    results: list[SyncResult]
