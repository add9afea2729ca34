"""The personnel HTTP surface: accounts and auth, agencies, staff, certificates, qualification
check and public directory, training, devices, imports."""

from fastapi import APIRouter

from services.personnel.accounts.router import auth_router, jwks_router, users_router
from services.personnel.agencies.router import router as agencies_router
from services.personnel.certificates.router import router as certificates_router
from services.personnel.devices.router import router as devices_router
from services.personnel.imports.router import router as imports_router
from services.personnel.qualifications.router import router as qualifications_router
from services.personnel.staff.router import router as staff_router
from services.personnel.statistics.router import router as statistics_router
from services.personnel.training.router import router as training_router

router = APIRouter()
router.include_router(auth_router)
router.include_router(jwks_router)
router.include_router(users_router)
for sub in (agencies_router, staff_router, certificates_router, qualifications_router,
            training_router, devices_router, imports_router, statistics_router):
    router.include_router(sub)
