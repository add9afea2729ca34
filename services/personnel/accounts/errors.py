from kit import errors


class InvalidCredentials(errors.Problem):
    status, title = 401, "用户名或密码错误"
    persist_changes = True

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


class LoginThrottled(errors.Problem):
    """登录失败限制: too many failed logins from this address, or for this account from this
    address; the same answer whether or not the account exists."""

    status, title = 429, "登录失败次数过多，请稍后再试"

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.extensions.get("retry_after", 60))}


class InvalidRefreshToken(errors.Problem):
    status, title = 401, "刷新令牌无效、已过期或已被撤销"
    persist_changes = True

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}


class CurrentPasswordWrong(errors.Problem):
    status, title = 403, "当前密码不正确"
    persist_changes = True  # the failed-login counter


class PasswordUnchanged(errors.UnprocessableEntity):
    title = "新密码不得与当前密码相同"


class NotAUserAccount(errors.Forbidden):
    title = "该令牌不代表一个用户账户"


class UserNotFound(errors.NotFound):
    title = "用户不存在"


class CannotDisableSelf(errors.Conflict):
    title = "不能停用自己的账户"


class UsernameTaken(errors.Problem):
    """Usernames are unique case-insensitively (`MUER-OFFICER` is `muer-officer`)."""

    status, title = 409, "用户名已存在"



class OfficerAlreadyLinked(errors.Problem):
    """One account per staff member: the officer is linked to an account already."""

    status, title = 409, "该人员已关联账号"


class RoleNotAllowed(errors.Problem):
    status, title = 403, "无权授予该角色或为其他单位创建账户"


class LinkedRecordUnknown(errors.Problem):
    status, title = 422, "关联的单位或人员不存在"
