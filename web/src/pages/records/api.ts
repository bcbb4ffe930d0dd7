import type { CaseView } from "../../../../src/modules/cases/cases.presenter.ts";
import type { ConsentView } from "../../../../src/modules/consents/consents.presenter.ts";
import type { PersonView } from "../../../../src/modules/persons/persons.presenter.ts";
import { request } from "../../apiClient.ts";

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

export { ApiError } from "../../apiClient.ts";
