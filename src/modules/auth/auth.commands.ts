import type { Command } from "commander";
import { registerAuditCommands } from "../audit/audit.commands.ts";
import { registerOrgCommands } from "../orgs/orgs.commands.ts";
import { registerUserCommands } from "../users/users.commands.ts";
import { registerTokenCommands } from "./tokens.commands.ts";

/** The security core's commands: `harbor org|user|token|audit …`. */
export function registerSecurityCommands(program: Command): void {
  registerOrgCommands(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerAuditCommands(program);
}
