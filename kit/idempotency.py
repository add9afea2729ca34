"""`Idempotency-Key` for POSTs: the same key and body replays the stored response and creates
nothing new; the same key with another body is a 422. Scoped per authenticated subject, and for
anonymous callers per client address. Credential endpoints (`/api/v1/auth/*`) are never stored:
their answers are token pairs, and a replay would bypass refresh-token reuse detection."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime

from fastapi import Request, Response
from sqlalchemy import Integer, LargeBinary, String, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from kit import errors, limits
from kit.db import UTCDateTime, get_session, utcnow

HEADER = "idempotency-key"
EXCLUDED_PREFIXES = ("/api/v1/auth/",)


class IdempotencyKeyReused(errors.Problem):
    status, title = 422, "幂等键已用于内容不同的请求"


class IdempotencyKeyInvalid(errors.Problem):
    status, title = 400, "幂等键格式无效（1–200 个可见字符）"


class IdempotencyKeyInProgress(errors.Problem):
    status, title = 409, "相同幂等键的请求正在处理中"


class IdempotencyMixin:
    __tablename__ = "idempotency_keys"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[UniqueConstraint, ...]:
        return (UniqueConstraint("scope", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    scope: Mapped[str] = mapped_column(String(200), nullable=False)
    key: Mapped[str] = mapped_column(String(200), nullable=False)
    request_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    media_type: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


def _scope(request: Request) -> str:
    try:
        claims = request.app.state.keyring.verify(
            request.headers.get("authorization", "").partition(" ")[2],
            request.app.state.settings.jwt)
        return f"sub:{claims['sub']}"
    except errors.Problem:
        trusted = request.app.state.settings.trusted_proxies
        return f"anon:{limits.client_address(request, trusted)}"


def make_hook(model: type) -> Callable[..., Awaitable[Response]]:
    """The `around_request` hook `CommittingRoute` calls for every request."""

    async def hook(request: Request, handler: Callable[[Request], Awaitable[Response]]
                   ) -> Response:
        key = request.headers.get(HEADER)
        if (request.method != "POST" or key is None
                or request.url.path.startswith(EXCLUDED_PREFIXES)):
            return await handler(request)
        session = await get_session(request)
        if not (0 < len(key) <= 200) or not key.isprintable():
            raise IdempotencyKeyInvalid()
        body = await request.body()
        digest = hashlib.sha256(request.url.path.encode() + b"\n" + body).hexdigest()
        scope = _scope(request)
        stored = await session.scalar(select(model).where(model.scope == scope,
                                                          model.key == key))
        if stored is not None:
            if stored.request_hash != digest:
                raise IdempotencyKeyReused("该幂等键已用于另一请求，请使用新的 Idempotency-Key")
            headers = {"Idempotent-Replayed": "true"}
            if stored.location:
                headers["Location"] = stored.location
            return Response(stored.body, status_code=stored.status_code,
                            media_type=stored.media_type, headers=headers)
        response = await handler(request)
        if 200 <= response.status_code < 300 and hasattr(response, "body"):
            session.add(model(scope=scope, key=key, request_hash=digest,
                              status_code=response.status_code, body=bytes(response.body),
                              media_type=response.media_type,
                              location=response.headers.get("location")))
            try:
                await session.flush()
            except IntegrityError as exc:
                await session.rollback()
                raise IdempotencyKeyInProgress() from exc
        return response

    return hook
