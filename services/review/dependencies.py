"""Role guards of the review service (typed aliases)."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from common.context import ctx_dependency
from common.principal import Principal
from common.scope import AgencyRegionLookup
from kit.auth import require_roles
from services.review.clients import agency_regions, upstream
from services.review.consultations.service import linked_to_review
from services.review.context import Ctx


# the real region of a named agency (personnel, service token) for writes across regions
def _agency_regions(request: Request) -> AgencyRegionLookup:
    return agency_regions(upstream(request))


AgencyRegions = Annotated[AgencyRegionLookup, Depends(_agency_regions)]

# who may read legal reviews: reviewers see their queue, agencies their own, supervisors a region
ReviewReader = Annotated[Principal, Depends(require_roles(
    "legal_reviewer", "agency_admin", "supervisor", "sysadmin"))]
# who may route a review to a reviewer
ReviewAssigner = Annotated[Principal, Depends(require_roles(
    "legal_reviewer", "agency_admin", "supervisor", "sysadmin"))]
LegalReviewer = Annotated[Principal, Depends(require_roles("legal_reviewer"))]
# reviewer profiles and the 重大执法决定目录 are kept by agency admins and supervisors
ReviewAdmin = Annotated[Principal, Depends(require_roles("agency_admin", "supervisor",
                                                         "sysadmin"))]
MajorCheckCaller = Annotated[Principal, Depends(require_roles(
    "service", "officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin"))]
Supervisor = Annotated[Principal, Depends(require_roles("supervisor", "sysadmin"))]
SupervisionReader = Annotated[Principal, Depends(require_roles(
    "agency_admin", "supervisor", "sysadmin"))]
AgencyReplier = Annotated[Principal, Depends(require_roles("agency_admin"))]
ComplaintStaff = Annotated[Principal, Depends(require_roles(
    "officer", "agency_admin", "supervisor", "sysadmin"))]
# 评查 ranking and 通报: supervisors, and the agencies evaluated in the batch
EvaluationReader = Annotated[Principal, Depends(require_roles("supervisor", "sysadmin",
                                                              "agency_admin"))]
# another service calling with its own service token (service-to-service routes)
ServiceCaller = Annotated[Principal, Depends(require_roles("service"))]
# a 特邀监督员 (panel member, lead giver) reading their own view
InvitedSupervisor = Annotated[Principal, Depends(require_roles("invited_supervisor"))]
# every staff role of an agency, and supervisors (what each sees is the scope rule's)
StaffReader = Annotated[Principal, Depends(require_roles(
    "officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin"))]
# 社会评议: the case's agency reads and answers; supervisors read their region
SocialReader = StaffReader
SocialAnswerer = Annotated[Principal, Depends(require_roles("officer", "agency_admin"))]
# 案件联合会商: agency staff and supervisors read; agency admins and supervisors refer, give
# opinions and conclude (the `SupervisionReader` guard)
ConsultationReader = StaffReader
ConsultationWriter = SupervisionReader
# 联席会议: agency staff and supervisors read; agency admins and supervisors record follow-ups
# (the `SupervisionReader` guard)
MeetingReader = StaffReader
MeetingWriter = SupervisionReader
# 评议考核 read by agency admins and supervisors (the `SupervisionReader` guard)
AssessmentReader = SupervisionReader
# annual reports: agency admins for their agency, supervisors for their region (the
# `SupervisionReader` guard; reports/service.py decides)
ReportUser = SupervisionReader


def _ctx(principal_alias: Any) -> Any:
    return ctx_dependency(principal_alias, upstream, Ctx)


# the `Ctx` a route hands its service, with the role check of the alias of the same name
ReviewReaderCtx = Annotated[Ctx, Depends(_ctx(ReviewReader))]
ReviewAssignerCtx = Annotated[Ctx, Depends(_ctx(ReviewAssigner))]
LegalReviewerCtx = Annotated[Ctx, Depends(_ctx(LegalReviewer))]
ReviewAdminCtx = Annotated[Ctx, Depends(_ctx(ReviewAdmin))]
MajorCheckCallerCtx = Annotated[Ctx, Depends(_ctx(MajorCheckCaller))]
SupervisorCtx = Annotated[Ctx, Depends(_ctx(Supervisor))]
SupervisionReaderCtx = Annotated[Ctx, Depends(_ctx(SupervisionReader))]
AgencyReplierCtx = Annotated[Ctx, Depends(_ctx(AgencyReplier))]
ComplaintStaffCtx = Annotated[Ctx, Depends(_ctx(ComplaintStaff))]
EvaluationReaderCtx = Annotated[Ctx, Depends(_ctx(EvaluationReader))]
ServiceCallerCtx = Annotated[Ctx, Depends(_ctx(ServiceCaller))]
InvitedSupervisorCtx = Annotated[Ctx, Depends(_ctx(InvitedSupervisor))]
StaffReaderCtx = Annotated[Ctx, Depends(_ctx(StaffReader))]
SocialReaderCtx = StaffReaderCtx
SocialAnswererCtx = Annotated[Ctx, Depends(_ctx(SocialAnswerer))]
ConsultationReaderCtx = StaffReaderCtx
ConsultationWriterCtx = SupervisionReaderCtx
MeetingReaderCtx = StaffReaderCtx
MeetingWriterCtx = SupervisionReaderCtx
AssessmentReaderCtx = SupervisionReaderCtx
ReportUserCtx = SupervisionReaderCtx
# a public route (no token): `ctx.principal` is None
PublicCtx = Annotated[Ctx, Depends(_ctx(None))]

ConsultationLookup = Callable[[Ctx, uuid.UUID, uuid.UUID], Awaitable[list[dict[str, Any]]]]


def linked_consultations() -> ConsultationLookup:
    """The consultations service function the legal review's read uses (issue 15 point 5),
    wired here so that `legal` does not import `consultations` (which reads `legal`'s reviews):
    the sub-packages stay acyclic."""
    return linked_to_review


LinkedConsultations = Annotated[ConsultationLookup, Depends(linked_consultations)]
