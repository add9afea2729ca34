from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from common.identifiers import IdNumber
from kit.schemas import ApiModel, PatchModel
from services.personnel.identifiers import validate_id_number

EmploymentType = Literal["established", "contract", "dispatched", "seconded", "service",
                         "temporary", "probation"]
EMPLOYMENT_LABELS = {"established": "在编/参公", "contract": "劳动合同", "dispatched": "劳务派遣",
                     "seconded": "借调/借用", "service": "工勤", "temporary": "临时工",
                     "probation": "试用期"}
# 职务: 负责人 (正职 head, 副职 deputy_head) approve on the agency's behalf (行政处罚法第五十四条、
# 第五十七条; 行政强制法第十八条第一项); everyone else is staff
Position = Literal["head", "deputy_head", "staff"]
HEAD_POSITIONS = ("head", "deputy_head")
POSITION_LABELS = {"head": "正职负责人", "deputy_head": "副职负责人", "staff": "工作人员"}
ExamSubject = Literal["general_law", "special_law"]
AppraisalResult = Literal["excellent", "competent", "basically_competent", "incompetent"]
SanctionKind = Literal["warning", "demerit", "major_demerit", "demotion", "dismissal_from_post",
                       "probation_in_party"]
SANCTION_LABELS = {"warning": "警告", "demerit": "记过", "major_demerit": "记大过",
                   "demotion": "降级", "dismissal_from_post": "撤职",
                   "probation_in_party": "留用察看"}
StatusChangeKind = Literal["transfer", "retirement", "resignation", "dismissal"]
STATUS_AFTER = {"transfer": "transferred", "retirement": "retired", "resignation": "resigned",
                "dismissal": "dismissed"}
STATUS_CHANGE_LABELS = {"transfer": "调离执法岗位", "retirement": "退休", "resignation": "辞职",
                        "dismissal": "开除或辞退"}


class OfficerCreate(ApiModel):
    name: str = Field(min_length=1, max_length=50)
    id_number: IdNumber
    agency_id: uuid.UUID
    employment_type: EmploymentType
    on_post: bool = True
    has_legal_qualification: bool = Field(False, description="法律职业资格（免考通用法律知识）")
    is_auxiliary: bool = Field(False, description="执法辅助人员：登记但不计为执法人员")
    position: Position = Field("staff", description="职务：head 正职负责人 / deputy_head 副职负责人"
                                                    " / staff；负责人方可审批")
    joined_on: date | None = Field(None, description="入职（从事执法工作）日期，缺省为登记当日；"
                                                      "统计“新增执法人员”")

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str) -> str:
        return validate_id_number(value)


class OfficerUpdate(PatchModel):
    name: str = Field(None, min_length=1, max_length=50)
    employment_type: EmploymentType = None  # type: ignore[assignment]
    on_post: bool = None  # type: ignore[assignment]
    has_legal_qualification: bool = None  # type: ignore[assignment]
    is_auxiliary: bool = None  # type: ignore[assignment]
    position: Position = None  # type: ignore[assignment]


class OfficerRead(ApiModel):
    id: uuid.UUID
    name: str
    id_number: str = Field(description="身份证号；仅本单位管理员与系统管理员可见全文，其余脱敏")
    id_number_masked: bool
    agency_id: uuid.UUID
    region_code: str
    employment_type: str
    is_auxiliary: bool
    on_post: bool
    has_legal_qualification: bool
    status: str
    left_on: date | None
    joined_on: date | None = None
    position: str = "staff"
    is_head: bool = Field(False, description="本机关负责人（正职或副职），可审批")


class ExamCreate(ApiModel):
    subject: ExamSubject
    passed_on: date = Field(description="考试日期")
    score: int = Field(ge=0, le=100)


class ExamRead(ApiModel):
    id: uuid.UUID
    officer_id: uuid.UUID
    subject: str
    passed_on: date
    score: int
    passed: bool


class AppraisalCreate(ApiModel):
    year: int = Field(ge=1990, le=2100)
    result: AppraisalResult


class AppraisalRead(AppraisalCreate):
    id: uuid.UUID
    officer_id: uuid.UUID


class SanctionCreate(ApiModel):
    kind: SanctionKind
    starts_on: date
    ends_on: date
    reason: str | None = Field(None, max_length=500)


class SanctionRead(SanctionCreate):
    id: uuid.UUID
    officer_id: uuid.UUID


class StatusChangeCreate(ApiModel):
    kind: StatusChangeKind
    effective_on: date
    reason: str | None = Field(None, max_length=500)


class StatusChangeRead(ApiModel):
    id: uuid.UUID
    officer_id: uuid.UUID
    kind: str
    effective_on: date
    reason: str | None
    applied: bool
    revoked_certificate_ids: list[uuid.UUID] = Field(default_factory=list)
