import type { loadConfig } from "../../config.ts";
import { setClock } from "../auth/clock.ts";
import type { DemoContext } from "../demo/demo.context.ts";
import { submitTip } from "./tips.intake.ts";
import { assignTip } from "./tips.service.ts";

const meta = { requestId: "demo" };

/**
 * Demo tips, through the service (so sealed and audited): a public tip to the hotline, hotline calls,
 * a partner tip, and one about a 15-year-old foreign national whose 24-hour HHS clock is running
 * (received 3 hours before `now`). All visibly synthetic. Pushes the ids onto ctx.tipIds.
 */
export async function demoTips(ctx: DemoContext): Promise<void> {
  const config = { HARBOR_TIP_ORG: ctx.orgs.hotline } satisfies Partial<ReturnType<typeof loadConfig>>;
  const hotline = ctx.users.hotline;
  const at = async (hoursAgo: number, run: () => Promise<{ id: string }>) => {
    const restore = setClock(() => new Date(ctx.now.getTime() - hoursAgo * 3_600_000));
    try {
      const { id } = await run();
      ctx.tipIds.push(id);
      return id;
    } finally {
      restore();
    }
  };
  await at(30, () =>
    submitTip(
      ctx.store,
      config,
      { meta },
      {
        narrative:
          "DEMO — Public web tip: several young women appear to live at a nail salon and never leave.",
        location: { state: "TX", city: "DEMO Springfield", country: "US" },
        screening: { indicators: ["unsuitable_housing", "fearful_submissive", "defers_to_companion"] },
        facts: { exploitation: ["labor_trafficking"], location: { inUnitedStates: true, state: "TX" } },
      },
    ),
  );
  const minor = await at(3, () =>
    submitTip(
      ctx.store,
      config,
      { auth: hotline, meta },
      {
        narrative:
          "DEMO — Hotline call: a 15-year-old from abroad is made to sell flowers at night and hand over the money.",
        reporter: { name: "DEMO Caller", phone: "+1 202-555-0101", email: "caller@example.org" },
        location: { state: "CA", city: "DEMO Riverside", country: "US" },
        screening: {
          answers: { under_18: "yes", foreign_born: "yes", wages_withheld: "yes", cannot_leave: "unknown" },
        },
        facts: {
          victim: { age: 15, citizenship: "foreign_national" },
          exploitation: ["labor_trafficking"],
          location: { inUnitedStates: true, state: "CA" },
        },
      },
    ),
  );
  await at(1, () =>
    submitTip(
      ctx.store,
      config,
      { auth: hotline, meta },
      {
        narrative:
          "DEMO — Hotline call: farm workers say the recruiter keeps their passports and they owe a debt.",
        location: { state: "FL", country: "US" },
        screening: { answers: { documents_taken: "yes", owes_debt: "yes", threatened: "yes" } },
        facts: {
          exploitation: ["labor_trafficking"],
          labor: { agricultureOrMigrantWork: true },
          location: { inUnitedStates: true, state: "FL" },
        },
      },
    ),
  );
  await at(0.5, () =>
    submitTip(
      ctx.store,
      config,
      { auth: hotline, meta },
      {
        narrative: "DEMO — Hotline call: an online ad seems to offer a minor for commercial sex.",
        screening: { indicators: ["juvenile_commercial_sex"] },
        facts: {
          exploitation: ["sex_trafficking"],
          online: true,
          victim: { age: 16, citizenship: "us_citizen" },
        },
      },
    ),
  );
  // The minor's tip is assigned to intake so it shows as under review, clock still running.
  await assignTip(ctx.store, { auth: hotline, meta }, minor, 1, hotline.userId);
}
