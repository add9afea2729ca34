from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from kit import errors as kit_errors
from kit.auth import CurrentPrincipal
from kit.db import CommittingRoute, SessionDep
from services.personnel.accounts import errors, service
from services.personnel.accounts.schemas import Me, RefreshRequest, TokenPair, UserCreate, UserRead
from services.personnel.dependencies import UserAdmin

auth_router = APIRouter(prefix="/api/v1/auth", tags=["auth"], route_class=CommittingRoute)
jwks_router = APIRouter(tags=["auth"])
users_router = APIRouter(prefix="/api/v1/personnel", tags=["users"],
                         route_class=CommittingRoute)


@auth_router.post("/token", response_model=TokenPair, status_code=200,
                  responses=kit_errors.responses(errors.InvalidCredentials, errors.AccountLocked,
                                                 kit_errors.ValidationFailed),
                  summary="用户名密码登录，签发访问令牌与刷新令牌")
async def issue_token(form: Annotated[OAuth2PasswordRequestForm, Depends()],
                      request: Request, session: SessionDep) -> TokenPair:
    return await service.login(session, request.app.state.keyring, request.app.state.settings,
                               form.username, form.password)


@auth_router.post("/refresh", response_model=TokenPair, status_code=200,
                  responses=kit_errors.responses(errors.InvalidRefreshToken),
                  summary="轮换刷新令牌（旧令牌被重用时撤销整个会话）")
async def refresh_token(body: RefreshRequest, request: Request, session: SessionDep) -> TokenPair:
    return await service.refresh(session, request.app.state.keyring,
                                 request.app.state.settings.jwt, body.refresh_token)


@auth_router.post("/logout", status_code=204, response_class=Response,
                  summary="注销：撤销该刷新令牌所属会话")
async def logout(body: RefreshRequest, session: SessionDep) -> Response:
    await service.logout(session, body.refresh_token)
    return Response(status_code=204)


@auth_router.get("/me", response_model=Me,
                 responses=kit_errors.responses(kit_errors.Unauthorized),
                 summary="当前令牌代表的用户")
async def read_me(principal: CurrentPrincipal) -> Me:
    return Me(subject=principal.subject, username=principal.username,
              roles=sorted(principal.roles), agency_id=principal.agency_id,
              region_code=principal.region_code, officer_id=principal.officer_id)


@jwks_router.get("/.well-known/jwks.json", summary="令牌验签公钥 (JWKS)")
async def read_jwks(request: Request) -> dict[str, Any]:
    return request.app.state.keyring.jwks()


@users_router.post("/users", response_model=UserRead, status_code=201,
                   responses=kit_errors.responses(errors.UsernameTaken, errors.RoleNotAllowed,
                                                  errors.OfficerAlreadyLinked,
                                                  errors.LinkedRecordUnknown,
                                                  kit_errors.Unauthorized,
                                                  kit_errors.ValidationFailed),
                   summary="创建登录账户（系统管理员任意单位；单位管理员仅本单位）")
async def create_user(body: UserCreate, principal: UserAdmin, session: SessionDep) -> UserRead:
    return UserRead.model_validate(await service.create_user(session, principal, body))
