"""The platform's roles (角色). kit.auth knows only the generic `service` principal; the names
below are zhifa's.

- officer 执法人员, agency_admin 执法机关管理员, legal_reviewer 法制审核人员,
  supervisor 执法监督机构, sysadmin 系统管理员, service 服务间调用,
  invited_supervisor 特邀行政执法监督员.
"""

from __future__ import annotations

ROLES = ("officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin", "service",
         "invited_supervisor")
# 特邀行政执法监督员: read-only on the redacted records of their assigned actions; any route that
# does not admit the role answers 404, so nothing else even shows that it exists (common.app puts
# this set on every app's `state.not_found_roles`, which kit.auth.require_roles reads)
NOT_FOUND_ROLES = frozenset({"invited_supervisor"})
