import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { LandingPage } from "./pages/LandingPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";

/** The app's pages. A module adds its routes inside the matching layout. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<LandingPage />} />
        {/* public module pages */}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route element={<Layout quickExit={false} />}>{/* signed-in work pages */}</Route>
    </Routes>
  );
}
