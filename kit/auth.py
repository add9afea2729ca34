"""Tokens and principals. python-jose (cryptography backend) is used only here: RS256 with `kid`,
algorithms pinned, issuer/audience/expiry checked."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import Depends, Request
from fastapi.security import HTTPBearer, OAuth2PasswordBearer
from jose import jwk, jwt
from jose.exceptions import JOSEError

from kit import errors
from kit.settings import JwtSettings

ALGORITHM = "RS256"


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[str]
    agency_id: str | None = None
    region_code: str | None = None
    officer_id: str | None = None
    username: str | None = None
    claims: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_service(self) -> bool:
        return "service" in self.roles

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class KeyRing:
    """RSA keys by `kid`; the newest signs, every key on the ring verifies (rotation)."""

    CACHE_SIZE = 10_000

    def __init__(self, private: dict[str, Any], public: dict[str, Any], active: str | None):
        self._private, self._public, self.active_kid = private, public, active
        # jose key objects built once: neither signing nor verifying re-parses a PEM
        self._verifiers = {kid: jwk.construct(self.public_pem(kid), ALGORITHM) for kid in public}
        self._signer = (jwk.construct(private[active].private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()), ALGORITHM) if active else None)
        # token -> claims already verified (signature, iss, aud); time claims re-checked per use
        self._verified: dict[tuple[str, str, str], dict[str, Any]] = {}

    @classmethod
    def load(cls, keys_dir: str | Path, generate: bool = False) -> KeyRing:
        path = Path(keys_dir)
        if generate and not any(path.glob("*.pem")):
            cls.rotate(path)
        private: dict[str, Any] = {}
        public: dict[str, Any] = {}
        for pem in sorted(path.glob("*.pem")):
            kid, data = pem.stem, pem.read_bytes()
            if b"PRIVATE KEY" in data:
                key = serialization.load_pem_private_key(data, password=None)
                private[kid], public[kid] = key, key.public_key()  # type: ignore[union-attr]
            else:
                public[kid] = serialization.load_pem_public_key(data)
        active_file = path / "active"
        active = active_file.read_text().strip() if active_file.exists() else None
        if active not in private:
            active = max(private) if private else None
        return cls(private, public, active)

    @classmethod
    def from_settings(cls, settings: JwtSettings) -> KeyRing:
        """Keys from `JWT_SIGNING_KEY_PEM` (+ `JWT_EXTRA_PUBLIC_KEYS`) when set, else the keys
        directory (generated there on first start when allowed)."""
        if not settings.signing_key_pem:
            return cls.load(settings.keys_dir or "", settings.generate_keys)
        key = serialization.load_pem_private_key(settings.signing_key_pem.encode(), None)
        kid = settings.signing_key_id
        public: dict[str, Any] = {k: serialization.load_pem_public_key(v.encode())
                                  for k, v in settings.extra_public_keys.items()}
        public[kid] = key.public_key()
        return cls({kid: key}, public, kid)

    @staticmethod
    def rotate(keys_dir: str | Path) -> str:
        """Generate a new signing key and make it active; older keys stay verifiable."""
        path = Path(keys_dir)
        path.mkdir(parents=True, exist_ok=True)
        kid = time.strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:8]
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        target = path / f"{kid}.pem"
        target.write_bytes(pem)
        target.chmod(0o600)
        (path / "active").write_text(kid)
        return kid

    def public_pem(self, kid: str) -> bytes:
        return self._public[kid].public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo)

    def jwks(self) -> dict[str, Any]:
        keys = []
        for kid in sorted(self._public):
            entry = self._verifiers[kid].to_dict()
            entry = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in entry.items()}
            keys.append({**entry, "kid": kid, "use": "sig", "alg": ALGORITHM})
        return {"keys": keys}

    def sign(self, claims: dict[str, Any]) -> str:
        if not self.active_kid or self._signer is None:
            raise RuntimeError("no signing key on this key ring")
        return jwt.encode(claims, self._signer, algorithm=ALGORITHM,  # type: ignore[arg-type]
                          headers={"kid": self.active_kid})

    def verify(self, token: str, settings: JwtSettings) -> dict[str, Any]:
        key = (token, settings.issuer, settings.audience)
        cached = self._verified.get(key)
        if cached is not None:
            now = time.time()
            if (cached["exp"] + settings.leeway_seconds > now
                    and cached.get("nbf", 0) - settings.leeway_seconds <= now):
                return cached
            self._verified.pop(key, None)
        claims = self._verify(token, settings)
        if len(self._verified) >= self.CACHE_SIZE:
            self._verified.clear()
        self._verified[key] = claims
        return claims

    def _verify(self, token: str, settings: JwtSettings) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except JOSEError as exc:
            raise errors.Unauthorized("令牌格式错误") from exc
        if header.get("alg") != ALGORITHM:
            raise errors.Unauthorized("令牌签名算法不被接受")
        kid = header.get("kid")
        if not isinstance(kid, str) or kid not in self._public:
            raise errors.Unauthorized("令牌密钥标识未知")
        try:
            claims = jwt.decode(
                token, self._verifiers[kid], algorithms=[ALGORITHM],  # type: ignore[arg-type]
                audience=settings.audience, issuer=settings.issuer,
                options={"require_exp": True, "require_iat": True, "require_sub": True,
                         "leeway": settings.leeway_seconds},
            )
        except JOSEError as exc:
            raise errors.Unauthorized("令牌无效或已过期") from exc
        if claims.get("typ", "access") != "access":
            raise errors.Unauthorized("令牌类型错误")
        return claims


def issue_access_token(ring: KeyRing, settings: JwtSettings, *, subject: str,
                       roles: list[str], agency_id: str | None = None,
                       region_code: str | None = None, officer_id: str | None = None,
                       username: str | None = None, ttl: int | None = None,
                       session_version: int | None = None,
                       session_id: str | None = None) -> str:
    """`sv`: the user's session version (common.sessions); raising it cuts this token. `sid`: the
    login session (the refresh-token family); logging that one session out cuts this token."""
    now = int(time.time())
    claims = {
        "iss": settings.issuer, "aud": settings.audience, "sub": subject,
        "iat": now, "nbf": now, "exp": now + (ttl or settings.access_ttl_seconds),
        "jti": uuid.uuid4().hex, "typ": "access", "roles": sorted(set(roles)),
        "agency_id": agency_id, "region_code": region_code, "officer_id": officer_id,
        "username": username,
    }
    if session_version is not None:
        claims["sv"] = session_version
    if session_id is not None:
        claims["sid"] = session_id
    return ring.sign(claims)


def service_token(ring: KeyRing, settings: JwtSettings, service: str) -> str:
    """Short-lived token a service uses for background calls (`sub=service:<name>`)."""
    return issue_access_token(ring, settings, subject=f"service:{service}", roles=["service"],
                              ttl=settings.service_ttl_seconds)


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    roles = claims.get("roles") or []
    if not isinstance(roles, list):
        raise errors.Unauthorized("令牌角色声明无效")
    return Principal(subject=str(claims["sub"]), roles=frozenset(map(str, roles)),
                     agency_id=claims.get("agency_id"), region_code=claims.get("region_code"),
                     officer_id=claims.get("officer_id"), username=claims.get("username"),
                     claims=claims)


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise errors.Unauthorized("缺少 Bearer 令牌")
    return token.strip()


# Declared only so OpenAPI names the two ways to send the token (Swagger's "Authorize": log in with
# a password, or paste a JWT); bearer_token() below does the actual reading and refusing.
_PASSWORD_SCHEME = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", scheme_name="OAuth2Password", auto_error=False,
    description="用账号密码换取访问令牌（演示账号如 muer-officer / zhifa-demo-2026）")
_BEARER_SCHEME = HTTPBearer(scheme_name="BearerJWT", bearerFormat="JWT", auto_error=False,
                            description="直接粘贴 /api/v1/auth/token 返回的 access_token")


async def current_principal(
        request: Request, _password: Annotated[str | None, Depends(_PASSWORD_SCHEME)] = None,
        _bearer: Annotated[Any, Depends(_BEARER_SCHEME)] = None) -> Principal:
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    claims = request.app.state.keyring.verify(bearer_token(request),
                                              request.app.state.settings.jwt)
    gate = getattr(request.app.state, "session_gate", None)
    if gate is not None:
        await gate.check(claims)  # logged out everywhere, password changed or disabled
    principal = principal_from_claims(claims)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency admitting principals holding at least one of `roles` (403 otherwise; 404
    for a principal whose roles all lie in the app's `state.not_found_roles`, so a route it may
    not use does not even show that it exists)."""

    async def guard(request: Request, principal: CurrentPrincipal) -> Principal:
        if not principal.has(*roles):
            hidden = getattr(request.app.state, "not_found_roles", frozenset())
            if principal.roles and principal.roles <= hidden:
                raise errors.NotFound("资源不存在")
            raise errors.Forbidden("当前角色无权执行此操作", required_roles=list(roles))
        return principal

    return guard
