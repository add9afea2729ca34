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
}
