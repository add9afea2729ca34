"""Chinese request examples for the main case operations (线索登记、立案、处罚决定), shown by
Swagger UI's "Try it out" and ReDoc; keyed by handler name, see kit.docs.

Ids in the demo district are made when `zhifa demo load` runs, so the examples carry
placeholder UUIDs: each description names the GET that returns the real one."""

MATTER_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
OFFICER_1 = "6b1f0c52-8a0e-4d5e-9a53-0f7a1c2b3d41"
OFFICER_2 = "6b1f0c52-8a0e-4d5e-9a53-0f7a1c2b3d42"
APPROVER = "6b1f0c52-8a0e-4d5e-9a53-0f7a1c2b3d43"

EXAMPLES = {
    "create_case": {
        "road_occupation": {
            "summary": "木耳镇：商户占道经营（线索登记）",
            "description": "以 muer-officer 登录。matter_id 换成 GET /api/v1/cases/matters 中"
                           "木耳镇综合行政执法大队“UM-0101 擅自占用城市道路”的 id。",
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
            "description": "matter_id 换成 GET /api/v1/cases/matters 中“PL-0201 未取得乡村建设"
                           "规划许可证进行建设”的 id。",
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
            "description": "officer_ids 换成 GET /api/v1/personnel/officers 中木耳镇综合行政执法"
                           "大队王建国、李晓梅的 id（须两名以上持证人员，行政处罚法第四十二条）；"
                           "approver_id 为批准立案的负责人。",
            "value": {"officer_ids": [OFFICER_1, OFFICER_2], "approver_id": APPROVER,
                      "filed_on": "2026-11-21"},
        },
    },
    "decide_case": {
        "fine": {
            "summary": "作出处罚决定：罚款人民币贰仟元",
            "description": "金额以元为单位、最多两位小数的字符串。带上 GET 案件返回的 ETag 作"
                           "If-Match；决定前须已完成事先告知和陈述申辩（行政处罚法第四十四条、"
                           "第六十二条）。",
            "value": {
                "decided_on": "2026-12-01",
                "penalties": [{"kind": "fine", "amount": "2000.00"}],
                "document_number": "渝北木综执罚决字〔2026〕第021号",
            },
        },
    },
    **{name: {key: {"summary": summary, "description": description, "value": value}}
       for name, key, summary, description, value in [
        ("create_inspection_item", "road_occupation", "登记并公布检查事项：占道经营检查",
         "以 muer-admin 登录；agency_id 换成木耳镇综合行政执法大队的 id。",
         {"code": "JC-UM-01", "name": "占道经营、店外经营检查", "agency_id": MATTER_ID,
          "legal_basis": "《城市市容和环境卫生管理条例》第十四条", "target_kind": "enterprise",
          "domain": "urban_management", "types_allowed": ["routine", "case"],
          "methods_allowed": ["onsite", "document"], "double_random": "general",
          "ratio_by_risk": {"A": 0.05, "B": 0.1, "C": 0.3, "D": 1.0}, "annual_cap": 2,
          "checklist": [{"code": "1", "text": "是否占用人行道经营"}], "publish": True}),
        ("create_inspection_item_version", "rename", "检查事项新版本（原检查保留旧版本）",
         "item_id 为现行版本的 id。", {"name": "占道经营、店外经营及门前三包检查"}),
        ("create_inspection_target", "restaurant", "登记检查对象：餐馆",
         "以 muer-officer 登录。",
         {"kind": "enterprise", "uscc": "91500112MA5U7KQ208",
          "name": "重庆市渝北区木耳镇好再来餐馆",
          "address": "重庆市渝北区木耳镇金鹤路18号", "industry": "餐饮", "grid": "第二网格",
          "credit_risk_class": "C", "licences": ["食品经营许可证"]}),
        ("create_inspection", "routine", "登记日常检查（两名持证执法人员）",
         "item_ids 换成 GET /api/v1/cases/inspection-items?published=true 的 id，target_id 换成"
         "检查对象的 id，officer_ids 换成王建国、李晓梅的 id。",
         {"type": "routine", "item_ids": [MATTER_ID], "target_id": MATTER_ID,
          "method": "onsite", "officer_ids": [OFFICER_1, OFFICER_2], "assistants": 1,
          "planned_on": "2026-11-25"}),
        ("create_inspection_record", "onsite", "制作现场检查笔录",
         "officer_ids 为本次检查的两名执法人员。",
         {"kind": "onsite", "officer_ids": [OFFICER_1, OFFICER_2],
          "started_at": "2026-11-25T01:00:00Z", "ended_at": "2026-11-25T01:30:00Z",
          "place": "金鹤路18号门前", "content": "现场发现门前人行道摆放桌椅6张，占道约12平方米。"}),
        ("create_inspection_lead", "to_case", "检查发现违法：转为案件线索（证据一并移交）",
         "matter_id 换成“UM-0101 擅自占用城市道路”的 id。",
         {"matter_id": MATTER_ID, "facts": "检查发现当事人门前人行道占道经营，经劝阻拒不改正。"}),
        ("create_inspection_evaluation", "complaint", "企业扫码评价：反映要求法定代表人到场",
         "无需令牌；code 为检查码。breaches 为“五个严禁、八个不得”清单的序号。",
         {"rating": 2, "is_complaint": True, "breaches": [6],
          "comment": "检查人员要求法定代表人必须到场"}),
    ]},
}
