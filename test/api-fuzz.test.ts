import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser } from "./support/auth.ts";
import { storeBackends } from "./support/stores.ts";

/**
 * OpenAPI-driven fuzzing: every documented operation receives random and half-valid input, signed
 * out and signed in. Whatever arrives, Harbor must answer with a 4xx or 2xx JSON body of the house
 * shape: never a 5xx, a stack trace, or an unhandled rejection.
 */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  anyOf?: JsonSchema[];
};

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 40);
const SKIP = new Set(["/healthz", "/readyz"]);

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "\u0000",
    "x".repeat(5000),
    "2026-02-30",
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** A value shaped like the schema most of the time, and anything at all otherwise. */
function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return nasty;
  const options: fc.Arbitrary<unknown>[] = [nasty];
  if (schema.enum) options.push(fc.constantFrom(...schema.enum));
  if (schema.anyOf) options.push(...schema.anyOf.map((s) => valueFor(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "string" && schema.format === "date")
    options.push(fc.constantFrom("2010-05-01", "1990-12-31", "2030-01-01"));
  if (type === "string" && schema.format === "date-time")
    options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  if (type === "string" && schema.format === "email") options.push(fc.emailAddress());
  if (type === "string") options.push(fc.string({ maxLength: 30 }));
  if (type === "integer" || type === "number") options.push(fc.integer({ min: -5, max: 200 }));
  if (type === "array") options.push(fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }));
  if (type === "object" || schema.properties) options.push(objectFor(schema, depth + 1));
  return fc.oneof(...options);
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const record = Object.fromEntries(props.map(([k, s]) => [k, valueFor(s, depth)]));
  return fc.record(record, { requiredKeys: [] });
}

interface Operation {
  method: string;
  path: string;
  body?: JsonSchema;
  query?: { name: string; schema: JsonSchema }[];
}

/** Text no field may hold: NUL and other control characters, lone surrogates (not Unicode at all). */
const UNSAFE_TEXT = ["\u0000", "a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u0085", "\ud800", "z\udfff"];

/** Every place in a body schema a string can go, as property paths (an array's first item stands for all). */
function textFieldsOf(schema: JsonSchema | undefined, path: string[] = [], depth = 0): string[][] {
  if (!schema || depth > 4) return [];
  const nested = [
    ...Object.entries(schema.properties ?? {}).flatMap(([k, s]) => textFieldsOf(s, [...path, k], depth + 1)),
    ...(schema.items ? textFieldsOf(schema.items, [...path, "0"], depth + 1) : []),
    ...(schema.anyOf ?? []).flatMap((s) => textFieldsOf(s, path, depth + 1)),
  ];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const own = path.length && (types.includes("string") || schema.enum) ? [path] : [];
  return [...own, ...nested].filter((p, i, all) => all.findIndex((q) => q.join(".") === p.join(".")) === i);
}

/** `{ a: { b: [value] } }` for the path a.b.0. */
function bodyWith(path: string[], value: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  return head === "0" ? [bodyWith(rest, value)] : { [head]: bodyWith(rest, value) };
}

interface SpecOperation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

function operationsOf(spec: { paths: Record<string, Record<string, SpecOperation>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    if (SKIP.has(path)) continue;
    for (const [method, op] of Object.entries(methods)) {
      const query = (op.parameters ?? [])
        .filter((p) => p.in === "query")
        .map((p) => ({ name: p.name, schema: p.schema }));
      ops.push({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.["application/json"]?.schema,
        query,
      });
    }
  }
  return ops;
}

const backend = storeBackends()[0]!;
const WRITTEN = [
  "audit_events",
  "cases",
  "persons",
  "consents",
  "case_shares",
  "users",
  "orgs",
  "api_tokens",
];
/** How many rows each table that a request could write to holds. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of WRITTEN) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
      harbor.store.db,
    );
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}
// Sign-in is rate-limited per address: each request of the deterministic passes comes from its own.
let addresses = 0;
const nextAddress = () => `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
const specOperations = async () => operationsOf((await harbor.app.inject({ url: "/openapi.json" })).json());
let harbor: TestApp;
let credentials: Record<string, string>[] = [];

before(async () => {
  harbor = await startTestApp(backend);
  const admin = await createOrgWithUser(harbor.store, {
    orgId: "fuzz-pd",
    orgType: "law_enforcement",
    roles: ["admin", "intake", "investigator"],
  });
  const advocate = await createOrgWithUser(harbor.store, {
    orgId: "fuzz-ngo",
    orgType: "service_provider",
    roles: ["advocate", "auditor"],
  });
  credentials = [{}, admin.headers, advocate.headers, advocate.sessionHeaders];
});
after(() => harbor.close());

test(`[${backend.name}] fuzzing every documented operation: no 5xx, no stack trace, always the error shape`, async () => {
  const spec = (await harbor.app.inject({ url: "/openapi.json" })).json();
  const operations = operationsOf(spec);
  assert.ok(operations.length > 5, "the API documents its operations");
  let requests = 0;
  for (const op of operations) {
    const arbitrary = fc.record({
      pathValues: fc.array(
        fc.oneof(
          fc.uuid(),
          fc.string({ minLength: 1, maxLength: 20 }),
          fc.constantFrom("fuzz-pd", "hhs", "..", "%2e"),
        ),
        { minLength: 4, maxLength: 4 },
      ),
      body: op.body ? valueFor(op.body) : fc.constant(undefined),
      query: fc.record(Object.fromEntries((op.query ?? []).map((q) => [q.name, valueFor(q.schema)])), {
        requiredKeys: [],
      }),
      who: fc.nat({ max: credentials.length - 1 }),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ pathValues, body, query, who }) => {
        let i = 0;
        const url = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(pathValues[i++ % 4])));
        const search = new URLSearchParams(
          Object.entries(query).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
        ).toString();
        const res = await harbor.app.inject({
          method: op.method as "GET",
          url: search ? `${url}?${search}` : url,
          headers: credentials[who],
          ...(op.method === "GET" || body === undefined ? {} : { payload: body as object }),
        });
        requests++;
        assert.ok(
          res.statusCode < 500,
          `${op.method} ${op.path} answered ${res.statusCode}: ${res.body.slice(0, 300)}`,
        );
        assert.doesNotMatch(
          res.body,
          /\n\s+at |node_modules|\.ts:\d+/,
          `${op.method} ${op.path} leaked a stack trace`,
        );
        if (res.statusCode >= 400) {
          const error = res.json().error;
          assert.equal(
            typeof error?.code,
            "string",
            `${op.method} ${op.path} error body: ${res.body.slice(0, 200)}`,
          );
        }
      }),
      { numRuns: RUNS_PER_OPERATION, seed: 20261129 },
    );
  }
  assert.ok(requests >= operations.length * RUNS_PER_OPERATION);
});

test(`[${backend.name}] null bytes, control characters and lone surrogates in any text field are a 400 naming the field`, async () => {
  const operations = await specOperations();
  const rowsBefore = await rowCounts();
  let checked = 0;
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const fields = [
      ...params.map((name) => ({ part: "params", path: [name] })),
      ...(op.query ?? []).map((q) => ({ part: "querystring", path: [q.name] })),
      ...textFieldsOf(op.body).map((path) => ({ part: "body", path })),
    ];
    for (const { part, path } of fields) {
      // A URL cannot carry a lone surrogate (it is sent as U+FFFD): those go in JSON bodies only.
      for (const bad of UNSAFE_TEXT.filter((v) => part === "body" || !/\p{Cs}/u.test(v))) {
        const value = (field: string) => (part === "params" && field === path[0] ? bad : "fuzz-pd");
        const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value(name)));
        const res = await harbor.app.inject({
          method: op.method as "GET",
          url: part === "querystring" ? `${url}?${new URLSearchParams({ [path[0]!]: bad })}` : url,
          headers: credentials[1],
          remoteAddress: nextAddress(),
          ...(part === "body" ? { payload: bodyWith(path, bad) as object } : {}),
        });
        const where = `${op.method} ${op.path} ${part}.${path.join(".")} = ${JSON.stringify(bad)}`;
        assert.equal(res.statusCode, 400, `${where}: ${res.body.slice(0, 200)}`);
        assert.equal(res.json().error.code, "invalid_request", where);
        assert.ok(
          res.json().error.message.startsWith(`${part}.${path.join(".")}: `),
          `${where}: ${res.body}`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `checked ${checked} fields × values`);
  assert.deepEqual(await rowCounts(), rowsBefore, "nothing was written");
});

test(`[${backend.name}] a body that is not UTF-8 is a 400 on every operation that takes one, and changes nothing`, async () => {
  const operations = (await specOperations()).filter((op) => op.body);
  assert.ok(operations.length > 3);
  const rowsBefore = await rowCounts();
  for (const op of operations) {
    const url = op.path.replace(/\{[^}]+\}/g, "fuzz-pd");
    // {"x":"<0xC3 0x28>"}: an invalid two-byte sequence
    const payload = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await harbor.app.inject({
      method: op.method as "POST",
      url,
      headers: { ...credentials[1], "content-type": "application/json" },
      remoteAddress: nextAddress(),
      payload,
    });
    assert.equal(res.statusCode, 400, `${op.method} ${op.path}: ${res.body.slice(0, 200)}`);
    assert.equal(res.json().error.code, "invalid_json");
  }
  assert.deepEqual(await rowCounts(), rowsBefore, "nothing was written");
});
