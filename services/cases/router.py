"""The cases HTTP surface."""

from fastapi import APIRouter

from kit.db import CommittingRoute

router = APIRouter(prefix="/api/v1/cases", tags=["cases"], route_class=CommittingRoute)
