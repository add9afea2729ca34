"""Chinese request examples for the main review operations (投诉举报), shown by Swagger UI's
"Try it out" and ReDoc; keyed by handler name, see kit.docs."""

EXAMPLES = {
    "submit_complaint": {
        "citizen_report": {
            "summary": "群众举报：餐馆占道经营（公开接口，无需令牌）",
            "description": "region_code 500112117 为演示辖区木耳镇；返回的 tracking_code 可在 "
                           "GET /api/v1/review/complaints/{tracking_code}/status 查询办理进度。",
            "value": {
                "category": "violation_report",
                "content": "木耳镇金鹤路18号好再来餐馆每天傍晚在人行道摆桌椅经营，"
                           "行人只能走机动车道，存在安全隐患，请执法部门处理。",
                "contact_name": "刘女士",
                "contact_phone": "13800138000",
                "location": "重庆市渝北区木耳镇金鹤路18号",
                "region_code": "500112117",
                "channel": "platform",
            },
        },
        "conduct_complaint": {
            "summary": "投诉执法行为：执法人员未出示证件",
            "value": {
                "category": "enforcement_conduct",
                "content": ("2026年11月25日洛碛镇执法人员检查我店时未出示执法证件，"
                            "也未告知检查依据。"),
                "contact_name": "陈先生",
                "contact_phone": "13900139000",
                "location": "重庆市渝北区洛碛镇上坝街",
                "region_code": "500112118",
            },
        },
    },
}
