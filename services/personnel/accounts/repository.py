from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.personnel.accounts.models import RefreshToken, User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_username(self, username: str) -> User | None:
        """Case-insensitive (`ux_users_username_lower`)."""
        return await self.session.scalar(select(User).where(
            func.lower(User.username) == username.lower()))

    async def by_officer(self, officer_id: uuid.UUID) -> User | None:
        return await self.session.scalar(select(User).where(User.officer_id == officer_id))

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def add(self, user: User) -> User:
        self.session.add(user)
        await self.session.flush()
        return user

    async def record_failure(self, user_id: uuid.UUID) -> int:
        """One more failed login, counted in the database itself (no lost updates)."""
        stmt = (update(User).where(User.id == user_id)
                .values(failed_logins=User.failed_logins + 1).returning(User.failed_logins)
                .execution_options(synchronize_session=False))
        return int((await self.session.execute(stmt)).scalar_one())

    async def record_success(self, user_id: uuid.UUID) -> None:
        await self.session.execute(
            update(User).where(User.id == user_id, User.failed_logins != 0)
            .values(failed_logins=0).execution_options(synchronize_session=False))

    async def raise_session_version(self, user_id: uuid.UUID, now: datetime) -> int:
        """会话版本 + 1: every access token issued before stops working (common.sessions)."""
        stmt = (update(User).where(User.id == user_id)
                .values(session_version=User.session_version + 1, session_changed_at=now)
                .returning(User.session_version).execution_options(synchronize_session=False))
        return int((await self.session.execute(stmt)).scalar_one())

    async def session_changes(self, since: datetime, limit: int = 10_000
                              ) -> list[tuple[uuid.UUID, int, datetime]]:
        stmt = (select(User.id, User.session_version, User.session_changed_at)
                .where(User.session_changed_at >= since)
                .order_by(User.session_changed_at).limit(limit))
        return [(r[0], r[1], r[2]) for r in (await self.session.execute(stmt)).all()]


class RefreshTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_hash(self, token_hash: str) -> RefreshToken | None:
        stmt = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
        return await self.session.scalar(stmt.with_for_update())

    async def add(self, token: RefreshToken) -> None:
        self.session.add(token)
        await self.session.flush()

    async def revoke_family(self, family_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now))

    async def revoked_families(self, since: datetime, limit: int = 10_000
                               ) -> list[tuple[uuid.UUID, datetime]]:
        """Refresh-token families revoked since `since` (logout, reuse): their access tokens
        carry the family as `sid` and are cut by every service's session gate."""
        stmt = (select(RefreshToken.family_id, func.min(RefreshToken.revoked_at))
                .where(RefreshToken.revoked_at >= since)
                .group_by(RefreshToken.family_id)
                .order_by(func.min(RefreshToken.revoked_at)).limit(limit))
        return [(r[0], r[1]) for r in (await self.session.execute(stmt)).all()]

    async def revoke_user(self, user_id: uuid.UUID, now: datetime) -> None:
        """Every refresh token of the user (logout-all, password change, disable)."""
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now))
