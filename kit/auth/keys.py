"""Signing keys: RSA keys by `kid` in PEM files or the environment, RS256 only, rotation."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwk, jwt
from jose.exceptions import JOSEError

from kit import errors
from kit.settings import JwtSettings

ALGORITHM = "RS256"

# The clock the ring reads: a new key's id stamp and the verified-token cache's exp/nbf check.
# A module attribute so a test moves time forward (monkeypatch) instead of sleeping; python-jose's
# own checks in `jwt.decode` read the system clock, so a test only moves this one forward by less
# than a token's lifetime.
clock: Callable[[], float] = time.time


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
        kid = time.strftime("%Y%m%d%H%M%S", time.localtime(clock())) + "-" + uuid.uuid4().hex[:8]
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
            now = clock()
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
