"""Problems of 年度行政执法监督计划."""

from kit import errors


class PlanNotFound(errors.NotFound):
    title = "年度监督计划不存在"


class PlanItemNotFound(errors.NotFound):
    title = "监督计划事项不存在"


class PlanOutOfRegion(errors.Forbidden):
    title = "只能为本辖区制定监督计划"


class PlanExists(errors.Conflict):
    title = "该辖区该年度已有监督计划"
    article = "每一监督机构（辖区）每年一份年度行政执法监督计划"


class PlanStateConflict(errors.Conflict):
    """Draft → approved → published (行政执法监督条例 Art.5–6: the supervision body plans and
    the government leads; the plan is made public, seed 001)."""

    title = "监督计划当前状态不允许此操作"
    article = "年度监督计划：草案可编辑；经批准后方可公布；已批准或公布的计划不得修改事项"


class PlanEmpty(errors.Conflict):
    title = "监督计划没有事项"
    article = "年度监督计划须至少列明一项监督事项后方可批准"


class PlanItemNotCarried(errors.Conflict):
    title = "监督行动不能承接该计划事项"
    article = "监督行动只能承接已批准或已公布计划的事项，且行动辖区须在计划辖区内"
