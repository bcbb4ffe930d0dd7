import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert } from "../records/shared.tsx";
import { type DeadlineView, reliefApi } from "./api.ts";
import { DaysLeft } from "./DaysLeft.tsx";

/** The organization's relief deadlines, soonest first. */
export function DeadlinesPage() {
  const { t } = useTranslation("relief");
  usePageTitle(t("deadlinesPage.title"));
  const [list, setList] = useState<DeadlineView[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    reliefApi.deadlines().then((r) => setList(r.deadlines), setError);
  }, []);
  return (
    <>
      <h1>{t("deadlinesPage.title")}</h1>
      <p>{t("deadlinesPage.intro")}</p>
      <ErrorAlert error={error} />
      {list && list.length === 0 && <p>{t("deadlinesPage.none")}</p>}
      {list && list.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("deadlinesPage.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.type")}</th>
              <th scope="col">{t("fields.kind")}</th>
              <th scope="col">{t("fields.remaining")}</th>
              <th scope="col">{t("fields.person")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.applicationId}>
                <th scope="row">{t(`types.${d.type}`)}</th>
                <td>{t(`kinds.${d.kind}`)}</td>
                <td>
                  <DaysLeft date={d.date} days={d.daysRemaining} />
                </td>
                <td>
                  <Link to={`/persons/${d.personId}/relief`}>
                    {t("deadlinesPage.open")}
                    <span className="usa-sr-only">: {t(`types.${d.type}`)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
