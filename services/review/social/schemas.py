"""Request/response models of 社会评议."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

# each of 合法 / 合理 / 合情: 认同 / 不认同 / 存疑
Rating = Literal["agree", "disagree", "unsure"]
RATINGS = ("agree", "disagree", "unsure")
DIMENSIONS = ("legality", "reasonableness", "fairness")


class EvaluationCreate(ApiModel):
    case_id: uuid.UUID
    # the declared seed of the panel draw (e.g. a published lottery value); recorded
    seed: str = Field(min_length=1, max_length=200)
    # default: the region's class `panel_size` (5)
    panel_size: int | None = Field(None, ge=1, le=50)
    # default: today + the region's class `opinion_days` (7 calendar days)
    due_on: date | None = None


class OpinionCreate(ApiModel):
    member_id: uuid.UUID
    legality: Rating
    reasonableness: Rating
    fairness: Rating
    comment: str = Field(min_length=1, max_length=5000)


class AnswerCreate(ApiModel):
    adopted: bool
    # why (not) adopted: always stated
    reasons: str = Field(min_length=1, max_length=5000)


class SocialCheckRequest(ApiModel):
    """What cases sends from `/decide`: the case and its proposed decision's class facts."""

    case_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str = Field(pattern=r"^\d{2,12}$")
    party_kind: Literal["person", "organization"]
    fine_fen: int = Field(0, ge=0)
    penalty_kinds: list[str] = Field(default_factory=list, max_length=50)
    matter_code: str | None = Field(None, max_length=40)
    major_decision: bool = False


class SocialCheck(ApiModel):
    required: bool
    reasons: list[str]
    rule: str
    answered: bool
    evaluation_id: uuid.UUID | None = None
    status: str | None = None
    answer: str | None = None
    answer_reasons: str | None = None
    outcome: dict[str, Any] | None = None


class OpinionRead(ApiModel):
    id: uuid.UUID
    member_id: uuid.UUID
    legality: str
    reasonableness: str
    fairness: str
    comment: str
    recorded_by: str
    at: datetime


class EvaluationRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str | None
    agency_id: uuid.UUID
    region_code: str
    summary: dict[str, Any]
    seed: str
    algorithm: str
    pool: list[str]
    pool_hash: str
    panel_size: int
    panel: list[str]
    exclusions: list[dict[str, Any]]
    status: str
    opened_by: str
    opened_at: datetime
    opened_on: date
    due_on: date
    outcome: dict[str, Any] | None
    concluded_at: datetime | None
    answer: str | None
    answer_reasons: str | None
    answered_by: str | None
    answered_at: datetime | None


class EvaluationDetail(EvaluationRead):
    opinions: list[OpinionRead] = Field(default_factory=list)


class PanelView(ApiModel):
    """What a panel member sees: the redacted proposed decision and the window, nothing else
    (no case id, no agency staff, no other members)."""

    id: uuid.UUID
    summary: dict[str, Any]
    status: str
    opened_on: date
    due_on: date


class EvaluationStats(ApiModel):
    """Per agency, for evaluations opened in the year: 评议件数, 答复, 采纳, 采纳率."""

    year: int
    agency_id: uuid.UUID
    evaluated: int
    concluded: int
    answered: int
    adopted: int
    adoption_rate: float | None
