"""Chinese-district request examples for personnel: logging in with a demo account (the token
Swagger UI's "Authorize" also fetches); keyed by handler name, see kit.docs."""

EXAMPLES = {
    "issue_token": {
        "demo_officer": {
            "summary": "演示辖区：木耳镇执法人员王建国登录",
            "description": "`make run` 载入的演示账号，密码均为 zhifa-demo-2026；另有 muer-admin、"
                           "luoqi-officer、reviewer（法制审核）、supervisor（区司法局监督）。",
            "value": {"username": "muer-officer", "password": "zhifa-demo-2026",
                      "grant_type": "password"},
        },
    },
}
