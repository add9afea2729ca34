"""Login with throttling, rotating refresh tokens with reuse detection, account creation."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from kit import auth
from kit.db import utcnow
from kit.settings import JwtSettings
from services.personnel.accounts import errors
from services.personnel.accounts.repository import RefreshTokenRepository, UserRepository
from services.personnel.accounts.schemas import TokenPair, UserCreate
from services.personnel.config import PersonnelSettings
from services.personnel.models import RefreshToken, User

hasher = PasswordHasher()
_DUMMY_HASH = hasher.hash("zhifa-timing-equaliser")


def hash_password(password: str) -> str:
    return hasher.hash(password)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def _issue_pair(session: AsyncSession, ring: auth.KeyRing, jwt: JwtSettings, user: User,
                      family_id: uuid.UUID) -> TokenPair:
    access = auth.issue_access_token(
        ring, jwt, subject=str(user.id), roles=user.roles, username=user.username,
        agency_id=str(user.agency_id) if user.agency_id else None,
        region_code=user.region_code,
        officer_id=str(user.officer_id) if user.officer_id else None)
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    await RefreshTokenRepository(session).add(RefreshToken(
        family_id=family_id, user_id=user.id, token_hash=_digest(secret), issued_at=now,
        expires_at=now + timedelta(seconds=jwt.refresh_ttl_seconds)))
    return TokenPair(access_token=access, expires_in=jwt.access_ttl_seconds,
                     refresh_token=secret)


async def login(session: AsyncSession, ring: auth.KeyRing, settings: PersonnelSettings,
                username: str, password: str) -> TokenPair:
    user = await UserRepository(session).by_username(username)
    now = utcnow()
    if user is not None and user.locked_until and user.locked_until > now:
        raise errors.AccountLocked(retry_after=int((user.locked_until - now).total_seconds()) + 1)
    try:
        hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None and user.is_active
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None:
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= settings.login_max_failures:
                user.locked_until = now + timedelta(seconds=settings.login_lock_seconds)
                user.failed_logins = 0
        raise errors.InvalidCredentials()
    user.failed_logins, user.locked_until = 0, None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return await _issue_pair(session, ring, settings.jwt, user, uuid.uuid4())


async def refresh(session: AsyncSession, ring: auth.KeyRing, jwt: JwtSettings,
                  secret: str) -> TokenPair:
    tokens = RefreshTokenRepository(session)
    token = await tokens.by_hash(_digest(secret))
    now = utcnow()
    if token is None:
        raise errors.InvalidRefreshToken()
    if token.used_at is not None or token.revoked_at is not None:
        # reuse of a rotated token: assume theft and revoke the whole family
        await tokens.revoke_family(token.family_id, now)
        raise errors.InvalidRefreshToken("刷新令牌已被使用，该登录会话已全部撤销")
    user = await UserRepository(session).get(token.user_id)
    if token.expires_at <= now or user is None or not user.is_active:
        raise errors.InvalidRefreshToken()
    token.used_at = now
    return await _issue_pair(session, ring, jwt, user, token.family_id)


async def logout(session: AsyncSession, secret: str) -> None:
    tokens = RefreshTokenRepository(session)
    token = await tokens.by_hash(_digest(secret))
    if token is not None:
        await tokens.revoke_family(token.family_id, utcnow())


async def _link(session: AsyncSession, data: UserCreate) -> tuple[uuid.UUID | None, str | None]:
    """The account's agency and region: from the linked staff member and their agency when
    `officer_id` is given (a mismatching `agency_id` is refused), else from `agency_id`."""
    from services.personnel.agencies.repository import AgencyRepository
    from services.personnel.dependencies import Scope
    from services.personnel.staff.repository import OfficerRepository

    scope = Scope(everything=True)  # permission is decided on the result, by the caller
    agency_id = data.agency_id
    if data.officer_id is not None:
        officer = await OfficerRepository(session).get(data.officer_id, scope)
        if officer is None:
            raise errors.LinkedRecordUnknown("关联的人员不存在", field="officer_id")
        if agency_id is not None and agency_id != officer.agency_id:
            raise errors.LinkedRecordUnknown("人员不属于该单位", field="agency_id")
        agency_id = officer.agency_id
    if agency_id is None:
        return None, data.region_code
    agency = await AgencyRepository(session).get(agency_id, scope)
    if agency is None:
        raise errors.LinkedRecordUnknown("单位不存在", field="agency_id")
    return agency.id, agency.region_code


async def create_user(session: AsyncSession, principal: auth.Principal | None,
                      data: UserCreate) -> User:
    """sysadmin creates any account; agency_admin only for its own agency and never
    sysadmin/supervisor accounts. `principal=None` is the local CLI. A linked staff member
    (`officer_id`) and the agency give the account its agency_id and region_code."""
    agency_id, region_code = await _link(session, data)
    if principal is not None and not principal.has("sysadmin"):
        own = principal.agency_id and agency_id and str(agency_id) == principal.agency_id
        if not (principal.has("agency_admin") and own
                and not set(data.roles) & {"sysadmin", "supervisor"}):
            raise errors.RoleNotAllowed()
    users = UserRepository(session)
    if await users.by_username(data.username) is not None:
        raise errors.UsernameTaken()
    if data.officer_id is not None and await users.by_officer(data.officer_id) is not None:
        raise errors.OfficerAlreadyLinked()
    return await users.add(User(
        username=data.username, password_hash=hash_password(data.password),
        display_name=data.display_name, roles=list(data.roles), agency_id=agency_id,
        region_code=region_code, officer_id=data.officer_id))
