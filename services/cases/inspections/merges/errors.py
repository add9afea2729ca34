"""Problem types of merged plans (综合查一次). Every refusal carries `rule`."""

from kit import errors

MERGE_RULE = ("国办发〔2024〕54号：能合并检查的，不得重复检查；能联合检查的，不得多头检查"
              "（综合查一次：同一企业、同一期间，多个机关的抽查计划合并为一次联合检查）")
DECIDER_RULE = ("综合查一次的合并由区县（市）行政执法监督机构统筹决定（宁波市政府令第280号"
                "第五条：综合行政执法指导机构预警多头、重复检查；深圳 联合入企 自动匹配计划）")
SCOPE_RULE = "只能合并本人管辖区域内执法机关的抽查计划（属地管辖）"


class PlanMergeRefused(errors.UnprocessableEntity):
    """The named plans cannot be merged: one agency only, different years or regions,
    periods that do not overlap, or no enterprise drawn by two of them. Extensions: `rule`,
    `reason` (single_agency | years_differ | regions_differ | periods_disjoint |
    no_shared_target | lead_not_participating), `plan_ids`."""

    title = "抽查计划不能合并为综合查一次"


class PlanAlreadyMerged(errors.Conflict):
    """A named plan is already part of a merge (a plan is merged once). Extensions: `rule`,
    `plan_ids`, `merge_ids`."""

    title = "抽查计划已合并"


class PlanMergeNotFound(errors.NotFound):
    title = "合并计划不存在"
