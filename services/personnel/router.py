"""The personnel HTTP surface: accounts and auth (more sub-resources join here)."""

from fastapi import APIRouter

from services.personnel.accounts.router import auth_router, jwks_router, users_router

router = APIRouter()
router.include_router(auth_router)
router.include_router(jwks_router)
router.include_router(users_router)
