import { badRequest } from "../../server/errors.ts";
import type { Store } from "../../store/store.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { existingOrgIndexKeys } from "../crypto/org-index-keys.ts";
import { audit, type Caller, guarded } from "../policy/access.ts";
import { ownerOrgsOf } from "../policy/policy.owners.ts";
import {
  type Contract1Filter,
  caseSearchRepository,
  SEARCH_PLAN,
  type SearchPlan,
} from "./case-search.repository.ts";
import { type CaseHitView, presentHit } from "./search.presenter.ts";
import type { SearchCasesReq } from "./search.schema.ts";
import { queryTerms } from "./search.text.ts";
import { termTokens } from "./search.tokens.ts";

const MAX_TERMS = 12;
const CONTRACT1: Contract1Filter[] = ["traffickingType", "confirmation", "state", "lead"];

/** The day after a YYYY-MM-DD date, at 00:00 UTC (the exclusive end of a `to` day). */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/**
 * Case search (Contract 2): the cases the caller may read, owned or shared with its organization,
 * whose text holds every word of `q` (a word of 3–6 letters also as a prefix), with the filters,
 * newest first. The query words become tokens under the key of each organization whose cases the
 * caller may see, because a shared case's tokens were made (and live) with its owner. Audited with
 * the cases returned and the filters' codes; never the words.
 */
export async function searchCases(
  store: Store,
  caller: Caller,
  req: SearchCasesReq,
  // Tests set it to reach every way of answering with a few cases.
  plan: SearchPlan = SEARCH_PLAN,
): Promise<{ cases: CaseHitView[]; page: number; pageSize: number; hasMore: boolean }> {
  const terms = req.q ? queryTerms(req.q) : [];
  if (req.q && !terms.length)
    throw badRequest("query.q: has no searchable word (only very common words or single letters)");
  if (terms.length > MAX_TERMS) throw badRequest(`query.q: at most ${MAX_TERMS} words`);
  const contract1: Partial<Record<Contract1Filter, string>> = {};
  for (const f of CONTRACT1) {
    const value = req[f];
    if (value === undefined) continue;
    contract1[f] = value;
  }
  const crypto = fieldCryptoOf(store);
  const filters = ["status", ...CONTRACT1, "from", "to"].filter(
    (f) => req[f as keyof SearchCasesReq] !== undefined,
  );
  return guarded(
    store.db,
    caller,
    { action: "case.search", targetType: "case", targetIds: [] },
    async (trx) => {
      const owners = (await ownerOrgsOf(trx, caller.auth)) ?? [caller.auth.orgId];
      const keys = await existingOrgIndexKeys(trx, crypto, "search", owners);
      const tokensUnder = (orgKeys: Buffer[]) =>
        terms.map((t) => orgKeys.flatMap((key) => termTokens(key, t)));
      const search = {
        owners,
        terms: tokensUnder([...keys.values()]),
        // The own key's tokens are only in the own organization's rows.
        ownTerms: ((own) => (own ? tokensUnder([own]) : []))(keys.get(caller.auth.orgId)),
        status: req.status,
        contract1,
        from: req.from ? new Date(`${req.from}T00:00:00Z`) : undefined,
        until: req.to ? dayAfter(req.to) : undefined,
        limit: req.pageSize + 1,
        offset: (req.page - 1) * req.pageSize,
      };
      // No organization in reach has indexed anything: nothing matches.
      const rows =
        terms.length && !keys.size
          ? []
          : await caseSearchRepository.searchCases(trx, caller.auth, search, plan);
      const page = rows.slice(0, req.pageSize);
      await audit(trx, caller, {
        action: "case.search",
        outcome: "success",
        targetType: "case",
        targetIds: page.map((r) => r.id),
        details: {
          words: terms.length,
          filters: filters.join(","),
          ...(req.status ? { status: req.status } : {}),
          page: req.page,
        },
      });
      return {
        cases: page.map((r) => presentHit(r, crypto)),
        page: req.page,
        pageSize: req.pageSize,
        hasMore: rows.length > req.pageSize,
      };
    },
  );
}
