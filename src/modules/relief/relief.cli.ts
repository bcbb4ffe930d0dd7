import { withStore } from "../../cli/store-context.ts";
import { sendReliefReminders } from "./relief.remind.ts";

/** `harbor relief remind [--date YYYY-MM-DD]`. */
export async function remindCommand(opts: { date?: string }): Promise<void> {
  const today = opts.date ?? new Date().toISOString().slice(0, 10);
  await withStore(async (store) => {
    const { sent } = await sendReliefReminders(store, today);
    console.log(`Relief reminders for ${today}: ${sent} sent.`);
  });
}
