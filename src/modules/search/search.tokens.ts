import { createHmac } from "node:crypto";
import { indexTerms, type QueryTerm } from "./search.text.ts";

/**
 * Keyed tokens of words (pure given the key). A token is the first 64 bits of
 * HMAC-SHA-256(organization's search key, "harbor.search|w|word") as a signed bigint, stored as int8:
 * compact in a GIN index. Without the key a token says nothing about its word; within one
 * organization equal words give equal tokens (that is what makes the index searchable).
 * 64 bits: the chance that two of even 10 million distinct words of one organization collide is
 * about 3 in a million, and a collision could only add a result, never hide one.
 */

// Natural text repeats a small vocabulary (Zipf): caching word → token per key avoids most HMACs
// when indexing in bulk. Bounded; plaintext words live here only as long as they would in any request.
const MAX_CACHED = 200_000;
const caches = new WeakMap<Buffer, Map<string, string>>();

function token(key: Buffer, kind: "w" | "p", term: string): string {
  let cache = caches.get(key);
  if (!cache) {
    cache = new Map();
    caches.set(key, cache);
  }
  const k = `${kind}|${term}`;
  let t = cache.get(k);
  if (t === undefined) {
    const mac = createHmac("sha256", key).update(`harbor.search|${k}`, "utf8").digest();
    t = mac.readBigInt64BE(0).toString();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(k, t);
  }
  return t;
}

/** The distinct tokens of a text under one organization's key. */
export function textTokens(key: Buffer, text: string): string[] {
  const { words, prefixes } = indexTerms(text);
  const out = new Set<string>();
  for (const w of words) out.add(token(key, "w", w));
  for (const p of prefixes) out.add(token(key, "p", p));
  return [...out];
}

/** The tokens any one of which satisfies a query term, under one organization's key. */
export function termTokens(key: Buffer, term: QueryTerm): string[] {
  return term.prefix
    ? [token(key, "w", term.word), token(key, "p", term.word)]
    : [token(key, "w", term.word)];
}
