from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request, Response

from common.principal import CurrentPrincipal
from common.sessions import SessionRevoked
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.limits import client_address
from services.personnel.accounts import errors, service
from services.personnel.accounts.schemas import (
    Me,
    PasswordChange,
    RefreshRequest,
    SessionChanges,
    TokenPair,
    UserCreate,
    UserRead,
)
from services.personnel.dependencies import (
    CurrentCtx,
    PublicCtx,
    ServiceCallerCtx,
    UserAdminCtx,
)


def _address(request: Request) -> str:
    return client_address(request, request.app.state.settings.trusted_proxies)

class LoginForm:
    """The OAuth2 password form (RFC 6749 §4.3.2). `grant_type` is `password` or left out; an
    empty field counts as left out (form semantics), and the schema says exactly that."""

    def __init__(self, username: Annotated[str, Form(min_length=1, max_length=64)],
                 password: Annotated[str, Form(min_length=1, max_length=128,
                                               json_schema_extra={"format": "password"})],
                 grant_type: Annotated[str | None, Form(pattern=r"^(password)?$")] = None
                 ) -> None:
        self.username, self.password, self.grant_type = username, password, grant_type


auth_router = APIRouter(prefix="/api/v1/auth", tags=["auth"], route_class=CommittingRoute)
jwks_router = APIRouter(tags=["auth"])
users_router = APIRouter(prefix="/api/v1/personnel", tags=["users"],
                         route_class=CommittingRoute)


@auth_router.post("/token", response_model=TokenPair, status_code=200,
                  responses=kit_errors.responses(errors.InvalidCredentials, errors.LoginThrottled,
                                                 kit_errors.ValidationFailed),
                  summary="用户名密码登录，签发访问令牌与刷新令牌（按地址与账户限制失败次数）")
async def issue_token(form: Annotated[LoginForm, Depends()],
                      request: Request, ctx: PublicCtx) -> TokenPair:
    state = request.app.state
    return await service.login(ctx.session, state.keyring, ctx.settings, state.limits,
                               form.username, form.password, _address(request))


@auth_router.post("/refresh", response_model=TokenPair, status_code=200,
                  responses=kit_errors.responses(errors.InvalidRefreshToken),
                  summary="轮换刷新令牌（旧令牌被重用时撤销整个会话）")
async def refresh_token(body: RefreshRequest, ctx: PublicCtx) -> TokenPair:
    return await service.refresh(ctx.session, ctx.up.keyring, ctx.settings.jwt,
                                 body.refresh_token)


@auth_router.post("/logout", status_code=204, response_class=Response,
                  summary="注销：撤销该刷新令牌所属会话")
async def logout(body: RefreshRequest, ctx: PublicCtx) -> Response:
    await service.logout(ctx.session, body.refresh_token)
    return Response(status_code=204)


@auth_router.post("/logout-all", status_code=204, response_class=Response,
                  responses=kit_errors.responses(kit_errors.Unauthorized, SessionRevoked,
                                                 errors.NotAUserAccount),
                  summary="注销全部会话：所有刷新令牌作废，已签发的访问令牌在同步间隔内失效")
async def logout_all(ctx: CurrentCtx) -> Response:
    await service.logout_all(ctx)
    return Response(status_code=204)


@auth_router.post("/password", response_model=TokenPair, status_code=200,
                  responses=kit_errors.responses(
                      errors.CurrentPasswordWrong, errors.PasswordUnchanged,
                      errors.LoginThrottled, errors.NotAUserAccount, kit_errors.Unauthorized,
                      kit_errors.ValidationFailed),
                  summary="修改密码：结束全部会话，返回新的令牌对")
async def change_password(body: PasswordChange, ctx: CurrentCtx,
                          request: Request) -> TokenPair:
    state = request.app.state
    return await service.change_password(ctx, state.keyring, state.limits,
                                         body.current_password, body.new_password,
                                         _address(request))


@auth_router.get("/session-changes", response_model=SessionChanges,
                 responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden),
                 summary="（服务间）此时刻之后提升的会话版本，供各服务判定令牌是否已失效")
async def list_session_changes(ctx: ServiceCallerCtx,
                               since: Annotated[datetime | None, Query()] = None
                               ) -> SessionChanges:
    return await service.session_changes(ctx.session, ctx.settings.jwt, since)


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
async def create_user(body: UserCreate, ctx: UserAdminCtx) -> UserRead:
    return UserRead.model_validate(await service.create_user(ctx, body))


@users_router.post("/users/{user_id}/disable", response_model=UserRead, status_code=200,
                   responses=kit_errors.responses(errors.UserNotFound, errors.CannotDisableSelf,
                                                  kit_errors.Unauthorized, kit_errors.Forbidden),
                   summary="停用账户：不能再登录，已签发的令牌在同步间隔内失效")
async def disable_user(user_id: uuid.UUID, ctx: UserAdminCtx) -> UserRead:
    return UserRead.model_validate(await service.set_user_active(ctx, user_id, False))


@users_router.post("/users/{user_id}/enable", response_model=UserRead, status_code=200,
                   responses=kit_errors.responses(errors.UserNotFound, kit_errors.Unauthorized,
                                                  kit_errors.Forbidden),
                   summary="重新启用已停用的账户")
async def enable_user(user_id: uuid.UUID, ctx: UserAdminCtx) -> UserRead:
    return UserRead.model_validate(await service.set_user_active(ctx, user_id, True))
