"""The review HTTP surface: 法制审核, 案卷评查, 监督意见书/监督文书, 投诉举报."""

from fastapi import APIRouter

from services.review.actions.router import router as actions_router
from services.review.assessment.router import router as assessment_router
from services.review.complaint_deadlines.router import router as complaint_deadlines_router
from services.review.complaints.router import router as complaints_router
from services.review.consultations.router import router as consultations_router
from services.review.evaluation.router import router as evaluation_router
from services.review.instruments.router import router as instruments_router
from services.review.invited.router import router as invited_router
from services.review.legal.router import router as legal_router
from services.review.meetings.router import router as meetings_router
from services.review.participation.router import router as participation_router
from services.review.plans.router import router as plans_router
from services.review.reports.router import router as reports_router
from services.review.responsibility.router import router as responsibility_router
from services.review.social.router import my_router as my_social_router
from services.review.social.router import router as social_router
from services.review.statistics.router import router as statistics_router
from services.review.supervision.router import router as supervision_router

router = APIRouter()
router.include_router(legal_router)
router.include_router(evaluation_router)
router.include_router(supervision_router)
router.include_router(instruments_router)
router.include_router(actions_router)
router.include_router(invited_router)
router.include_router(participation_router)
router.include_router(responsibility_router)
router.include_router(complaints_router)
router.include_router(reports_router)
router.include_router(statistics_router)
router.include_router(complaint_deadlines_router)
router.include_router(social_router)
router.include_router(my_social_router)
router.include_router(assessment_router)
router.include_router(plans_router)
router.include_router(meetings_router)
router.include_router(consultations_router)
