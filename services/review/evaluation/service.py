"""案卷评查 rules (all local practice [S]).

- Rubrics are data, versioned by `code`: posting a rubric with an existing code makes the next
  version; batches point at one exact version.
- The draw (auditable, re-runnable): for each agency, take the ids of its closed cases as returned
  by cases, as strings, de-duplicated and sorted ascending; k = sample_size, or
  ceil(ratio × population); k is capped at the population; the sample is
  `random.Random(f"{seed}:{agency_id}").sample(population, k)` (CPython's string seeding,
  SHA-512 based, stable across versions since 3.2), kept in draw order. The seed is generated
  (16 hex digits) when not given and is always stored.
- Scoring: each scored item loses at most its own maximum (no negative items, total ≥ 0); any
  veto item makes the file 不合格 with score 0; otherwise the grade is the first band (highest
  `min_score` first) the score reaches, else 不合格.
- Ranking: agencies by average score of scored files (desc), then fewer vetoed files, then id.
"""

import math
import random
import secrets
import uuid
from collections import Counter
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import AgencyRegionLookup, check_agency_region
from kit.db import utcnow
from services.review.clients import CasesClient
from services.review.context import Ctx
from services.review.evaluation import errors
from services.review.evaluation.models import EvaluationBatch, EvaluationFile, EvaluationRubric
from services.review.evaluation.repository import EvaluationRepository
from services.review.evaluation.schemas import (
    FAIL_GRADE,
    AgencyRank,
    BatchCreate,
    RubricCreate,
    ScoreRequest,
)

DRAW_ALGORITHM = ("population = sorted(set(closed case ids of the agency, as strings)); "
                  "k = min(sample_size or ceil(sample_ratio*len(population)), len(population)); "
                  "sample = random.Random(f'{seed}:{agency_id}').sample(population, k)")


def draw(seed: str, agency_id: str, case_ids: list[str], size: int | None,
         ratio: float | None) -> list[str]:
    population = sorted(set(case_ids))
    k = size if size is not None else math.ceil((ratio or 0) * len(population))
    return random.Random(f"{seed}:{agency_id}").sample(population, min(k, len(population)))


async def create_rubric(ctx: Ctx, body: RubricCreate) -> EvaluationRubric:
    session = ctx.session
    rubric = EvaluationRubric(
        code=body.code, version=await EvaluationRepository(session).next_rubric_version(
            body.code), name=body.name,
        veto_items=[i.model_dump() for i in body.veto_items],
        scored_items=[i.model_dump() for i in body.scored_items],
        grade_bands=sorted((b.model_dump() for b in body.grade_bands),
                           key=lambda b: -b["min_score"]),
        created_by=ctx.principal.subject)
    session.add(rubric)
    await session.flush()
    return rubric


async def create_batch(ctx: Ctx, body: BatchCreate,
                       regions: AgencyRegionLookup) -> EvaluationBatch:
    """Samples only agencies whose REAL region (personnel) lies in the supervisor's region:
    another region's dossiers are never copied. Closed cases and dossiers come from cases
    (`evaluation_case_page_size` a page)."""
    session, principal = ctx.session, ctx.principal
    cases, page_size = CasesClient(ctx.up), ctx.settings.evaluation_case_page_size
    repo = EvaluationRepository(session)
    for agency_id in dict.fromkeys(body.agency_ids):
        await check_agency_region(principal, agency_id, regions)
    if await repo.rubric(body.rubric_id) is None:
        raise errors.RubricNotFound(f"评查标准 {body.rubric_id} 不存在")
    seed = body.seed or secrets.token_hex(8)
    agency_ids = list(dict.fromkeys(str(a) for a in body.agency_ids))
    batch = EvaluationBatch(
        name=body.name, rubric_id=body.rubric_id, region_code=principal.region_code or "",
        agency_ids=agency_ids, sample_size=body.sample_size, sample_ratio=body.sample_ratio,
        seed=seed, population={}, created_by=principal.subject)
    session.add(batch)
    await session.flush()
    population: dict[str, int] = {}
    for agency_id in agency_ids:
        refs = {r.id: r for r in await cases.closed_case_ids(agency_id, page_size)}
        population[agency_id] = len(refs)
        for index, case_id in enumerate(draw(seed, agency_id, list(refs), body.sample_size,
                                             body.sample_ratio)):
            dossier = await cases.dossier(case_id)
            session.add(EvaluationFile(
                batch_id=batch.id, agency_id=uuid.UUID(agency_id), case_id=uuid.UUID(case_id),
                draw_index=index, case_number=refs[case_id].case_number, dossier=dossier,
                status="pending", vetoes=[], deductions=[], problems=[]))
    batch.population = population
    await session.flush()
    return batch


def grade_file(rubric: EvaluationRubric, body: ScoreRequest) -> tuple[float, str, list[str]]:
    """(score, grade, problems) of one file under `rubric`."""
    vetoes = {v["code"]: v["label"] for v in rubric.veto_items}
    items = {i["code"]: i for i in rubric.scored_items}
    unknown = [c for c in body.vetoes if c not in vetoes]
    unknown += [d.item_code for d in body.deductions if d.item_code not in items]
    if unknown:
        raise errors.ScoreInvalid("评分引用了评查标准中没有的项目", unknown=unknown)
    lost: Counter[str] = Counter()
    for d in body.deductions:
        lost[d.item_code] += d.points
    score = sum(i["max_points"] - min(i["max_points"], lost[c]) for c, i in items.items())
    problems = [f"否决项：{vetoes[c]}" for c in dict.fromkeys(body.vetoes)]
    problems += [f"{items[d.item_code]['stage']}·{items[d.item_code]['label']}"
                 f"（扣{d.points:g}分）" + (f"：{d.note}" if d.note else "")
                 for d in body.deductions]
    if body.vetoes:
        return 0.0, FAIL_GRADE, problems
    score = round(max(score, 0.0), 2)
    grade = next((b["grade"] for b in rubric.grade_bands if score >= b["min_score"]), FAIL_GRADE)
    return score, grade, problems


async def score_file(ctx: Ctx, batch_id: uuid.UUID, file_id: uuid.UUID,
                     body: ScoreRequest) -> EvaluationFile:
    session = ctx.session
    repo = EvaluationRepository(session)
    batch = await load_batch(ctx, batch_id)
    file = await repo.file(batch.id, file_id)
    if file is None:
        raise errors.EvaluationFileNotFound(f"评查案卷 {file_id} 不存在")
    rubric = await repo.rubric(batch.rubric_id)
    assert rubric is not None  # FK
    file.score, file.grade, file.problems = grade_file(rubric, body)
    file.vetoes = list(dict.fromkeys(body.vetoes))
    file.deductions = [d.model_dump() for d in body.deductions]
    file.status, file.evaluator, file.scored_at = "scored", ctx.principal.subject, utcnow()
    await session.flush()
    return file


async def load_batch(ctx: Ctx, batch_id: uuid.UUID) -> EvaluationBatch:
    """Supervisors: batches of their region; an agency admin: (read-only, ranking and 通报)
    batches that evaluated their agency."""
    principal = ctx.principal
    batch = await EvaluationRepository(ctx.session).batch(principal, batch_id)
    if batch is not None and not principal.has("sysadmin", "supervisor") and (
            principal.agency_id not in batch.agency_ids):
        batch = None
    if batch is None:
        raise errors.BatchNotFound(f"评查批次 {batch_id} 不存在")
    return batch


def rank(batch: EvaluationBatch, files: list[EvaluationFile]) -> list[AgencyRank]:
    by_agency: dict[str, list[EvaluationFile]] = {a: [] for a in batch.agency_ids}
    for f in files:
        by_agency.setdefault(str(f.agency_id), []).append(f)
    rows: list[dict[str, Any]] = []
    for agency, group in by_agency.items():
        scored = [f for f in group if f.status == "scored"]
        avg = round(sum(f.score or 0 for f in scored) / len(scored), 2) if scored else None
        problems = Counter(p for f in scored for p in f.problems)
        rows.append({"agency_id": agency, "files": len(group), "scored": len(scored),
                     "average_score": avg, "vetoed": sum(1 for f in scored if f.vetoes),
                     "grades": dict(Counter(f.grade for f in scored if f.grade)),
                     "problems": [f"{p}（{n}卷）" if n > 1 else p
                                  for p, n in problems.most_common()]})
    rows.sort(key=lambda r: (r["average_score"] is None, -(r["average_score"] or 0),
                             r["vetoed"], r["agency_id"]))
    return [AgencyRank(rank=i, **r) for i, r in enumerate(rows, start=1)]


def bulletin_text(batch: EvaluationBatch, ranks: list[AgencyRank]) -> str:
    total = sum(r.files for r in ranks)
    lines = [f"关于{batch.name}情况的通报", "",
             f"本次共抽查{len(ranks)}个单位行政执法案卷{total}卷（抽样种子 {batch.seed}）。"
             "评查结果及排名如下："]
    for r in ranks:
        avg = "未评" if r.average_score is None else f"平均{r.average_score:g}分"
        grades = "、".join(f"{g}{n}卷" for g, n in r.grades.items()) or "无"
        lines.append(f"{r.rank}. 单位 {r.agency_id}：评查{r.scored}/{r.files}卷，{avg}，{grades}。")
        if r.problems:
            lines.append("   存在问题：" + "；".join(r.problems) + "。")
    lines.append("请各单位对照问题认真整改。")
    return "\n".join(lines)


async def batch_files(session: AsyncSession, batch: EvaluationBatch) -> list[EvaluationFile]:
    """The case files drawn into `batch`."""
    return list(await EvaluationRepository(session).files(batch.id))
