"""Read models of licence matters and applications: masked applicant, the deemed acceptance of
第三十二条 as of today, `allowed_actions` and `deadlines`."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from common.calendar import WorkingCalendar
from services.cases.identifiers import mask_id_number
from services.cases.licensing import deadlines as dl
from services.cases.licensing import schemas
from services.cases.licensing import states as st
from services.cases.licensing.models import LicenceApplication, LicenceMaterial, LicenceMatter
from services.cases.licensing.service import matter_summary, missing_materials


def matter_read(m: LicenceMatter) -> schemas.LicenceMatterRead:
    return schemas.LicenceMatterRead.model_validate(m, from_attributes=True)


def as_of(app: LicenceApplication, cal: WorkingCalendar, today: date) -> Any:
    """The application as the law sees it today: still `received` after the 5th working day
    without a 补正 notice means accepted on the receipt day (not written by a read)."""
    if app.status != st.RECEIVED or today <= dl.correction_due(cal, app.received_on).due_on:
        return app
    fields = ("received_on", "extension", "suspensions", "hearing", "decided_on")
    return SimpleNamespace(**{f: getattr(app, f) for f in fields}, status=st.ACCEPTED,
                           accepted_on=app.received_on, deemed_accepted=True)


def application_read(app: LicenceApplication, matter: LicenceMatter,
                     materials: list[LicenceMaterial], cal: WorkingCalendar,
                     today: date) -> schemas.ApplicationRead:
    v = as_of(app, cal, today)
    deadlines = [schemas.DeadlineRead(**{k: x for k, x in d.items() if k != "tracked"})
                 for d in dl.application_deadlines(v, matter, cal, today)]
    return schemas.ApplicationRead(
        id=app.id, version=app.version, status=v.status, matter=matter_summary(matter),
        agency_id=app.agency_id, region_code=app.region_code,
        applicant=schemas.ApplicantRead(kind=app.applicant_kind, name=app.applicant_name,
                                        id_number=mask_id_number(app.applicant_id_number),
                                        uscc=app.applicant_uscc, phone=app.applicant_phone),
        request=app.request, received_on=app.received_on, correction=app.correction,
        deemed_accepted=v.deemed_accepted, accepted_on=v.accepted_on,
        not_accepted=app.not_accepted, receipts=app.receipts, reviews=app.reviews,
        stakeholders=app.stakeholders, hearing=app.hearing, suspensions=app.suspensions,
        extension=app.extension, decision=app.decision, decided_on=app.decided_on,
        granted=app.granted, licence_id=app.licence_id, inspection_id=app.inspection_id,
        materials=[schemas.MaterialRead.model_validate(m, from_attributes=True)
                   for m in materials],
        missing_materials=missing_materials(matter, {m.name for m in materials}),
        next_due_on=app.next_due_on, allowed_actions=st.allowed_actions(v, matter),
        deadlines=deadlines, created_at=app.created_at)
