"""送达 rules (行政处罚法第六十一条 → 民事诉讼法第八十七条–第九十五条): which date is the service
date, and when service is refused (issue 16 point 10). Recording the 送达回证 itself belongs
to the documents module; this module only decides dates and refusals.

- The party absent at the decision: service within 7 working days (第六十一条第一款); a later
  service is refused (`ServiceLate`), not only flagged. 公告送达 counts by the day the notice
  was issued.
- 留置送达 (民诉法第八十九条): the refusal reason and a witness (基层组织或者所在单位的代表), or
  a photo/video record of the leaving.
- 电子送达 (第九十条): the date the message reached the party's system (`arrived_at`,
  Asia/Shanghai), with the party's signed consent (行政处罚法第六十一条第二款).
- 邮寄送达 (第九十一条): the date on the return receipt (`served_on`).
- 公告送达 (第九十五条): deemed served 30 days after issue ("经过三十日，即视为送达"); the
  payment clock starts then. The file records why and how (`public_notice_reason`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from common.calendar import WorkingCalendar, today_legal
from services.cases import deadlines

PUBLIC_NOTICE_DAYS = 30  # 民事诉讼法第九十五条
ABSENT_RULE = "行政处罚法第六十一条第一款"
LEFT_RULE = "民事诉讼法第八十九条"
ELECTRONIC_RULE = "民事诉讼法第九十条"
NOTICE_RULE = "民事诉讼法第九十五条"


class Refusal(Exception):
    """A service that the law does not allow; `rule` names the article."""

    def __init__(self, detail: str, rule: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail, self.rule, self.extra = detail, rule, extra


def service_date(decided_on: date, body: Any, cal: WorkingCalendar) -> tuple[date, dict[str, Any]]:
    """(the legal service date, facts for the timeline) or `Refusal`."""
    handed = body.served_on
    facts: dict[str, Any] = {}
    if body.method == "electronic":
        if body.arrived_at is None:
            raise Refusal("电子送达以送达信息到达受送达人特定系统的日期为送达日期，"
                          "须填写 arrived_at", ELECTRONIC_RULE)
        handed = today_legal(body.arrived_at)
        facts["arrived_at"] = body.arrived_at.isoformat()
    if body.method == "left":
        if not body.refusal_reason or not (body.witness or body.recorded_by_video):
            raise Refusal("留置送达须记明拒收事由，并有见证人签名或者以拍照、录像等方式记录",
                          LEFT_RULE)
        facts.update(refusal_reason=body.refusal_reason, witness=body.witness,
                     recorded_by_video=body.recorded_by_video)
    if handed < decided_on:
        raise Refusal("送达日期不得早于决定日期", ABSENT_RULE)
    due = cal.add_days(decided_on, deadlines.ABSENT_SERVICE_DAYS, "working", basis=ABSENT_RULE)
    if handed > due.due_on:
        raise Refusal(f"当事人不在场的，应当在七个工作日内（{due.due_on} 前）送达，已逾期",
                      ABSENT_RULE, due_on=due.due_on.isoformat())
    if body.method != "public_notice":
        return handed, facts
    if not body.public_notice_reason:
        raise Refusal("公告送达须在案卷中记明原因和经过", NOTICE_RULE)
    deemed = cal.add_days(handed, PUBLIC_NOTICE_DAYS, "calendar", basis=NOTICE_RULE)
    facts.update(notice_issued_on=handed.isoformat(), reason=body.public_notice_reason,
                 deemed_served_on=deemed.due_on.isoformat())
    return deemed.due_on, facts
