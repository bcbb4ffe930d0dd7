import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { fromRoot } from "../paths.ts";
import { errorBody } from "./errors.ts";

export const WEB_DIST = fromRoot("web", "dist");

const isApiPath = (url: string) => /^\/(api|docs|openapi\.json|healthz|readyz)(\/|\?|$)/.test(url);

/**
 * Whether a request is a page load the web app answers: GET or HEAD of a path outside the API, without a
 * file extension (a missing script stays a 404), from a client that takes HTML. A browser says
 * `text/html`; curl and health checkers send `*\/*` or nothing, and get the app too.
 */
function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const pathname = request.url.split("?")[0]!;
  if (isApiPath(pathname) || /\.[A-Za-z0-9]+$/.test(pathname)) return false;
  const accept = request.headers.accept;
  return !accept || /text\/html|\*\/\*/.test(accept);
}

/** The methods some route answers for this concrete path (from the route table), for a 405's Allow. */
function allowedMethods(app: FastifyInstance, pathname: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routeTable) {
    if (route.url === "*" || route.url.endsWith("/*")) continue;
    const pattern = route.url.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z0-9_]+/g, "[^/]+");
    if (new RegExp(`^${pattern}$`).test(pathname)) methods.add(route.method);
  }
  return [...methods].sort();
}

/**
 * Serves the built web app at `/` and answers every other unknown page load with its index.html (the
 * app routes in the browser). An API path that exists for other methods is a 405 naming them; any other
 * unknown path a JSON 404.
 */
export async function registerWeb(app: FastifyInstance, dist: string = WEB_DIST): Promise<void> {
  const hasBuild = existsSync(path.join(dist, "index.html"));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: dist, wildcard: false, index: false, cacheControl: false });
  }
  const indexHtml = () => (hasBuild ? readFileSync(path.join(dist, "index.html"), "utf8") : undefined);
  app.setNotFoundHandler((request, reply) => {
    const html = wantsPage(request) ? indexHtml() : undefined;
    if (html) return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(html);
    const pathname = request.url.split("?")[0]!;
    const allowed = allowedMethods(app, pathname);
    if (allowed.length) {
      return reply
        .code(405)
        .header("allow", allowed.join(", "))
        .send(
          errorBody(
            "method_not_allowed",
            `${request.method} is not allowed here; use ${allowed.join(", ")}.`,
          ),
        );
    }
    return reply.code(404).send(errorBody("not_found", `No route ${request.method} ${pathname}.`));
  });
}
