"""The review HTTP surface."""

from fastapi import APIRouter

from kit.db import CommittingRoute

router = APIRouter(prefix="/api/v1/review", tags=["review"], route_class=CommittingRoute)
