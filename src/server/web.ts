import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { fromRoot } from "../paths.ts";
import { errorBody } from "./errors.ts";

export const WEB_DIST = fromRoot("web", "dist");

const isApiPath = (url: string) => /^\/(api|docs|openapi\.json|healthz|readyz)(\/|\?|$)/.test(url);

/**
 * Serves the built web app at `/` and answers every other unknown GET that wants HTML with its
 * index.html (the app routes in the browser). Unknown API paths get a JSON 404.
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  const hasBuild = existsSync(path.join(WEB_DIST, "index.html"));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, cacheControl: false });
  }
  const indexHtml = () => (hasBuild ? readFileSync(path.join(WEB_DIST, "index.html"), "utf8") : undefined);
  app.setNotFoundHandler((request, reply) => {
    const wantsHtml = request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
    const html = wantsHtml && !isApiPath(request.url) ? indexHtml() : undefined;
    if (html) return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(html);
    return reply
      .code(404)
      .send(errorBody("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`));
  });
}
