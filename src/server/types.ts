import type { FastifyInstance } from "fastify";
import type { Config } from "../config.ts";
import type { Store } from "../store/store.ts";

declare module "fastify" {
  interface FastifyInstance {
    store: Store;
    config: Config;
    routeTable: { method: string; url: string; hidden: boolean }[];
  }
}

/** A module's routes: a function that adds them to the app. */
export type RoutesPlugin = (app: FastifyInstance) => Promise<void>;
