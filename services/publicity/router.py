"""The publicity HTTP surface."""

from fastapi import APIRouter

from kit.db import CommittingRoute

router = APIRouter(prefix="/api/v1/publicity", tags=["publicity"], route_class=CommittingRoute)
