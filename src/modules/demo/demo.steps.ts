import { demoCases } from "../cases/cases.demo.ts";
import { demoPlan } from "../plans/plans.demo.ts";
import { demoReferrals } from "../referrals/referrals.demo.ts";
import { demoRelief } from "../relief/relief.demo.ts";
import { demoTips } from "../tips/tips.demo.ts";
import { demoWork } from "../work/work.demo.ts";
import type { DemoStep } from "./demo.context.ts";

/**
 * Each module's part of the demo, in the order they build on each other: tips first, then cases and
 * their people (which later steps refer to), the work on them, referrals, and relief.
 */
export const DEMO_STEPS: DemoStep[] = [
  { name: "tips", run: demoTips },
  { name: "cases", run: demoCases },
  { name: "case work", run: demoWork },
  { name: "case plan", run: demoPlan },
  { name: "referrals", run: demoReferrals },
  { name: "relief", run: demoRelief },
];
