"""The personnel figures (docs/statistics.md, "Personnel") the statistics endpoints answer: each
figure's key, label, unit and counting rule (`rule`), counted over the records of repository.py.

Officers are 执法人员 only: 执法辅助人员 (`is_auxiliary`) never count. "Year end" is the period's
last day (`date_to`): an officer counts there when joined on or before it and not left by it.
Seed 002 (洛碛镇 2024): 11 at year end, 3 added, 9 removed. Training: 长寿 实施意见 ≥60 学时/人/年
[S] (`PERSONNEL_TRAINING_HOURS_REQUIRED`); 覆盖率 = trained / officers, 通过率 = passed / taken
(seed 001), each with its numerator and denominator as figures of their own."""

from __future__ import annotations

from functools import lru_cache

from common.statistics import Derived, Measure, Registry, rate
from services.personnel.statistics import repository as repo


@lru_cache(maxsize=8)
def figures(required_hours: int) -> Registry:
    """The figures for the configured yearly training hours (`PERSONNEL_TRAINING_HOURS_REQUIRED`:
    the rule of `training.met_required_hours`), made once per value."""
    return Registry().add(
        Measure(
            "officers.year_end",
            "执法人员（期末）",
            "名",
            "统计期末在岗的执法人员：入职不晚于期末且期末前未清退（执法辅助人员不计）",
            repo.OFFICERS,
            repo.at_end,
        ),
        Measure(
            "officers.added",
            "新增执法人员",
            "名",
            "入职日期在统计期间内的执法人员",
            repo.OFFICERS,
            repo.joined,
        ),
        Measure(
            "officers.removed",
            "清退执法人员",
            "名",
            "离岗（调离、退休、辞职、辞退）日期在统计期间内的执法人员",
            repo.OFFICERS,
            repo.left,
        ),
        Measure(
            "officers.certified",
            "持证执法人员（期末）",
            "名",
            "期末在岗且持有期末有效（已颁发、未过期、未注销）行政执法证的执法人员（表五 持证人数）",
            repo.OFFICERS,
            repo.certified,
        ),
        Derived(
            "officers.certified_rate",
            "持证率",
            "%",
            "持证执法人员 ÷ 期末执法人员（表五）",
            lambda v: rate(v["officers.certified"], v["officers.year_end"]),
            "officers.certified",
        ),
        Measure(
            "certificates.issued",
            "新领执法证",
            "张",
            "颁发日期在统计期间内的行政执法证",
            repo.CERTIFICATES,
            repo.certificate_issued,
        ),
        Measure(
            "certificates.revoked",
            "注销执法证",
            "张",
            "注销日期在统计期间内的行政执法证",
            repo.CERTIFICATES,
            repo.certificate_revoked,
        ),
        Measure(
            "training.trained",
            "参训人数",
            "名",
            "期末执法人员中统计期间内参加过至少一次培训的人数",
            repo.OFFICERS,
            repo.trained,
        ),
        Derived(
            "training.coverage_rate",
            "培训覆盖率",
            "%",
            "参训人数 ÷ 期末执法人员",
            lambda v: rate(v["training.trained"], v["officers.year_end"]),
            "training.trained",
        ),
        Measure(
            "training.hours_total",
            "培训学时合计",
            "学时",
            "统计期间内完成的培训学时之和",
            repo.TRAININGS,
            total=repo.TRAINING_HOURS_TENTHS,
            divide=10,
            digits=1,
        ),
        Measure(
            "training.met_required_hours",
            "达到年度学时要求人数",
            "名",
            f"期末执法人员中统计期间内培训学时不少于 {required_hours} 学时的人数"
            "（长寿区实施意见：每人每年不少于 60 学时 [S]，可配置）",
            repo.OFFICERS,
            lambda per: repo.hours_met(per, required_hours),
        ),
        Derived(
            "training.below_required_hours",
            "未达学时要求人数",
            "名",
            "期末执法人员 − 达到年度学时要求人数",
            lambda v: v["officers.year_end"] - v["training.met_required_hours"],
        ),
        Measure(
            "exams.taken",
            "参考人数",
            "名",
            "统计期间内参加执法资格考试的执法人员",
            repo.OFFICERS,
            repo.examined,
        ),
        Measure(
            "exams.passed",
            "考试通过人数",
            "名",
            "其中至少一次考试合格的人数",
            repo.OFFICERS,
            repo.passed_exam,
        ),
        Derived(
            "exams.pass_rate",
            "考试通过率",
            "%",
            "考试通过人数 ÷ 参考人数",
            lambda v: rate(v["exams.passed"], v["exams.taken"]),
            "exams.passed",
        ),
        Measure(
            "devices.body_cameras",
            "执法记录仪",
            "台",
            "登记在册（在库或已配发）的执法记录仪",
            repo.DEVICES,
            repo.body_camera,
        ),
        Measure(
            "devices.other",
            "其他执法装备",
            "台",
            "登记在册（在库或已配发）的其他执法装备",
            repo.DEVICES,
            repo.other_device,
        ),
    )
