from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

Role = Literal["officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin",
               "invited_supervisor"]


class TokenPair(ApiModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str


class RefreshRequest(ApiModel):
    refresh_token: str = Field(min_length=10, max_length=300)


class PasswordChange(ApiModel):
    current_password: str = Field(min_length=1, max_length=128)
    new_password: str = Field(min_length=8, max_length=128)


class SessionChange(ApiModel):
    subject: str
    session_version: int
    changed_at: datetime


class EndedSession(ApiModel):
    """One login session (refresh-token family, the token's `sid`) ended by logout or reuse."""

    session_id: str
    ended_at: datetime


class SessionChanges(ApiModel):
    """Session versions raised and single sessions ended since `since` (common.sessions);
    `as_of` is personnel's clock."""

    as_of: datetime
    items: list[SessionChange]
    ended_sessions: list[EndedSession] = []


class Me(ApiModel):
    subject: str
    username: str | None
    roles: list[str]
    agency_id: str | None
    region_code: str | None
    officer_id: str | None


class UserCreate(ApiModel):
    username: str = Field(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")
    password: str = Field(min_length=8, max_length=128)
    roles: list[Role] = Field(min_length=1)
    display_name: str | None = Field(None, max_length=100)
    agency_id: uuid.UUID | None = None
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    officer_id: uuid.UUID | None = None


class UserRead(ApiModel):
    id: uuid.UUID
    username: str
    display_name: str | None
    roles: list[str]
    agency_id: uuid.UUID | None
    region_code: str | None
    officer_id: uuid.UUID | None
    is_active: bool
    failed_logins: int = 0
