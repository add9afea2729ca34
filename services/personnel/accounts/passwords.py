"""argon2 hashing and verification off the event loop, in a small bounded thread pool (each
argon2 call takes tens of milliseconds and 64 MiB; the pool bounds both CPU and memory)."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

hasher = PasswordHasher()
WORKERS = max(1, min(4, os.cpu_count() or 1))
_pool: ThreadPoolExecutor | None = None
_dummy: str | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="argon2")
    return _pool


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def hash_password(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_executor(), hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; an unknown user (`None`) is checked against a dummy hash
    so that both take the same time."""
    global _dummy
    if password_hash is None:
        if _dummy is None:
            _dummy = await hash_password("zhifa-timing-equaliser")
        await asyncio.get_running_loop().run_in_executor(_executor(), _verify, _dummy, password)
        return False
    return await asyncio.get_running_loop().run_in_executor(_executor(), _verify,
                                                            password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    return hasher.check_needs_rehash(password_hash)
