"""Age and capacity at the act (行政处罚法第三十条–第三十二条), issue 16 point 2.

- The age is derived from the party's 身份证号 (出生日期码) on the act date, not from a flag; the
  flag counts only when no ID number is known.
- Under 14 (第三十条): no penalty; the outcome is `minor_no_penalty` (不予处罚，责令监护人加以管教),
  and the summary procedure refuses such a party.
- 14–17 (第三十条): a penalty must record 从轻 (`lighter`) or 减轻 (`reduced`); with 从轻 a fine
  stays in the lower part of the applied 裁量档次 (`CasesSettings.minor_lighter_tier_share`,
  default the lower half [S]), with 减轻 below the tier's minimum.
- 第三十一条: a party who could not recognise or control the act (`no_capacity`) is not
  punished; `limited_capacity` may be treated lighter (recorded, not forced).
- 第三十二条: each mandatory mitigation ground recorded makes 从轻 or 减轻 mandatory."""

from __future__ import annotations

from typing import Any

from services.cases.identifiers import age_on

ART30, ART31, ART32 = "行政处罚法第三十条", "行政处罚法第三十一条", "行政处罚法第三十二条"
MANDATORY_GROUNDS = {"harm_eliminated": "主动消除或者减轻违法行为危害后果",
                     "coerced_or_induced": "受他人胁迫或者诱骗实施违法行为",
                     "confessed": "主动供述行政机关尚未掌握的违法行为",
                     "meritorious": "配合行政机关查处违法行为有立功表现",
                     "other_law": "法律、法规、规章规定其他应当从轻或者减轻的"}
CAPACITY = {"no_capacity": "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为",
            "limited_capacity": "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人"}


class Refusal(Exception):
    def __init__(self, detail: str, rule: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail, self.rule, self.extra = detail, rule, extra


def party_age(case: Any) -> int | None:
    if case.party_kind != "person":
        return None
    return age_on(case.party_id_number, case.act_date)


def is_minor(id_number: str | None, act_date: Any, flag: bool) -> bool:
    age = age_on(id_number, act_date)
    return flag if age is None else age < 18


def check_conclusion(case: Any, body: Any, tier: dict[str, Any] | None,
                     lighter_share: float) -> None:
    """Raise `Refusal` when the proposed outcome ignores 第三十条–第三十二条."""
    age = party_age(case)
    circumstances = set(body.circumstances)
    if age is not None and age < 14 and body.outcome in ("penalty", "no_penalty"):
        raise Refusal(f"当事人实施违法行为时未满十四周岁（{age}周岁），不予行政处罚，"
                      "应当责令监护人加以管教（结论 minor_no_penalty）", ART30, age=age)
    if body.outcome == "minor_no_penalty" and (age is None or age >= 14):
        raise Refusal("仅当事人实施违法行为时未满十四周岁的，方可作出责令监护人管教的结论",
                      ART30, age=age)
    if body.outcome != "penalty":
        return
    if "no_capacity" in circumstances:
        raise Refusal(CAPACITY["no_capacity"] + "的，不予行政处罚", ART31)
    minor = age is not None and age < 18
    grounds = [MANDATORY_GROUNDS[g] for g in body.circumstances if g in MANDATORY_GROUNDS]
    if (minor or grounds) and body.mitigation not in ("lighter", "reduced"):
        rule = ART30 if minor else ART32
        why = f"已满十四周岁不满十八周岁（{age}周岁）" if minor else "；".join(grounds)
        raise Refusal(f"当事人{why}，应当从轻或者减轻行政处罚，须记录从轻或减轻", rule, age=age)
    if minor and tier is not None:
        _within_minor_range(body, tier, lighter_share)


def _within_minor_range(body: Any, tier: dict[str, Any], share: float) -> None:
    low, high = tier["min_fine_fen"], tier["max_fine_fen"]
    reduced = body.mitigation == "reduced"
    cap = low + int((high - low) * share)
    limit = f"低于该档次下限 {low / 100:.2f} 元" if reduced else f"不超过 {cap / 100:.2f} 元"
    for p in body.penalties:
        bad = (low > 0 and p.amount >= low) if reduced else p.amount > cap
        if p.kind == "fine" and bad:
            raise Refusal(f"未成年人{'减轻' if reduced else '从轻'}处罚，罚款应{limit}"
                          f"（裁量档次“{tier['tier']}”）", ART30, cap_fen=low if reduced else cap)
