"""Who may review a licence application or host its hearing: an officer in personnel who is
active (`status` active, not left) and on post (在岗), of the licensing agency or of a body
directly under it (`parent_id`, e.g. a township government's 综合行政执法大队, whose staff do
its on-site checks). Looked up with the cases service token, since the caller may not see a
subordinate body's roster; only the fields checked here leave personnel."""

from __future__ import annotations

import uuid
from typing import Any

from kit.http import UpstreamProblem
from services.cases.clients import Upstream
from services.cases.licensing.errors import StaffNotEligible

REVIEW_RULE = "行政许可法第三十四条第三款（行政机关应当指派工作人员进行核查）"
HOST_RULE = "行政许可法第四十八条第一款第三项（行政机关指定的审查人员以外的工作人员主持听证）"


async def _get(client: Any, headers: dict[str, str], path: str) -> dict[str, Any] | None:
    try:
        return dict((await client.call("GET", path, headers=headers)).json())
    except UpstreamProblem as exc:
        if exc.status in (404, 422):
            return None
        raise


async def ensure_staff(up: Upstream, agency_id: uuid.UUID, ids: list[str], rule: str) -> None:
    """`StaffNotEligible` (422) naming `rule` unless every id is eligible (see module)."""
    client, headers = up.clients["personnel"], up.service_headers()
    own, parents = str(agency_id), {}
    refused = []
    for oid in dict.fromkeys(ids):
        try:
            uuid.UUID(oid)
            officer = await _get(client, headers, f"/api/v1/personnel/officers/{oid}")
        except ValueError:
            officer = None
        if officer is None:
            refused.append({"officer_id": oid, "reasons": ["人事系统中无此人员"]})
            continue
        reasons = []
        home = str(officer.get("agency_id"))
        if home != own:
            if home not in parents:
                agency = await _get(client, headers, f"/api/v1/personnel/agencies/{home}")
                parents[home] = str((agency or {}).get("parent_id"))
            if parents[home] != own:
                reasons.append("不是本机关（或其所属机构）的工作人员")
        if officer.get("status") != "active" or officer.get("left_on"):
            reasons.append("人员状态不是在职")
        if not officer.get("on_post", False):
            reasons.append("人员不在岗")
        if reasons:
            refused.append({"officer_id": oid, "name": officer.get("name"), "reasons": reasons})
    if refused:
        raise StaffNotEligible(
            "、".join(r["officer_id"] for r in refused) + " 不能担任：须为本机关在岗工作人员",
            rule=rule, staff=refused)
