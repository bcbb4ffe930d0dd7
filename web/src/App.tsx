import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { OrgsPage } from "./pages/admin/OrgsPage.tsx";
import { TokensPage } from "./pages/admin/TokensPage.tsx";
import { UserPage } from "./pages/admin/UserPage.tsx";
import { UsersPage } from "./pages/admin/UsersPage.tsx";
import { AttachmentsPage } from "./pages/attachments/AttachmentsPage.tsx";
import { AuditPage } from "./pages/audit/AuditPage.tsx";
import { SignInPage } from "./pages/auth/SignInPage.tsx";
import { DirectoryPage } from "./pages/directory/DirectoryPage.tsx";
import { NavigatorPage } from "./pages/directory/NavigatorPage.tsx";
import { FactsPage } from "./pages/facts/FactsPage.tsx";
import { ImportsPage } from "./pages/imports/ImportsPage.tsx";
import { LandingPage } from "./pages/LandingPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { NotificationsPage } from "./pages/notifications/NotificationsPage.tsx";
import { PlanPage } from "./pages/plan/PlanPage.tsx";
import { TeamPage } from "./pages/plan/TeamPage.tsx";
import { CasePage } from "./pages/records/CasePage.tsx";
import { CasesPage } from "./pages/records/CasesPage.tsx";
import { ConsentsPage } from "./pages/records/ConsentsPage.tsx";
import { PersonEditPage } from "./pages/records/PersonEditPage.tsx";
import { SharingPage } from "./pages/records/SharingPage.tsx";
import { ReferralPage } from "./pages/referrals/ReferralPage.tsx";
import { ReferralsPage } from "./pages/referrals/ReferralsPage.tsx";
import { SendReferralPage } from "./pages/referrals/SendReferralPage.tsx";
import { DeadlinesPage } from "./pages/relief/DeadlinesPage.tsx";
import { EligibilityPage } from "./pages/relief/EligibilityPage.tsx";
import { SearchPage } from "./pages/search/SearchPage.tsx";
import { PublicTipPage, ReceiptStatusPage } from "./pages/tips/PublicTipPage.tsx";
import { OperatorTipPage, TipPage } from "./pages/tips/TipPage.tsx";
import { TriagePage } from "./pages/tips/TriagePage.tsx";
import { WorkPage } from "./pages/work/WorkPage.tsx";

// Loaded when first visited: ECharts and the state atlas stay out of every other page's bundle.
const StatsPage = lazy(() => import("./pages/stats/StatsPage.tsx").then((m) => ({ default: m.StatsPage })));
const EstimatePage = lazy(() =>
  import("./pages/stats/EstimatePage.tsx").then((m) => ({ default: m.EstimatePage })),
);

/** The app's pages. A module adds its routes inside the matching layout. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<LandingPage />} />
        {/* public module pages */}
        <Route path="directory" element={<DirectoryPage />} />
        <Route path="navigator" element={<NavigatorPage />} />
        <Route path="tip" element={<PublicTipPage />} />
        <Route path="tip/status" element={<ReceiptStatusPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route element={<Layout quickExit={false} />}>
        {/* signed-in work pages */}
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="admin/users" element={<UsersPage />} />
        <Route path="admin/users/:id" element={<UserPage />} />
        <Route path="admin/orgs" element={<OrgsPage />} />
        <Route path="admin/tokens" element={<TokensPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="work" element={<WorkPage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="cases/:id/sharing" element={<SharingPage />} />
        <Route path="cases/:id/attachments" element={<AttachmentsPage />} />
        <Route path="cases/:id/plan" element={<PlanPage />} />
        <Route path="cases/:id/team" element={<TeamPage />} />
        <Route path="cases/:id/facts" element={<FactsPage />} />
        <Route path="persons/:id/consents" element={<ConsentsPage />} />
        <Route path="persons/:id/edit" element={<PersonEditPage />} />
        <Route path="referrals" element={<ReferralsPage />} />
        <Route path="referrals/new" element={<SendReferralPage />} />
        <Route path="referrals/:id" element={<ReferralPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="tips" element={<TriagePage />} />
        <Route path="tips/new" element={<OperatorTipPage />} />
        <Route path="tips/:id" element={<TipPage />} />
        <Route path="persons/:id/relief" element={<EligibilityPage />} />
        <Route path="relief/deadlines" element={<DeadlinesPage />} />
        <Route path="imports" element={<ImportsPage />} />
        <Route
          path="stats"
          element={
            <Suspense fallback={null}>
              <StatsPage />
            </Suspense>
          }
        />
        <Route
          path="stats/estimate"
          element={
            <Suspense fallback={null}>
              <EstimatePage />
            </Suspense>
          }
        />
      </Route>
    </Routes>
  );
}
