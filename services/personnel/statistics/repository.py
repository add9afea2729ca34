"""The records the personnel figures count (the figures themselves, their keys and counting
rules: service.py): each source a scoped selection of one table, each predicate a filter on it.

Officers are 执法人员 only: 执法辅助人员 (`is_auxiliary`) never count. "Year end" is the period's
last day (`date_to`): an officer counts there when joined on or before it and not left by it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, or_, select

from common.statistics import Period, Source
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


def passed_exam(per: Period) -> Any:
    return examined(per, passed=True)


def joined(per: Period) -> Any:
    return per.on_dates(OF.joined_on)


def left(per: Period) -> Any:
    return per.on_dates(OF.left_on)


def certificate_issued(per: Period) -> Any:
    return per.on_dates(Certificate.issued_on)


def certificate_revoked(per: Period) -> Any:
    return per.on_dates(Certificate.revoked_on)


def body_camera(per: Period) -> Any:
    return Device.kind == "body_camera"


def other_device(per: Period) -> Any:
    return Device.kind != "body_camera"


TRAINING_HOURS_TENTHS = Training.hours_tenths  # a training's hours, in tenths
