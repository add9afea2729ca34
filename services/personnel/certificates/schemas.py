from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from kit.schemas import ApiModel


class CertificateCreate(ApiModel):
    number: str = Field(min_length=1, max_length=40, description="执法证号（按省级格式校验）")
    domains: list[str] = Field(min_length=1, max_length=30, description="执法类别/执法领域")
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$",
                                    description="执法区域；缺省为所在单位的行政区划")
    issued_on: date
    expires_on: date | None = Field(None, description="缺省按配置的有效期（默认5年）计算")


class CertificateRead(ApiModel):
    id: uuid.UUID
    officer_id: uuid.UUID
    agency_id: uuid.UUID
    number: str
    domains: list[str]
    region_code: str
    issued_on: date
    expires_on: date
    status: str = Field(description="active 有效 / suspended 暂扣 / revoked 注销")
    status_reason: str | None
    revoked_on: date | None


class CertificateAction(ApiModel):
    reason: str = Field(min_length=2, max_length=500)


class QualificationCheck(ApiModel):
    officer_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)
    domain: str = Field(min_length=1, max_length=64)
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    on_date: date | None = Field(None, description="执法日期；缺省为今天（北京时间）")


class QualificationResult(ApiModel):
    officer_id: uuid.UUID
    name: str | None
    agency_id: uuid.UUID | None
    qualified: bool
    reasons: list[str]
    certificate_numbers: list[str]


class QualificationReport(ApiModel):
    results: list[QualificationResult]
    meets_two_officer_rule: bool = Field(
        description="至少两名具备执法资格的执法人员（行政处罚法第四十二条）")
    qualified_count: int
    basis: str = "行政处罚法第四十二条"


class DirectoryEntry(ApiModel):
    officer_id: uuid.UUID
    name: str
    certificate_number: str
    agency_id: uuid.UUID
    agency_name: str
    domains: list[str]
    region_code: str
    valid_from: date
    valid_until: date


class CertificateVerification(ApiModel):
    """The public answer to a scanned 执法证 QR code: nothing personal beyond the name."""

    name: str
    certificate_number: str
    agency_id: uuid.UUID
    agency_name: str
    domains: list[str]
    valid_from: date
    valid_until: date
    status: str
    valid_today: bool

