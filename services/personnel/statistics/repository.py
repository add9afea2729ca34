"""The personnel figures (docs/statistics.md, "Personnel"), each one filtered aggregate.

Officers are 执法人员 only: 执法辅助人员 (`is_auxiliary`) never count. "Year end" is the period's
last day (`date_to`): an officer counts there when joined on or before it and not left by it.
Seed 002 (洛碛镇 2024): 11 at year end, 3 added, 9 removed. Training: 长寿 实施意见 ≥60 学时/人/年
[S] (`PERSONNEL_TRAINING_HOURS_REQUIRED`); 覆盖率 = trained / officers, 通过率 = passed / taken
(seed 001), each with its numerator and denominator as figures of their own."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import and_, exists, func, or_, select

from common.statistics import Derived, Measure, Period, Registry, Source, rate
from services.personnel.agencies.models import Agency
from services.personnel.certificates.models import Certificate
from services.personnel.devices.models import Device
from services.personnel.staff.models import Exam, Officer
from services.personnel.training.models import Training

OF = Officer
OFFICERS = Source(
    OF,
    "officer",
    OF.name,
    lambda p, per: [*per.within(p, OF.agency_id, OF.region_code), OF.is_auxiliary.is_(False)],
)
CERTIFICATES = Source(
    Certificate,
    "certificate",
    Certificate.number,
    lambda p, per: [*per.within(p, Certificate.agency_id, Certificate.region_code)],
)
TRAININGS = Source(
    Training,
    "training",
    Training.title,
    lambda p, per: [
        Training.agency_id.in_(
            select(Agency.id).where(*per.within(p, Agency.id, Agency.region_code))
        ),
        per.on_dates(Training.completed_on),
    ],
)
DEVICES = Source(
    Device,
    "device",
    Device.serial,
    lambda p, per: [*per.within(p, Device.agency_id, Device.region_code), Device.status != "lost"],
)


def at_end(per: Period) -> Any:
    return and_(OF.joined_on <= per.date_to, or_(OF.left_on.is_(None), OF.left_on > per.date_to))


def certified(per: Period) -> Any:
    day = per.date_to
    c = Certificate
    return and_(
        at_end(per),
        exists().where(
            c.officer_id == OF.id,
            c.issued_on <= day,
            c.expires_on >= day,
            or_(c.revoked_on.is_(None), c.revoked_on > day),
        ),
    )


def trained(per: Period) -> Any:
    return and_(
        at_end(per),
        exists().where(Training.officer_id == OF.id, per.on_dates(Training.completed_on)),
    )


def hours_met(per: Period, required: int) -> Any:
    hours = (
        select(func.coalesce(func.sum(Training.hours_tenths), 0))
        .where(Training.officer_id == OF.id, per.on_dates(Training.completed_on))
        .scalar_subquery()
    )
    return and_(at_end(per), hours >= required * 10)


def examined(per: Period, passed: bool = False) -> Any:
    extra = [Exam.passed.is_(True)] if passed else []
    return exists().where(Exam.officer_id == OF.id, per.on_dates(Exam.taken_on), *extra)


@lru_cache(maxsize=8)
def registry(required_hours: int) -> Registry:
    return Registry().add(
        Measure(
            "officers.year_end",
            "执法人员（期末）",
            "名",
            "统计期末在岗的执法人员：入职不晚于期末且期末前未清退（执法辅助人员不计）",
            OFFICERS,
            at_end,
        ),
        Measure(
            "officers.added",
            "新增执法人员",
            "名",
            "入职日期在统计期间内的执法人员",
            OFFICERS,
            lambda per: per.on_dates(OF.joined_on),
        ),
        Measure(
            "officers.removed",
            "清退执法人员",
            "名",
            "离岗（调离、退休、辞职、辞退）日期在统计期间内的执法人员",
            OFFICERS,
            lambda per: per.on_dates(OF.left_on),
        ),
        Measure(
            "officers.certified",
            "持证执法人员（期末）",
            "名",
            "期末在岗且持有期末有效（已颁发、未过期、未注销）行政执法证的执法人员（表五 持证人数）",
            OFFICERS,
            certified,
        ),
        Derived(
            "officers.certified_rate",
            "持证率",
            "%",
            "持证执法人员 ÷ 期末执法人员（表五）",
            lambda v: rate(v["officers.certified"], v["officers.year_end"]),
            "officers.certified",
        ),
        Measure(
            "certificates.issued",
            "新领执法证",
            "张",
            "颁发日期在统计期间内的行政执法证",
            CERTIFICATES,
            lambda per: per.on_dates(Certificate.issued_on),
        ),
        Measure(
            "certificates.revoked",
            "注销执法证",
            "张",
            "注销日期在统计期间内的行政执法证",
            CERTIFICATES,
            lambda per: per.on_dates(Certificate.revoked_on),
        ),
        Measure(
            "training.trained",
            "参训人数",
            "名",
            "期末执法人员中统计期间内参加过至少一次培训的人数",
            OFFICERS,
            trained,
        ),
        Derived(
            "training.coverage_rate",
            "培训覆盖率",
            "%",
            "参训人数 ÷ 期末执法人员",
            lambda v: rate(v["training.trained"], v["officers.year_end"]),
            "training.trained",
        ),
        Measure(
            "training.hours_total",
            "培训学时合计",
            "学时",
            "统计期间内完成的培训学时之和",
            TRAININGS,
            total=Training.hours_tenths,
            divide=10,
            digits=1,
        ),
        Measure(
            "training.met_required_hours",
            "达到年度学时要求人数",
            "名",
            f"期末执法人员中统计期间内培训学时不少于 {required_hours} 学时的人数"
            "（长寿区实施意见：每人每年不少于 60 学时 [S]，可配置）",
            OFFICERS,
            lambda per: hours_met(per, required_hours),
        ),
        Derived(
            "training.below_required_hours",
            "未达学时要求人数",
            "名",
            "期末执法人员 − 达到年度学时要求人数",
            lambda v: v["officers.year_end"] - v["training.met_required_hours"],
        ),
        Measure(
            "exams.taken",
            "参考人数",
            "名",
            "统计期间内参加执法资格考试的执法人员",
            OFFICERS,
            lambda per: examined(per),
        ),
        Measure(
            "exams.passed",
            "考试通过人数",
            "名",
            "其中至少一次考试合格的人数",
            OFFICERS,
            lambda per: examined(per, passed=True),
        ),
        Derived(
            "exams.pass_rate",
            "考试通过率",
            "%",
            "考试通过人数 ÷ 参考人数",
            lambda v: rate(v["exams.passed"], v["exams.taken"]),
            "exams.passed",
        ),
        Measure(
            "devices.body_cameras",
            "执法记录仪",
            "台",
            "登记在册（在库或已配发）的执法记录仪",
            DEVICES,
            lambda per: Device.kind == "body_camera",
        ),
        Measure(
            "devices.other",
            "其他执法装备",
            "台",
            "登记在册（在库或已配发）的其他执法装备",
            DEVICES,
            lambda per: Device.kind != "body_camera",
        ),
    )
