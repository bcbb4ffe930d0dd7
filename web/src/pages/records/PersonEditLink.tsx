import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The person row's link to edit the person's attributes (and identity, where visible). */
export function PersonEditLink({ personId }: { personId: string }) {
  const { t } = useTranslation("casework");
  return (
    <>
      {" · "}
      <Link to={`/persons/${personId}/edit`}>{t("person.editLink")}</Link>
    </>
  );
}
