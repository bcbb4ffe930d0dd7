import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { contentDisposition, storedFilename } from "../src/modules/attachments/attachments.disposition.ts";
import { findUnsafeText } from "../src/server/text-input.ts";

// Any name a person could give a file (the upload refuses control characters and lone surrogates).
const filename = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 80 })
  .filter((s) => findUnsafeText(s) === undefined);

test("Content-Disposition: always attachment, plain ASCII, the exact name recoverable", () => {
  fc.assert(
    fc.property(filename, (name) => {
      const header = contentDisposition(name);
      assert.match(header, /^attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]*$/);
      assert.ok(/^[\x20-\x7e]+$/.test(header), "nothing outside printable ASCII in a header");
      assert.equal(decodeURIComponent(header.split("UTF-8''")[1]!), name);
    }),
  );
});

test("a stored name is the last path segment; nothing usable is refused", () => {
  assert.equal(storedFilename("C:\\Users\\ana\\scan.pdf"), "scan.pdf");
  assert.equal(storedFilename("../../etc/passwd"), "passwd");
  assert.equal(storedFilename("  "), undefined);
  assert.equal(storedFilename("dir/.."), undefined);
});
