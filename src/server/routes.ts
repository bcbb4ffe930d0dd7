import { healthRoutes } from "../modules/health/health.routes.ts";
import type { RoutesPlugin } from "./types.ts";

/** Every module's routes, in one list: a new module adds one line here. */
export const routePlugins: RoutesPlugin[] = [healthRoutes];
