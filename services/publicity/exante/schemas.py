"""Ex-ante disclosure views: only the fields the public may see (never ID numbers)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ConfigDict

from kit.schemas import ApiModel, Page


class OfficerRead(ApiModel):
    """执法人员公示：姓名、执法证号、执法机关、执法类别、执法区域."""

    model_config = ConfigDict(extra="ignore")

    officer_id: uuid.UUID
    name: str
    certificate_number: str
    agency_id: uuid.UUID
    agency_name: str
    domains: list[str]
    region_code: str
    valid_from: date | None = None
    valid_until: date | None = None


class DiscretionTierRead(ApiModel):
    model_config = ConfigDict(extra="ignore")

    tier: str
    circumstances: str = ""
    min_fine: str = "0.00"
    max_fine: str = "0.00"


class MatterRead(ApiModel):
    """执法事项：实施机关、依据、程序、救济渠道与裁量基准（行政处罚法第三十四条、第三十九条）."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    code: str
    name: str
    kind: str = "penalty"
    source: str = ""
    domain: str = ""
    legal_basis: str = ""
    penalty_basis: str = ""
    agency_id: uuid.UUID | None = None
    region_code: str = ""
    effective_from: date | None = None
    effective_to: date | None = None
    discretion_tiers: list[DiscretionTierRead] = []
    soft_enforcement: bool = False
    procedure: str = ""
    remedy: str = ""


class OfficerPage(Page[OfficerRead]):
    pass


class MatterPage(Page[MatterRead]):
    pass
