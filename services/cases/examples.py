"""Chinese request examples for the main case operations (线索登记、立案、处罚决定、行政检查、
许可申请), shown by Swagger UI's "Try it out" and ReDoc; keyed by handler name, see kit.docs.
An example's `parameters` are its path parameters.

The ids are those of the demo district: `zhifa demo load` creates these records with exactly
these ids (`demo_id`, uuid5 of a stable name), so "Try it out" works against `make run` with a
demo token (tests/gateway/test_demo_examples.py sends every example)."""

import uuid


def demo_id(name: str) -> str:
    """The fixed id of one demo record (uuid5 of its stable name)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://zhifa.dev/demo/{name}"))


TEAM_ID = demo_id("agency/muer_team")          # 木耳镇综合行政执法大队
MATTER_ID = demo_id("matter/muer_team/UM-0101")  # 擅自占用城市道路
OFFICER_1 = demo_id("officer/王建国")
OFFICER_2 = demo_id("officer/李晓梅")
APPROVER = demo_id("officer/张志强")              # the team's 负责人
LEAD_CASE = demo_id("case/lead")                 # a lead, ready to file
NOTIFIED_CASE = demo_id("case/notified")         # 事先告知 served, ready to decide
ITEM_ID = demo_id("inspection-item/JC-UM-01")
TARGET_ID = demo_id("inspection-target/32")
INSPECTION_ONSITE = demo_id("inspection/2")      # in progress: records may be added
INSPECTION_CLOSED = demo_id("inspection/4")      # closed with 责令改正: may become a lead

EXAMPLES = {
    "create_case": {
        "road_occupation": {
            "summary": "木耳镇：商户占道经营（线索登记）",
            "description": "以 muer-officer 登录。matter_id 为演示辖区木耳镇综合行政执法大队"
                           "“UM-0101 擅自占用城市道路”。",
            "value": {
                "matter_id": MATTER_ID,
                "party": {"kind": "organization", "name": "重庆市渝北区木耳镇好再来餐馆",
                          "uscc": "91500112MA5U7KQ208", "address": "重庆市渝北区木耳镇金鹤路18号",
                          "phone": "023-67801234"},
                "source": "inspection",
                "source_ref": "木耳综执巡〔2026〕118号",
                "act_date": "2026-11-20",
                "discovered_on": "2026-11-20",
                "facts": "2026年11月20日上午巡查发现，当事人在金鹤路18号门前人行道摆放桌椅"
                         "占道经营，占用面积约12平方米，未取得占用城市道路许可。",
            },
        },
        "self_built_house": {
            "summary": "木耳镇：村民未批先建（线索登记，自然人）",
            "description": "以 muer-officer 登录；案由可换成“PL-0201 未取得乡村建设规划许可证进行"
                           "建设”（GET /api/v1/cases/matters）。",
            "value": {
                "matter_id": MATTER_ID,
                "party": {"kind": "person", "name": "周大勇", "id_number": "500112198603151234",
                          "address": "重庆市渝北区木耳镇白岩村3组"},
                "source": "hotline_12345",
                "source_ref": "12345-20261118-0042",
                "act_date": "2026-11-10",
                "discovered_on": "2026-11-18",
                "facts": "群众经12345热线反映，白岩村3组村民周大勇在自家承包地上新建砖混结构"
                         "房屋一栋，现场核实建筑面积约120平方米，未取得乡村建设规划许可证。",
            },
        },
    },
    "file_case": {
        "two_officers": {
            "summary": "立案：两名持证执法人员承办",
            "description": "以 muer-officer 登录。演示线索由王建国、李晓梅承办（须两名以上持证"
                           "人员，行政处罚法第四十二条），负责人张志强批准立案。",
            "parameters": {"case_id": LEAD_CASE},
            "value": {"officer_ids": [OFFICER_1, OFFICER_2], "approver_id": APPROVER,
                      "filed_on": "2026-11-21"},
        },
    },
    "decide_case": {
        "fine": {
            "summary": "作出处罚决定：罚款人民币贰仟元",
            "description": "以 muer-officer 登录。演示案件已于2026年11月20日送达事先告知书，"
                           "陈述申辩期已过（行政处罚法第四十四条、第六十二条）。金额以元为单位、"
                           "最多两位小数的字符串；可带 GET 案件返回的 ETag 作 If-Match。",
            "parameters": {"case_id": NOTIFIED_CASE},
            "value": {
                "decided_on": "2026-12-01",
                "penalties": [{"kind": "fine", "amount": "2000.00"}],
                "document_number": "渝北木综执罚决字〔2026〕第021号",
            },
        },
    },
    **{name: {key: {"summary": summary, "description": description, "value": value,
                    **({"parameters": params[0]} if params else {})}}
       for name, key, summary, description, value, *params in [
        ("create_inspection_item", "road_occupation", "登记并公布检查事项：占道经营检查",
         "以 muer-admin 登录（木耳镇综合行政执法大队）。",
         {"code": "JC-UM-09", "name": "夜间占道经营检查", "agency_id": TEAM_ID,
          "legal_basis": "《城市市容和环境卫生管理条例》第十四条", "target_kind": "enterprise",
          "domain": "urban_management", "types_allowed": ["routine", "case"],
          "methods_allowed": ["onsite", "document"], "double_random": "general",
          "ratio_by_risk": {"A": 0.05, "B": 0.1, "C": 0.3, "D": 1.0}, "annual_cap": 2,
          "checklist": [{"code": "1", "text": "是否占用人行道经营"}], "publish": True}),
        ("create_inspection_item_version", "rename", "检查事项新版本（原检查保留旧版本）",
         "以 muer-admin 登录；item_id 为演示事项 JC-UM-01 的现行版本。",
         {"name": "占道经营、店外经营及门前三包检查"}, {"item_id": ITEM_ID}),
        ("create_inspection_target", "restaurant", "登记检查对象：餐馆",
         "以 muer-officer 登录。",
         {"kind": "enterprise", "uscc": "91500112MA5U7KQ208",
          "name": "重庆市渝北区木耳镇好再来餐馆",
          "address": "重庆市渝北区木耳镇金鹤路18号", "industry": "餐饮", "grid": "第二网格",
          "credit_risk_class": "C", "licences": ["食品经营许可证"]}),
        ("create_inspection", "routine", "登记日常检查（两名持证执法人员）",
         "以 muer-officer 登录：演示事项 JC-UM-01、演示检查对象“木耳镇汽修厂32号”，执法人员王建国、"
         "李晓梅。",
         {"type": "routine", "item_ids": [ITEM_ID], "target_id": TARGET_ID,
          "method": "onsite", "officer_ids": [OFFICER_1, OFFICER_2], "assistants": 1,
          "planned_on": "2026-11-25"}),
        ("create_inspection_record", "onsite", "制作现场检查笔录",
         "以 muer-officer 登录；演示检查（实施中）的两名执法人员王建国、张志强（双随机抽取）。",
         {"kind": "onsite", "officer_ids": [OFFICER_1, APPROVER],
          "started_at": "2026-11-25T01:00:00Z", "ended_at": "2026-11-25T01:30:00Z",
          "place": "金鹤路18号门前", "content": "现场发现门前人行道摆放桌椅6张，占道约12平方米。"},
         {"inspection_id": INSPECTION_ONSITE}),
        ("create_inspection_lead", "to_case", "检查发现违法：转为案件线索（证据一并移交）",
         "以 muer-officer 登录；演示检查（已结束，责令改正）转为“UM-0101 擅自占用城市道路”线索。",
         {"matter_id": MATTER_ID, "facts": "检查发现当事人门前人行道占道经营，经劝阻拒不改正。"},
         {"inspection_id": INSPECTION_CLOSED}),
        ("create_inspection_evaluation", "complaint", "企业扫码评价：反映要求法定代表人到场",
         "无需令牌；code 为检查码。breaches 为“五个严禁、八个不得”清单的序号。",
         {"rating": 2, "is_complaint": True, "breaches": [6],
          "comment": "检查人员要求法定代表人必须到场"}),
    ]},
}

LICENCE_MATTER_ID = demo_id("licence-matter/XK-0101")
AGENCY_ID = demo_id("agency/muer")  # 木耳镇人民政府
EXAMPLES.update({
    "create_licence_matter": {"rural_building": {
        "summary": "木耳镇：乡村建设规划许可（赋权，公示）",
        "description": "以 muer-licensing 登录（木耳镇人民政府）。",
        "value": {"code": "XK-0109", "name": "乡村建设规划许可（集体经营性建设）",
                  "agency_id": AGENCY_ID,
                  "issuing_authority": "重庆市渝北区木耳镇人民政府",
                  "delegation_kind": "empowered", "delegation_ref": "赋权乡镇事项清单",
                  "legal_basis": ["《中华人民共和国城乡规划法》第四十一条"],
                  "materials": [{"name": "申请报告", "form": "original"},
                                {"name": "村民委员会书面意见", "form": "original"}],
                  "public_notice_steps": [{"name": "村内张榜公告", "days": 7,
                                           "unit": "calendar"}],
                  "certificate": {"name": "乡村建设规划许可证", "prefix": "乡字第",
                                  "number_pattern": "{prefix}500112{year}{seq:05d}号",
                                  "validity_years": 1},
                  "publish": True}}},
    "create_licence_application": {"villager": {
        "summary": "村民申请乡村建设规划许可",
        "description": "以 muer-licensing 登录；matter_id 为演示辖区已公示的“XK-0101 乡村建设规划"
                       "许可”。",
        "value": {"matter_id": LICENCE_MATTER_ID, "received_on": "2026-11-20",
                  "request": "在宅基地上新建农房一栋，二层",
                  "applicant": {"kind": "person", "name": "周大勇",
                                "id_number": "500112197203150019"}}}},
    "apply_licence_renewal": {"renewal": {
        "summary": "有效期届满三十日前申请延续（行政许可法第五十条）",
        "value": {"applied_on": "2026-11-20"}}},
})
