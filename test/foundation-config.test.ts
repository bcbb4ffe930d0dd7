import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import pino from "pino";
import { ConfigError, loadConfig } from "../src/config.ts";
import { loggerOptions } from "../src/server/logging.ts";

test("defaults serve the embedded case on 127.0.0.1:8080 with data in ./.harbor", () => {
  const config = loadConfig({}, false);
  assert.equal(config.HOST, "127.0.0.1");
  assert.equal(config.PORT, 8080);
  assert.match(config.dataDir, /\.harbor$/);
  assert.equal(config.DATABASE_URL, undefined);
});

test("PORT and HOST choose where Harbor listens", () => {
  const config = loadConfig({ PORT: "9000", HOST: "0.0.0.0" }, false);
  assert.equal(config.PORT, 9000);
  assert.equal(config.HOST, "0.0.0.0");
});

test("a bad value stops start-up with one line naming the variable", () => {
  for (const [name, value] of [
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["LOG_LEVEL", "loud"],
  ] as const) {
    assert.throws(
      () => loadConfig({ [name]: value }, false),
      (error: unknown) =>
        error instanceof ConfigError && error.message.includes(name) && !error.message.includes("\n"),
    );
  }
});

test("logs never carry a person's data: named fields are redacted at any depth", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const options = loggerOptions("info") as pino.LoggerOptions;
  const log = pino(options, sink);
  log.info(
    { body: { givenName: "Canaryella", person: { dateOfBirth: "2001-02-03", phone: "5550100" } } },
    "x",
  );
  log.info({ req: { headers: { authorization: "Bearer secret-token" } } }, "y");
  const text = lines.join("");
  for (const canary of ["Canaryella", "2001-02-03", "5550100", "secret-token"]) {
    assert.ok(!text.includes(canary), `${canary} reached the log`);
  }
});
