from fastapi import APIRouter

from kit.db import CommittingRoute

router = APIRouter(route_class=CommittingRoute)
