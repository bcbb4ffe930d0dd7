import { attachmentsRoutes } from "../modules/attachments/attachments.routes.ts";
import { auditRoutes } from "../modules/audit/audit.routes.ts";
import { authHook } from "../modules/auth/auth.hook.ts";
import { authRoutes } from "../modules/auth/auth.routes.ts";
import { oidcRoutes } from "../modules/auth/oidc.routes.ts";
import { tokensRoutes } from "../modules/auth/tokens.routes.ts";
import { caseFactsRoutes } from "../modules/case-facts/case-facts.routes.ts";
import { casesRoutes } from "../modules/cases/cases.routes.ts";
import { caseTeamRoutes } from "../modules/cases/cases.team.routes.ts";
import { consentsRoutes } from "../modules/consents/consents.routes.ts";
import { directoryRoutes } from "../modules/directory/directory.routes.ts";
import { healthRoutes } from "../modules/health/health.routes.ts";
import { idempotencyHook } from "../modules/idempotency/idempotency.hook.ts";
import { importsRoutes } from "../modules/imports/imports.routes.ts";
import { notesRoutes } from "../modules/notes/notes.routes.ts";
import { notificationsRoutes } from "../modules/notifications/notifications.routes.ts";
import { orgsRoutes } from "../modules/orgs/orgs.routes.ts";
import { personsRoutes } from "../modules/persons/persons.routes.ts";
import { plansRoutes } from "../modules/plans/plans.routes.ts";
import { referralsRoutes } from "../modules/referrals/referrals.routes.ts";
import { reliefRoutes } from "../modules/relief/relief.routes.ts";
import { routingRoutes } from "../modules/routing/routing.routes.ts";
import { searchRoutes } from "../modules/search/search.routes.ts";
import { statsExportsRoutes } from "../modules/stats/stats.exports.routes.ts";
import { statsRoutes } from "../modules/stats/stats.routes.ts";
import { tasksRoutes } from "../modules/tasks/tasks.routes.ts";
import { tipsRoutes } from "../modules/tips/tips.routes.ts";
import { usersRoutes } from "../modules/users/users.routes.ts";
import { workRoutes } from "../modules/work/work.routes.ts";
import type { RoutesPlugin } from "./types.ts";

/** Every module's routes, in one list: a new module adds one line here. */
export const routePlugins: RoutesPlugin[] = [
  // Authentication first: it is not encapsulated and sets request.auth for every route after it.
  authHook,
  // Idempotency-Key on every write: after authentication (keys are scoped to the caller's organization).
  idempotencyHook,
  healthRoutes,
  authRoutes,
  oidcRoutes,
  usersRoutes,
  orgsRoutes,
  tokensRoutes,
  auditRoutes,
  casesRoutes,
  personsRoutes,
  consentsRoutes,
  directoryRoutes,
  routingRoutes,
  referralsRoutes,
  notificationsRoutes,
  tipsRoutes,
  notesRoutes,
  attachmentsRoutes,
  tasksRoutes,
  plansRoutes,
  caseTeamRoutes,
  workRoutes,
  searchRoutes,
  reliefRoutes,
  statsRoutes,
  statsExportsRoutes,
  importsRoutes,
  caseFactsRoutes,
];
