import { randomBytes, randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { OrgType } from "../../src/modules/auth/auth.context.ts";
import { casesRepository } from "../../src/modules/cases/cases.repository.ts";
import { CASES_TABLE } from "../../src/modules/cases/cases.seal.ts";
import { consentsRepository } from "../../src/modules/consents/consents.repository.ts";
import { blindIndex } from "../../src/modules/crypto/blind-index.ts";
import { fieldCryptoOf, sealRecord } from "../../src/modules/crypto/crypto.service.ts";
import { PERSONS_TABLE, type SealedPersonField } from "../../src/modules/persons/persons.fields.ts";
import { personsRepository } from "../../src/modules/persons/persons.repository.ts";
import type { Store } from "../../src/store/store.ts";

/** A fixed test master key (base64 of 32 bytes), so record tests never touch a shared key file. */
export const TEST_MASTER_KEY = `test1:${Buffer.alloc(32, 7).toString("base64")}`;

/** Environment overrides for record tests. */
export const recordsEnv = () => ({ HARBOR_MASTER_KEY: TEST_MASTER_KEY });

/** A unique canary string: if it shows up anywhere it must not, the test knows exactly what leaked. */
export const canary = (label: string) => `CANARY${label}${randomBytes(5).toString("hex").toUpperCase()}`;

/** Calls the API and returns status and parsed JSON. */
export async function call(
  app: FastifyInstance,
  method: "GET" | "POST" | "DELETE" | "PATCH" | "PUT",
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field and assert each one
): Promise<{ status: number; body: any; raw: string }> {
  const res = await app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  let body: unknown;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, body, raw: res.body };
}

/** Test fixtures written below the API (the system path), so any state can be set up directly. */
export const seed = {
  async org(store: Store, id: string, type: OrgType) {
    await store.db
      .insertInto("orgs")
      .values({ id, name: `Org ${id}`, type, created_at: new Date() })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  },
  async case(store: Store, orgId: string, title = "Seeded case") {
    const id = randomUUID();
    await store.db.transaction().execute(async (trx) => {
      const { dataKeyId, sealed } = await sealRecord(
        trx,
        fieldCryptoOf(store),
        { table: CASES_TABLE, rowId: id, orgId },
        { title },
      );
      await casesRepository.insert(trx, {
        id,
        orgId,
        dataKeyId,
        titleEnc: sealed.title,
        narrativeEnc: null,
        createdBy: null,
      });
    });
    return id;
  },
  async share(
    store: Store,
    caseId: string,
    ownerOrgId: string,
    recipientOrgId: string,
    access: "read" | "write",
  ) {
    await casesRepository.upsertShare(store.db, {
      caseId,
      ownerOrgId,
      recipientOrgId,
      access,
      createdBy: null,
    });
  },
  /** A person whose every sealed field holds a unique canary value (returned). */
  async person(
    store: Store,
    p: {
      orgId: string;
      caseId: string;
      role: "victim" | "witness" | "suspect" | "other";
      protected1367: boolean;
      dateOfBirth?: string;
    },
  ) {
    const id = randomUUID();
    const crypto = fieldCryptoOf(store);
    const tag = id.slice(0, 8).toUpperCase();
    const values: Record<SealedPersonField, string> = {
      givenName: canary(`GN${tag}`),
      familyName: canary(`FN${tag}`),
      dateOfBirth: p.dateOfBirth ?? "1991-04-05",
      phone: `+1202555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`,
      email: `${canary(`EM${tag}`).toLowerCase()}@example.org`,
      address: canary(`AD${tag}`),
      immigrationStatus: canary(`IM${tag}`),
    };
    await store.db.transaction().execute(async (trx) => {
      const { dataKeyId, sealed } = await sealRecord(
        trx,
        crypto,
        { table: PERSONS_TABLE, rowId: id, orgId: p.orgId },
        values,
      );
      await personsRepository.insert(trx, {
        id,
        orgId: p.orgId,
        caseId: p.caseId,
        role: p.role,
        citizenship: "foreign_national",
        protected1367: p.protected1367,
        dataKeyId,
        sealed,
        phoneBidx: blindIndex(crypto.indexKey, "phone", values.phone),
        emailBidx: blindIndex(crypto.indexKey, "email", values.email),
        createdBy: null,
      });
    });
    return { id, values };
  },
  async consent(
    store: Store,
    c: {
      orgId: string;
      caseId: string;
      personId: string;
      recipientOrgId: string;
      purpose: "services_referral" | "law_enforcement_sharing" | "statistics";
      expiresAt: Date;
      revoked?: boolean;
    },
  ) {
    const id = randomUUID();
    await consentsRepository.insert(store.db, { ...c, id, signedBy: ["victim"], createdBy: null });
    if (c.revoked) await consentsRepository.revoke(store.db, { orgId: c.orgId, id }, "test", new Date());
    return id;
  },
};
