import type { FastifyInstance } from "fastify";
import { AppError, badRequest } from "./errors.ts";

// One guard for every route: text a client sends must be Unicode without control characters. PostgreSQL
// cannot store NUL in text (the query fails: a 500), and lone surrogates or control characters are never
// what a person meant to type; they forge log lines and terminal output. Tab, line feed and carriage
// return stay allowed (notes have lines). Checked before validation, so the answer names the offending
// field whatever else is wrong with the request.

/** C0 controls except tab, LF and CR; DEL; C1 controls; a surrogate not in a pair (only with the u flag). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;

/** The first string (or object key) in `value` holding unsafe text: its dotted path and code point. */
export function findUnsafeText(value: unknown): { path: string; codePoint: number } | undefined {
  // Iterative: a deeply nested JSON body must not overflow the stack.
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      const hit = UNSAFE.exec(v);
      if (hit) return { path, codePoint: hit[0].codePointAt(0)! };
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      for (let k = entries.length - 1; k >= 0; k--) {
        const [key, child] = entries[k]!;
        // A bad key is reported at its object: naming it would echo what it holds.
        const hit = UNSAFE.exec(key);
        if (hit) return { path, codePoint: hit[0].codePointAt(0)! };
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

const hex = (n: number) => `U+${n.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Rejects unsafe text in path parameters, the query string and the JSON body of every request with a
 * 400 naming the field (`body.title: …`, the shape validation errors have), and a JSON body that is not
 * UTF-8 (which would otherwise be decoded with replacement characters, silently changing what was sent).
 */
export function installTextInputGuard(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  app.removeContentTypeParser(["application/json", "text/plain"]);
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new AppError(400, "invalid_json", "The body is not valid UTF-8."), undefined);
    }
    parseJson(request, text, done);
  });
  app.addHook("preValidation", async (request) => {
    const parts: Array<[string, unknown]> = [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ];
    for (const [part, value] of parts) {
      const bad = findUnsafeText(value);
      if (bad) {
        const field = bad.path ? `${part}.${bad.path}` : part;
        throw badRequest(
          `${field}: must not contain control characters or invalid Unicode (found ${hex(bad.codePoint)}).`,
        );
      }
    }
  });
}
