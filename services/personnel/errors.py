"""Problem types of the personnel domain."""

from kit import errors


class AgencyNotFound(errors.Problem):
    status, title = 404, "执法主体不存在"


class ParentAgencyUnknown(errors.Problem):
    status, title = 422, "上级单位不存在或行政区划不属于上级辖区"


class UsccTaken(errors.Problem):
    status, title = 409, "统一社会信用代码已登记"


class OfficerNotFound(errors.Problem):
    status, title = 404, "人员不存在"


class IdNumberTaken(errors.Problem):
    """The 身份证号 is registered already — answered generically, the same whichever agency
    holds it (issue 10, point 6): neither the holder nor the agency is named."""

    status, title = 409, "无法登记该人员：与已有登记信息冲突，请核对或联系系统管理员"
    slug = "registration-conflict"


class AgencyNotManaged(errors.Problem):
    status, title = 403, "无权管理该单位的人员或设备"


class OfficerInactive(errors.Problem):
    status, title = 409, "人员已离岗（调动、退休、辞职或开除），不能再办理此事项"


class CertificateNotFound(errors.Problem):
    status, title = 404, "执法证不存在"


class CertificateNotAllowed(errors.Problem):
    """Issuing a 执法证 is refused with every failing condition in `reasons`."""

    status, title = 422, "不符合申领执法证的条件"


class CertificateNumberInvalid(errors.Problem):
    status, title = 422, "执法证号不符合本省格式"


class CertificateNumberTaken(errors.Problem):
    status, title = 409, "执法证号已存在"


class CertificateStateConflict(errors.Problem):
    status, title = 409, "执法证当前状态不允许此操作"


class DeviceNotFound(errors.Problem):
    status, title = 404, "设备不存在"


class DeviceSerialTaken(errors.Problem):
    status, title = 409, "设备序列号已登记"


class DeviceStateConflict(errors.Problem):
    status, title = 409, "设备当前状态不允许此操作"


class DeviceOfficerMismatch(errors.Problem):
    status, title = 422, "只能配发给本单位在岗人员"


class ImportRejected(errors.Problem):
    """All-or-nothing import with at least one bad row: nothing was written."""

    status, title = 422, "导入文件存在错误，未导入任何数据"


class ImportFileUnreadable(errors.Problem):
    status, title = 400, "无法读取导入文件（仅支持 UTF-8 CSV 与 XLSX）"


class AgencyScopeRequired(errors.Problem):
    status, title = 422, "请指定单位 (agency_id)"
