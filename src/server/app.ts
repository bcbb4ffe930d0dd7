import { randomUUID } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "../config.ts";
import type { Store } from "../store/store.ts";
import { version } from "../version.ts";
import { clientErrorHandler, frameworkErrorHandler, installErrorHandler } from "./error-handler.ts";
import { loggerOptions } from "./logging.ts";
import { routePlugins } from "./routes.ts";
import { helmetOptions, securityHeaders } from "./security-headers.ts";
import { installTextInputGuard } from "./text-input.ts";
import "./types.ts";
import { registerWeb } from "./web.ts";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the Harbor HTTP server around an open store: security headers, the error shape, OpenAPI
 * from the route schemas, every module's routes and the web app. Does not listen.
 */
export async function buildApp(store: Store, config: Config): Promise<FastifyInstance> {
  const helmet = helmetOptions(config);
  const headers = securityHeaders(helmet);
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL),
    bodyLimit: 1024 * 1024,
    trustProxy: config.HARBOR_BEHIND_TLS,
    requestIdHeader: false,
    // Honour a caller's X-Request-Id when it is safe to log, so one id follows a request across systems.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // What the router and Node's HTTP parser answer themselves goes through the one error shape too.
    frameworkErrors: frameworkErrorHandler(headers),
    clientErrorHandler: clientErrorHandler(headers),
  });
  app.decorate("store", store);
  app.decorate("config", config);
  // Every route as registered, so a test can prove the OpenAPI document lists them all.
  const routeTable: { method: string; url: string; hidden: boolean }[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hidden = Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
    for (const method of methods) routeTable.push({ method, url: route.url, hidden });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installTextInputGuard(app);

  await app.register(fastifyHelmet, helmet);
  await app.register(fastifyCookie);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (!reply.hasHeader("cache-control") || request.url.startsWith("/api/"))
      reply.header("cache-control", "no-store");
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Harbor API",
        version,
        description:
          "The federal anti-trafficking response in one system. Errors are `{ error: { code, message } }`.",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs", staticCSP: true });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  for (const plugin of routePlugins) await app.register(plugin);
  await registerWeb(app);
  return app;
}
