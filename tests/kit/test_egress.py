"""kit.egress: the SSRF guard on webhook targets (issue 10, point 2)."""

from __future__ import annotations

import pytest

from common.settings import ServiceSettings
from kit.egress import EgressPolicy, WebhookTargetRefused, parse_allowed

DNS = {"hooks.example.com": ["93.184.215.14"], "metadata.example.com": ["169.254.169.254"],
       "mixed.example.com": ["93.184.215.14", "10.1.2.3"], "v6.example.com": ["2606:4700::1"]}


async def fake_dns(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    if host.replace(".", "").isdigit() or ":" in host:
        return [host]
    raise OSError("no such host")


def policy(**kw) -> EgressPolicy:
    return EgressPolicy(resolver=fake_dns, **kw)


@pytest.mark.parametrize("url", [
    "https://127.0.0.1:5432/", "https://[::1]:22/", "https://169.254.169.254/latest/meta-data",
    "https://10.0.0.8/hook", "https://192.168.1.1/", "https://172.16.0.1/", "https://0.0.0.0/",
    "https://100.64.0.1/", "https://[fd00:ec2::254]/", "https://[::ffff:127.0.0.1]/",
    "https://224.0.0.1/", "https://metadata.example.com/", "https://mixed.example.com/",
    "https://unknown.example.com/", "https://localhost/", "ftp://hooks.example.com/",
    "https://user:pw@hooks.example.com/",
])
async def test_private_loopback_link_local_and_metadata_targets_are_refused(url: str):
    with pytest.raises(WebhookTargetRefused) as exc:
        await policy(require_https=False).check(url)
    assert exc.value.status == 422
    assert exc.value.detail == "目标须为可公开访问的 https 地址（或已列入允许清单）"  # no oracle


async def test_a_public_https_target_is_pinned_to_the_checked_address():
    target = await policy().check("https://hooks.example.com:8443/in?x=1")
    assert target.connect_url == "https://93.184.215.14:8443/in?x=1"
    assert target.host_header == "hooks.example.com:8443"
    assert target.server_name == "hooks.example.com"
    six = await policy().check("https://v6.example.com/in")
    assert six.connect_url == "https://[2606:4700::1]:443/in"


async def test_https_is_required_outside_dev():
    with pytest.raises(WebhookTargetRefused):
        await policy().check("http://hooks.example.com/in")
    assert (await policy(require_https=False).check("http://hooks.example.com/in")).connect_url
    prod = EgressPolicy.from_settings(ServiceSettings(service_name="x", ZHIFA_ENV="production",
                                                      jwt={"signing_key_pem": "k"}))
    dev = EgressPolicy.from_settings(ServiceSettings(service_name="x"))
    assert prod.require_https and not dev.require_https


async def test_the_allow_list_admits_exactly_the_named_host_port_pairs():
    allowed = parse_allowed("127.0.0.1:9100, [::1]:9200")
    assert allowed == {"127.0.0.1:9100", "[::1]:9200"}
    p = policy(allowed=allowed)  # https required, but listed pairs may use http
    assert (await p.check("http://127.0.0.1:9100/hook")).connect_url == (
        "http://127.0.0.1:9100/hook")
    assert (await p.check("http://[::1]:9200/hook")).connect_url == "http://[::1]:9200/hook"
    for other in ("http://127.0.0.1:9101/hook", "https://127.0.0.1:5432/",
                  "http://[::1]:22/"):
        with pytest.raises(WebhookTargetRefused):
            await p.check(other)
    settings = ServiceSettings(service_name="x", ZHIFA_WEBHOOK_ALLOWED_TARGETS="a.local:1")
    assert EgressPolicy.from_settings(settings).allowed == {"a.local:1"}
