"""Inspection problem types. Refusals that come from law carry the article in `rule`; the
class docstrings name the default source."""

from kit import errors

ITEM_RULE = "国办发〔2024〕54号：行政检查事项未经公布的，不得实施"
APPROVAL_RULE = ("国办发〔2024〕54号及司法部《意见》问题解答："
                 "行政检查实施前须经行政执法主体负责人批准，紧急情况事后补办")
CAP_RULE = "国办发〔2024〕54号：同一行政机关对同一企业实施行政检查的年度频次上限"
SEED_RULE = ("双随机抽取种子须可复核：事先公布 nonce 的 SHA-256 承诺值，抽取时以公开值生成"
             "（sha256-commit-reveal-v1）")
STALE_RULE = ("离线记录以 If-Match 声明其所依据的检查版本；版本已变更的记录不予应用，须重新读取后"
              "再提交（RFC 9110 §13.1.1 If-Match；全过程记录不覆盖已记载的内容）")
REPLAY_RULE = ("离线记录的 Idempotency-Key 只对应一条记录：重放同一记录答复“已应用”，"
               "同一键的另一条记录不予应用")
OFFICER_RULE = "行政处罚法第四十二条、第五十五条（两名以上持证执法人员，出示执法证件）"


class InspectionNotFound(errors.NotFound):
    title = "行政检查不存在"


class InspectionItemNotFound(errors.NotFound):
    title = "检查事项不存在"


class InspectionTargetNotFound(errors.NotFound):
    title = "检查对象不存在"


class SpotCheckPlanNotFound(errors.NotFound):
    title = "抽查计划不存在"


class SpotCheckDrawNotFound(errors.NotFound):
    title = "抽取记录不存在"


class InspectionItemNotPublished(errors.Conflict):
    """未经公布的检查事项不得实施 (国办发〔2024〕54号); also a superseded version. Extensions:
    `rule`, `item_ids`."""

    title = "检查事项未公布，不得实施"


class InspectionItemMismatch(errors.UnprocessableEntity):
    """The item does not allow this inspection type, method or target kind (检查事项清单)."""

    title = "检查类型、方式或对象不在检查事项允许范围内"


class InspectionActionNotAllowed(errors.Conflict):
    """The action is not allowed in the inspection's state ("审批—通知—实施—记录—反馈",
    司法部《行政检查文书基本格式文本》). Extensions: `rule`, `inspection_status`,
    `allowed_actions`."""

    title = "当前检查状态不允许此操作"


class InspectionNotApproved(errors.Conflict):
    """No start without the head's approval unless flagged as an emergency (国办发〔2024〕54号;
    司法部问题解答: 事前审批, 紧急情况事后补办)."""

    title = "行政检查未经批准"


class InspectionCapExceeded(errors.Conflict):
    """The enterprise's annual cap for this agency is reached (国办发〔2024〕54号); only a
    configured exemption reason allows it. Extensions: `rule`, `count`, `limit`,
    `exempt_reasons`."""

    title = "超过涉企行政检查年度频次上限"


class InvalidUscc(errors.UnprocessableEntity):
    """统一社会信用代码 check failed (GB 32100-2015)."""

    title = "统一社会信用代码无效"


class ImportFileRejected(errors.UnprocessableEntity):
    title = "导入文件无法读取"


class RecordReused(errors.UnprocessableEntity):
    """An offline record's Idempotency-Key was already used for a different record.
    Extension: `rule` (`REPLAY_RULE`)."""

    title = "同一幂等键已用于另一条记录"


class EvaluationRateLimited(errors.TooManyRequests):
    """扫码入企 evaluations from one client address beyond the configured token bucket
    (`CASES_INSPECTION_EVALUATION_RATE_PER_MINUTE` / `_BURST`). Extension: `retry_after`."""

    title = "评价提交过于频繁，请稍后再试"


class SeedRefused(errors.Conflict):
    """The seed cannot be derived: no commitment before the draw, a nonce that does not match
    it, or a second commitment (a seed nobody can choose). Extension:
    `rule`."""

    title = "抽取种子不符合承诺—公开规则"


class JointTaskInvalid(errors.UnprocessableEntity):
    """The joint task does not exist, or its members inspect another enterprise or fall
    outside the window. Extensions: `rule`, `joint_task_id`."""

    title = "联合检查任务不存在或与本次检查不符"
