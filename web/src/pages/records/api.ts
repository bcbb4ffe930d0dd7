import type { CaseView } from "../../../../src/modules/cases/cases.presenter.ts";
import type { ConsentView } from "../../../../src/modules/consents/consents.presenter.ts";
import type { PersonView } from "../../../../src/modules/persons/persons.presenter.ts";

// Type-only imports: the web app and the API share one definition of these shapes.
export type { CaseView, ConsentView, PersonView };
export type CaseDetail = CaseView & { persons: PersonView[] };
export interface ShareView {
  orgId: string;
  orgName: string;
  orgType: string;
  access: "read" | "write";
  createdAt: string;
}

/** An API refusal, with its stable code (e.g. `not_found`, `invalid_request`) and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

/** The session's CSRF token (from `/api/v1/auth/me`), sent on every cookie-authenticated write. */
async function csrf(): Promise<string | undefined> {
  if (csrfToken) return csrfToken;
  const response = await fetch("/api/v1/auth/me", { credentials: "same-origin" });
  if (!response.ok) return undefined;
  csrfToken = ((await response.json()) as { csrfToken?: string }).csrfToken;
  return csrfToken;
}

async function request<T>(method: "GET" | "POST", url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  // A JSON content type with an empty body is refused by the server: declare it only with a body.
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") {
    const token = await csrf();
    if (token) headers["x-csrf-token"] = token;
  }
  const response = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok)
    throw new ApiError(
      response.status,
      json.error?.code ?? "error",
      json.error?.message ?? `HTTP ${response.status}`,
    );
  return json as T;
}

/** The records API (cases, persons, sharing, consents) as the signed-in user. */
export const recordsApi = {
  listCases: () => request<{ cases: CaseView[] }>("GET", "/api/v1/cases"),
  createCase: (title: string) => request<{ id: string }>("POST", "/api/v1/cases", { title }),
  getCase: (id: string) => request<CaseDetail>("GET", `/api/v1/cases/${encodeURIComponent(id)}`),
  addPerson: (caseId: string, person: Record<string, unknown>) =>
    request<{ id: string }>("POST", `/api/v1/cases/${encodeURIComponent(caseId)}/persons`, person),
  getPerson: (id: string) => request<PersonView>("GET", `/api/v1/persons/${encodeURIComponent(id)}`),
  listShares: (caseId: string) =>
    request<{ shares: ShareView[] }>("GET", `/api/v1/cases/${encodeURIComponent(caseId)}/shares`),
  share: (caseId: string, orgId: string, access: "read" | "write") =>
    request<{ id: string }>("POST", `/api/v1/cases/${encodeURIComponent(caseId)}/shares`, { orgId, access }),
  listConsents: (personId: string) =>
    request<{ consents: ConsentView[] }>("GET", `/api/v1/persons/${encodeURIComponent(personId)}/consents`),
  recordConsent: (
    personId: string,
    consent: { recipientOrgId: string; purpose: string; expiresAt: string; signedBy: string[] },
  ) => request<{ id: string }>("POST", `/api/v1/persons/${encodeURIComponent(personId)}/consents`, consent),
  revokeConsent: (id: string) =>
    request<ConsentView>("POST", `/api/v1/consents/${encodeURIComponent(id)}/revoke`),
};
