"""Personnel tables."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from common.app import platform_models
from kit.db import Timestamps, UTCDateTime, UUIDPk, make_base

Base = make_base()
platform = platform_models(Base)


class User(UUIDPk, Timestamps, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    display_name: Mapped[str | None] = mapped_column(String(100))
    roles: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    region_code: Mapped[str | None] = mapped_column(String(12))
    # one account per staff member (issue 10, point 6)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, unique=True, index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # failed logins since the last success, raised atomically in the database (UPDATE ...
    # RETURNING); the lockout itself is the login throttle (accounts/throttle.py)
    failed_logins: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # no longer written or read (the lockout is the login throttle); kept so upgrades lose nothing
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 会话版本: in every access token as `sv`; raised by logout-all, password change, disable
    # server default only: an INSERT that does not name it (release rows) gets 1
    session_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    session_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class RefreshToken(UUIDPk, Base):
    """Rotating refresh tokens; a reused one revokes its whole family."""

    __tablename__ = "refresh_tokens"

    family_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # indexed: the session gates read the families revoked in the last access-token lifetime
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


# tables of the sub-packages, so Alembic sees the whole metadata (modules, not names, so
# that importing a sub-package's models first does not trip over this cycle)
# usernames are case-insensitive: `MUER-OFFICER` cannot sit beside `muer-officer`
Index("ux_users_username_lower", func.lower(User.username), unique=True)

from services.personnel.agencies import models as agencies_models  # noqa: E402, F401
from services.personnel.certificates import models as certificates_models  # noqa: E402, F401
from services.personnel.devices import models as devices_models  # noqa: E402, F401
from services.personnel.staff import models as staff_models  # noqa: E402, F401
from services.personnel.training import models as training_models  # noqa: E402, F401
