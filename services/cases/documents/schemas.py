"""Request and response models of the documents sub-package."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from kit.schemas import ApiModel

ServeMethod = Literal["direct", "left", "electronic", "post", "entrusted", "forwarded",
                      "public_notice"]


class RequiredFieldRead(ApiModel):
    path: str
    label: str
    article: str


class TemplateRead(ApiModel):
    code: str
    name: str
    stage: str
    subject: str
    version: str
    articles: list[str]
    required: list[RequiredFieldRead]
    numbering: str
    extras: list[str]
    source: Literal["shipped", "agency"] = "shipped"
    sha256: str


class DocumentIssue(ApiModel):
    code: str = Field(min_length=1, max_length=40)
    # values the record does not hold (查封期限, 物品清单, 改正期限 …): template variables only
    fields: dict[str, Any] = Field(default_factory=dict)
    # a correction: the issued document this new version replaces
    replaces_id: uuid.UUID | None = None
    # an offline pre-numbered form: the range and the number printed on it
    range_id: uuid.UUID | None = None
    range_seq: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _range(self) -> DocumentIssue:
        if (self.range_id is None) != (self.range_seq is None):
            raise ValueError("range_id 与 range_seq 须同时给出")
        return self


class DocumentRead(ApiModel):
    """One issued document; exactly one of `case_id`, `inspection_id`, `application_id` names
    its subject."""

    id: uuid.UUID
    case_id: uuid.UUID | None
    inspection_id: uuid.UUID | None = None
    application_id: uuid.UUID | None = None
    code: str
    name: str
    number: str | None
    version: int
    replaces_id: uuid.UUID | None
    replaced_by_id: uuid.UUID | None
    template_source: str
    template_version: str
    template_sha256: str
    context_sha256: str
    docx_sha256: str
    docx_size: int
    pdf_sha256: str | None
    timeline_seq: int
    issued_at: datetime
    issued_by: str


class ServiceCreate(ApiModel):
    """送达 of an issued document. `delivered_on`: the day of the act (signing, leaving,
    posting the receipt date, the message reaching the party, publication)."""

    method: ServeMethod
    delivered_on: date
    recipient: str = Field(min_length=1, max_length=200)
    relation: str | None = Field(None, max_length=100)  # 代收人与受送达人关系
    place: str = Field(min_length=1, max_length=300)
    server_ids: list[str] = Field(min_length=1, max_length=4)
    witness: str | None = Field(None, max_length=200)           # 留置: 见证人
    refusal_reason: str | None = Field(None, max_length=500)    # 留置: 拒收事由
    media_evidence_id: uuid.UUID | None = None                  # 留置: 拍照、录像
    consent_confirmed: bool = False                             # 电子: 签订确认书
    arrived_at: datetime | None = None                          # 电子: 到达特定系统的时间
    consent_reference: str | None = Field(None, max_length=200)
    post_receipt_number: str | None = Field(None, max_length=100)  # 邮寄: 回执
    notice_reason: str | None = Field(None, max_length=500)      # 公告: 原因和经过
    remarks: str | None = Field(None, max_length=1000)


class ServiceRead(ApiModel):
    id: uuid.UUID
    document_id: uuid.UUID
    method: str
    method_name: str
    delivered_on: date
    served_on: date
    recipient: str
    relation: str | None
    place: str
    details: dict[str, Any]
    server_ids: list[str]
    receipt_document_id: uuid.UUID | None
    case_served_on: date | None = None


class NumberRangeCreate(ApiModel):
    code: str = Field(min_length=1, max_length=40)
    year: int = Field(ge=2000, le=2100)
    holder_kind: Literal["officer", "device"]
    holder_id: str = Field(min_length=1, max_length=64)
    count: int = Field(ge=1, le=500)
    notes: str | None = Field(None, max_length=500)


class NumberRangeRead(ApiModel):
    id: uuid.UUID
    code: str
    year: int
    holder_kind: str
    holder_id: str
    first_seq: int
    last_seq: int
    first_number: str
    last_number: str
