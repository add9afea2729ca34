"""Outbound calls to addresses a user supplied (webhook targets): the SSRF guard.

A target is refused unless every address its host resolves to is a public unicast address —
loopback, private (RFC 1918, ULA), link-local (incl. the cloud metadata address
169.254.169.254), CGNAT, multicast, reserved and unspecified addresses are refused. https is
required outside `ZHIFA_ENV=dev`. An explicit allow-list of `host:port` pairs
(`ZHIFA_WEBHOOK_ALLOWED_TARGETS=127.0.0.1:9100,hooks.local:8443`) admits exactly those pairs and
nothing else on the same host. The check runs at registration and again at every delivery; the
delivery connects to the address that was checked (DNS is not asked twice), so a rebinding
answer between check and connect cannot redirect it. Redirects are never followed."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from kit import errors

Resolver = Callable[[str, int], Awaitable[list[str]]]
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class WebhookTargetRefused(errors.Problem):
    """The webhook target is not an allowed external https address (SSRF guard)."""

    status, title = 422, "Webhook 目标地址不被允许"


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_global and not ip.is_multicast and not (
        isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT))


def parse_allowed(value: str | list[str] | None) -> frozenset[str]:
    """`host:port,host:port` (or a list) → normalised `host:port` strings."""
    items = value.split(",") if isinstance(value, str) else (value or [])
    return frozenset(i.strip().lower() for i in items if i.strip())


@dataclass(frozen=True)
class Target:
    url: str          # the URL as registered
    connect_url: str  # the same URL with the checked address in place of the host
    host_header: str  # the registered host[:port], sent as Host
    server_name: str  # the registered host name, for TLS SNI and certificate checks


@dataclass
class EgressPolicy:
    require_https: bool = True
    allowed: frozenset[str] = field(default_factory=frozenset)
    resolver: Resolver = system_resolver

    @classmethod
    def from_settings(cls, settings: object) -> EgressPolicy:
        return cls(require_https=getattr(settings, "environment", "dev") != "dev",
                   allowed=parse_allowed(getattr(settings, "webhook_allowed_targets", "")))

    async def check(self, url: str) -> Target:
        """The pinned target for `url`, or `WebhookTargetRefused` (one generic answer: the
        reason is not told, so the check is no oracle for what listens where)."""
        refused = WebhookTargetRefused("目标须为可公开访问的 https 地址（或已列入允许清单）")
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host or parts.username:
            raise refused
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise refused from None
        listed = (f"[{host}]:{port}" if ":" in host else f"{host}:{port}") in self.allowed
        if parts.scheme != "https" and self.require_https and not listed:
            raise refused
        try:
            addresses = await asyncio.wait_for(self.resolver(host, port), 5)
        except (OSError, TimeoutError, UnicodeError, ValueError):
            raise refused from None
        if not addresses:
            raise refused
        if not listed and not all(is_public(a) for a in addresses):
            raise refused
        address = addresses[0]
        netloc = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        connect = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        return Target(url=url, connect_url=connect, host_header=parts.netloc, server_name=host)
