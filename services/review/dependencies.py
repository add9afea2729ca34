"""Role guards of the review service (typed aliases)."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends

from common.scope import AgencyRegionLookup
from kit.auth import Principal, require_roles
from services.review.clients import agency_regions
from services.review.consultations.service import linked_to_review

# the real region of a named agency (personnel, service token) for writes across regions
AgencyRegions = Annotated[AgencyRegionLookup, Depends(agency_regions)]

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


ConsultationLookup = Callable[[Any, Principal, uuid.UUID, uuid.UUID],
                              Awaitable[list[dict[str, Any]]]]


def linked_consultations() -> ConsultationLookup:
    """The consultations service function the legal review's read uses (issue 15 point 5),
    wired here so that `legal` does not import `consultations` (which reads `legal`'s reviews):
    the sub-packages stay acyclic."""
    return linked_to_review


LinkedConsultations = Annotated[ConsultationLookup, Depends(linked_consultations)]
