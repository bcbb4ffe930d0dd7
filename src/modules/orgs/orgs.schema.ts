import { z } from "zod";
import { ORG_TYPES } from "../auth/auth.context.ts";

/** An organization's short id: lower-case letters, digits and dashes, 2–63 characters. */
export const ORG_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const OrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(ORG_TYPES),
  /** The installation's host organization: its admins create organizations. */
  host: z.boolean(),
  createdAt: z.string(),
});

export const CreateOrgBody = z.object({
  id: z.string().regex(ORG_ID_PATTERN, "lower-case letters, digits and dashes, 2–63 characters"),
  name: z.string().trim().min(1).max(200),
  type: z.enum(ORG_TYPES),
});
