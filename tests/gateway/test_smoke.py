from harness import Platform


async def test_status_through_gateway(zhifa: Platform) -> None:
    resp = await zhifa.client.get("/api/v1/cases/status?deep=true", headers=zhifa.headers("officer"))
    assert resp.status_code == 200, resp.text
    assert resp.json()["upstreams"] == {"personnel": "personnel", "review": "review",
                                        "publicity": "publicity"}
