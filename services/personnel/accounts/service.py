"""Login with throttling, rotating refresh tokens with reuse detection, session versions
(logout-all, password change, disable), account creation."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit import auth
from kit.db import utcnow
from kit.limits import Limits
from kit.settings import JwtSettings
from services.personnel.accounts import errors
from services.personnel.accounts.models import RefreshToken, User
from services.personnel.accounts.passwords import hash_password, needs_rehash, verify_password
from services.personnel.accounts.repository import RefreshTokenRepository, UserRepository
from services.personnel.accounts.schemas import (
    EndedSession,
    SessionChange,
    SessionChanges,
    TokenPair,
    UserCreate,
)
from services.personnel.accounts.throttle import LoginThrottle
from services.personnel.config import PersonnelSettings
from services.personnel.context import Ctx


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def _issue_pair(session: AsyncSession, ring: auth.KeyRing, jwt: JwtSettings, user: User,
                      family_id: uuid.UUID) -> TokenPair:
    access = auth.issue_access_token(
        ring, jwt, subject=str(user.id), roles=user.roles, username=user.username,
        agency_id=str(user.agency_id) if user.agency_id else None,
        region_code=user.region_code,
        officer_id=str(user.officer_id) if user.officer_id else None,
        session_version=user.session_version, session_id=str(family_id))
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    await RefreshTokenRepository(session).add(RefreshToken(
        family_id=family_id, user_id=user.id, token_hash=_digest(secret), issued_at=now,
        expires_at=now + timedelta(seconds=jwt.refresh_ttl_seconds)))
    return TokenPair(access_token=access, expires_in=jwt.access_ttl_seconds,
                     refresh_token=secret)


async def login(session: AsyncSession, ring: auth.KeyRing, settings: PersonnelSettings,
                limits: Limits, username: str, password: str, address: str) -> TokenPair:
    """Throttled per address and per account (accounts/throttle.py) before the password is
    checked; the same 401 for a wrong password, an unknown user and a disabled account."""
    throttle = LoginThrottle(limits, settings)
    attempt = await throttle.begin(username, address)
    users = UserRepository(session)
    user = await users.by_username(username)
    ok = await verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        if user is not None:
            await users.record_failure(user.id)
        raise errors.InvalidCredentials()
    await throttle.succeeded(attempt)
    await users.record_success(user.id)
    if needs_rehash(user.password_hash):
        user.password_hash = await hash_password(password)
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


async def create_user(ctx: Ctx, data: UserCreate) -> User:
    """sysadmin creates any account; agency_admin only for its own agency and never
    sysadmin/supervisor/invited_supervisor accounts (特邀监督员 are appointed by the
    supervision body, not by the agencies they watch). `ctx.principal` None is the local CLI.
    A linked staff member (`officer_id`) and the agency give the account its agency_id and
    region_code."""
    session, principal = ctx.session, ctx.principal
    agency_id, region_code = await _link(session, data)
    if principal is not None and not principal.has("sysadmin"):
        own = principal.agency_id and agency_id and str(agency_id) == principal.agency_id
        if not (principal.has("agency_admin") and own
                and not set(data.roles) & {"sysadmin", "supervisor", "invited_supervisor"}):
            raise errors.RoleNotAllowed()
    users = UserRepository(session)
    if await users.by_username(data.username) is not None:
        raise errors.UsernameTaken()
    if data.officer_id is not None and await users.by_officer(data.officer_id) is not None:
        raise errors.OfficerAlreadyLinked()
    return await users.add(User(
        username=data.username, password_hash=await hash_password(data.password),
        display_name=data.display_name, roles=list(data.roles), agency_id=agency_id,
        region_code=region_code, officer_id=data.officer_id, session_version=1))


async def _user_of(session: AsyncSession, principal: Principal) -> User:
    try:
        user = await UserRepository(session).get(uuid.UUID(principal.subject))
    except ValueError:
        user = None
    if user is None or not user.is_active:
        raise errors.NotAUserAccount()
    return user


async def end_sessions(session: AsyncSession, user: User) -> None:
    """Raise the session version and revoke every refresh token: all tokens of `user` die."""
    now = utcnow()
    user.session_version = await UserRepository(session).raise_session_version(user.id, now)
    user.session_changed_at = now
    await RefreshTokenRepository(session).revoke_user(user.id, now)


async def logout_all(ctx: Ctx) -> None:
    await end_sessions(ctx.session, await _user_of(ctx.session, ctx.principal))


async def change_password(ctx: Ctx, ring: auth.KeyRing, limits: Limits, current: str,
                          new: str, address: str) -> TokenPair:
    """A right current password (throttled like a login) sets the new one, ends every session
    and answers a fresh token pair for the caller."""
    session, principal, settings = ctx.session, ctx.principal, ctx.settings
    user = await _user_of(session, principal)
    throttle = LoginThrottle(limits, settings)
    attempt = await throttle.begin(user.username, address)
    users = UserRepository(session)
    if not await verify_password(user.password_hash, current):
        await users.record_failure(user.id)
        raise errors.CurrentPasswordWrong()
    await throttle.succeeded(attempt)
    if current == new:
        raise errors.PasswordUnchanged()
    user.password_hash = await hash_password(new)
    await end_sessions(session, user)
    return await _issue_pair(session, ring, settings.jwt, user, uuid.uuid4())


async def set_user_active(ctx: Ctx, user_id: uuid.UUID, active: bool) -> User:
    """停用/启用账户: sysadmin any account; an agency admin only its own agency's accounts that
    are neither sysadmin nor supervisor (others are 404). Disabling ends every session."""
    session, principal = ctx.session, ctx.principal
    user = await UserRepository(session).get(user_id)
    if user is None or not principal.has("sysadmin") and not (
            principal.has("agency_admin") and user.agency_id is not None
            and str(user.agency_id) == principal.agency_id
            and not set(user.roles) & {"sysadmin", "supervisor"}):
        raise errors.UserNotFound(user_id=str(user_id))
    if not active and str(user.id) == principal.subject:
        raise errors.CannotDisableSelf()
    if user.is_active != active:
        user.is_active = active
        if not active:
            await end_sessions(session, user)
    return user


async def session_changes(session: AsyncSession, jwt: JwtSettings,
                          since: datetime | None) -> SessionChanges:
    """Session versions raised and single sessions ended (logout, refresh-token reuse) since
    `since`, never further back than one access-token lifetime (older tokens have expired)."""
    now = utcnow()
    floor = now - timedelta(seconds=jwt.access_ttl_seconds + jwt.leeway_seconds)
    start = max(since, floor) if since is not None else floor
    rows = await UserRepository(session).session_changes(start)
    ended = await RefreshTokenRepository(session).revoked_families(start)
    return SessionChanges(as_of=now, items=[
        SessionChange(subject=str(uid), session_version=v, changed_at=at) for uid, v, at in rows],
        ended_sessions=[EndedSession(session_id=str(fid), ended_at=at) for fid, at in ended])
