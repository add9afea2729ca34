"""A full fixture context: every variable any shipped template uses, with values that exercise
escaping (`&`, `<`). Uploaded templates must render with it (and leave no tag behind)."""

# ruff: noqa: E501  (document text: long Chinese lines read better unbroken)
from __future__ import annotations

from typing import Any

ITEM = {"name": "电动三轮车 & <配件>", "spec": "红色", "quantity": "1辆", "note": "完好"}
OFFICER = {"id": "o1", "name": "王五", "certificates": "CQ-0001"}


def sample() -> dict[str, Any]:
    return {
        "agency": {"name": "木耳镇人民政府", "prefix": "木耳综执", "uscc": "115001120000000000"},
        "deciding_agency": {"name": "木耳镇人民政府"}, "number": "木耳综执罚决〔2026〕1号",
        "issued_on": "2026年4月10日", "decided_on": "2026年4月10日",
        "remedies": {"text": "如不服本决定，可以……申请行政复议，或者……提起行政诉讼。"},
        "officers": [OFFICER, {**OFFICER, "name": "赵六", "certificates": "CQ-0002"}],
        "officers_text": "王五（执法证号 CQ-0001）；赵六（执法证号 CQ-0002）",
        "case": {"number": "木耳综执罚立〔2026〕1号", "filed_on": "2026年3月3日",
                 "source_name": "监督检查", "act_date": "2026年3月1日",
                 "discovered_on": "2026年3月2日", "declined_reason": "违法事实不能成立",
                 "approver": "负责人", "created_by": "王五", "decision_number": "木耳综执罚决〔2026〕1号",
                 "closed_on": "2026年5月1日", "status": "decided", "procedure": "ordinary"},
        "party": {"kind": "organization", "kind_name": "法人或者其他组织",
                  "name": "张三 & <李四> 商行", "id_label": "统一社会信用代码",
                  "id": "91500112MA5U000000", "address": "人民路1号 & 2号", "phone": "138"},
        "facts": "在人行道上摆摊经营", "matter": {"name": "占道经营"},
        "legal_basis": "《条例》第十四条", "penalty_basis": "《条例》第三十六条",
        "evidence": [{"index": 1, "kind_name": "视听资料", "description": "现场照片", "sha256": "0"}],
        "inspection": {"place": "人民路", "content": "现场摆摊", "started_at": "9时",
                       "ended_at": "10时", "target": "某商行", "item": "经营场所", "basis": "《条例》",
                       "method": "现场检查", "time": "2026年3月1日", "result": "未发现问题",
                       "discipline": "检查人员不得……"},
        "inquiry": {"interviewee": "张三", "place": "询问室", "content": "问：……答：……",
                    "started_at": "9时", "ended_at": "10时"},
        "discretion": {"tier": "轻微", "reasoning": "首次违法"},
        "conclusion": {"outcome_name": "给予行政处罚"}, "penalty": {"text": "罚款人民币壹仟元整"},
        "fine": {"fen": 100000, "yuan": "1,000.00", "capital": "壹仟元整"},
        "owed": {"fen": 100000, "yuan": "1,000.00", "capital": "壹仟元整"},
        "payment": {"text": "十五日内缴纳", "how": "到指定银行缴纳", "due_on": "2026年4月25日"},
        "course": "本机关于……立案调查。", "statement_days": 5, "hearing_days": 5,
        "statement_rights": "你（单位）有权进行陈述和申辩。",
        "review": {"status_name": "同意", "opinion": "同意"},
        "hearing": {"held_on": "2026年4月3日", "held_at": "2026年4月3日9时", "place": "会议室",
                    "host": "钱七", "record": "听证记录"},
        "spot": {"time": "2026年3月1日9时", "place": "人民路", "signature": ""},
        "arrangement": {"kind_name": "延期缴纳", "until": "2026年6月1日", "reason": "经济困难"},
        "closing": {"result": "已缴纳", "closed_on": "2026年5月1日"},
        "served": {"name": "行政处罚决定书", "number": "木耳综执罚决〔2026〕1号"},
        "service": {"place": "人民路1号", "method_name": "直接送达", "served_on": "2026年4月11日",
                    "recipient": "张三", "relation": "本人", "refusal_reason": "", "witness": "",
                    "servers": "王五、赵六", "remarks": ""},
        "documents": [{"index": 1, "name": "立案审批表", "number": "", "issued_on": "2026年3月3日",
                       "pages": "1"}],
        "document_count": 1, "notes": "无", "discussion": {
            "held_on": "2026年4月5日", "participants": "甲、乙、丙", "record": "讨论……",
            "conclusion": "同意"},
        "items": [ITEM], "measure": "扣押", "reason": "涉嫌占道经营", "period_days": 30,
        "place": "人民路", "keep_place": "执法大队", "original_number": "木耳综执强决〔2026〕1号",
        "extension_days": 30, "rectify_content": "撤除摊位", "rectify_deadline": "2026年3月5日",
        "consequence": "逾期不改正的，依法处理。", "perform_deadline": "2026年5月10日",
        "receiver": "某县公安局", "transfer_reason": "涉案金额较大。",
        "application": {"applicant": "某公司", "item": "乡村建设规划许可", "reason": "材料不全",
                        "applied_on": "2026年3月1日", "terms": ""},
    }
