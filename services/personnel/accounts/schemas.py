from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

Role = Literal["officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin"]


class TokenPair(ApiModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str


class RefreshRequest(ApiModel):
    refresh_token: str = Field(min_length=10, max_length=300)


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
