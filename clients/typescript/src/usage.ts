// A small typed use of the generated types, compiled by `npm run check` (tsc --noEmit) in CI:
// if the API changes shape, or the types lose their precision, this file stops compiling.
import type { components, operations, paths } from "./gateway";

type Schemas = components["schemas"];
export type CaseCreate = Schemas["cases__CaseCreate"];
export type CaseRead = Schemas["cases__CaseRead"];
export type ComplaintCreate = Schemas["review__ComplaintCreate"];

/** The JSON body an operation takes. */
export type JsonBody<Op> = Op extends {
  requestBody?: { content: { "application/json": infer B } };
} ? B : never;
/** The JSON body an operation answers with on success (200 or 201). */
export type JsonOk<Op> = Op extends {
  responses: { 201: { content: { "application/json": infer R } } };
} ? R : Op extends {
  responses: { 200: { content: { "application/json": infer R } } };
} ? R : never;
/** RFC 9457 problem body; `type` resolves at the gateway's /problems/<slug>. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];

/** POST a JSON body with a bearer token; rejects with the problem body on 4xx/5xx. */
export async function post<P extends PostPath>(
  base: string, path: P, body: JsonBody<paths[P]["post"]>, token?: string,
  init: { idempotencyKey?: string; ifMatch?: string } = {},
): Promise<JsonOk<paths[P]["post"]>> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers["Authorization"] = `Bearer ${token}`;
  if (init.idempotencyKey) headers["Idempotency-Key"] = init.idempotencyKey;
  if (init.ifMatch) headers["If-Match"] = init.ifMatch;
  const resp = await fetch(base + path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!resp.ok) throw (await resp.json()) as Problem;
  return (await resp.json()) as JsonOk<paths[P]["post"]>;
}

// 线索登记: the request and response types come from the spec.
const lead: JsonBody<operations["cases_create_case"]> = {
  matter_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  party: { kind: "organization", name: "重庆市渝北区木耳镇好再来餐馆", uscc: "91500112MA5U7KQ208" },
  source: "inspection",
  act_date: "2026-11-20",
  discovered_on: "2026-11-20",
  facts: "商户在人行道摆放桌椅占道经营。",
};

export async function registerLead(base: string, token: string): Promise<string> {
  const created: CaseRead = await post(base, "/api/v1/cases/cases", lead, token,
                                       { idempotencyKey: "lead-2026-11-20-001" });
  return created.id;
}

export async function reportViolation(base: string): Promise<string> {
  const receipt = await post(base, "/api/v1/review/complaints", {
    category: "violation_report",
    content: "金鹤路18号餐馆每天傍晚占道经营。",
    region_code: "500112117",
  });
  return receipt.tracking_code;
}

// The types are strict: each line below must be a compile error.
// @ts-expect-error — "robot" is not a party kind
export const badParty: CaseCreate["party"] = { kind: "robot", name: "某" };
// @ts-expect-error — facts is required
export const missingFacts: CaseCreate = { ...lead, facts: undefined };
// @ts-expect-error — complaints have no field `urgent`
export const extraField: ComplaintCreate = { category: "violation_report", content: "占道经营。", urgent: true };
