import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import ts from "typescript";

// Every string the web app shows comes from web/src/locales/{en,es}/<namespace>.json. A key used in
// the code but missing shows the raw key on the page (as `consents.formHeading` did); a key present in
// one language only shows English to a Spanish reader. This reads the code the way i18next will: each
// `t("key")` in the namespace of the `useTranslation(ns)` it came from, `ns:key` overriding it, and
// `labelKey: "…"` properties (navigation.ts) in the common namespace.

const WEB = path.resolve(import.meta.dirname, "../web/src");
const LANGS = ["en", "es"] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : flatten(v, `${prefix}${k}.`),
  );

const namespaces = readdirSync(path.join(WEB, "locales/en")).map((f) => f.replace(/\.json$/, ""));
const keys = Object.fromEntries(
  LANGS.map((lang) => [
    lang,
    Object.fromEntries(
      namespaces.map((ns) => [
        ns,
        new Set(flatten(JSON.parse(readFileSync(path.join(WEB, `locales/${lang}/${ns}.json`), "utf8")))),
      ]),
    ),
  ]),
) as Record<(typeof LANGS)[number], Record<string, Set<string>>>;

/** A use of a key in the code: a full key, or the fixed start of a template (`roles.${r}` → `roles.`). */
interface Use {
  ns: string;
  key: string;
  prefix: boolean;
  where: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "locales" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** The `t` functions a `useTranslation(ns)` call binds in a variable declaration, with their namespace. */
function bindings(node: ts.Node): Array<[string, string]> {
  if (!ts.isVariableDeclaration(node) || !node.initializer || !ts.isObjectBindingPattern(node.name))
    return [];
  const call = node.initializer;
  if (!ts.isCallExpression(call) || call.expression.getText() !== "useTranslation") return [];
  const arg = call.arguments[0];
  const ns = arg && ts.isStringLiteral(arg) ? arg.text : "common";
  return node.name.elements
    .filter((e) => (e.propertyName ?? e.name).getText() === "t")
    .map((e) => [e.name.getText(), ns]);
}

function keyOf(arg: ts.Expression | undefined): { text: string; prefix: boolean } | undefined {
  if (!arg) return undefined;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
    return { text: arg.text, prefix: false };
  if (ts.isTemplateExpression(arg)) return { text: arg.head.text, prefix: true };
  return undefined;
}

function usesIn(file: string): Use[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const uses: Use[] = [];
  const add = (ns: string, found: { text: string; prefix: boolean }, node: ts.Node) => {
    const [explicit, key] = found.text.includes(":") ? found.text.split(":", 2) : [ns, found.text];
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    uses.push({
      ns: explicit!,
      key: key!,
      prefix: found.prefix,
      where: `${path.relative(WEB, file)}:${line}`,
    });
  };
  // Scopes: a `t` is the one bound by the nearest enclosing function's useTranslation.
  const visit = (node: ts.Node, scope: Map<string, string>) => {
    let inner = scope;
    if (ts.isFunctionLike(node)) {
      inner = new Map(scope);
      const collect = (n: ts.Node) => {
        for (const [name, ns] of bindings(n)) inner.set(name, ns);
        if (!ts.isFunctionLike(n)) n.forEachChild(collect);
      };
      node.forEachChild(collect);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && inner.has(node.expression.text)) {
      const found = keyOf(node.arguments[0]);
      if (found) add(inner.get(node.expression.text)!, found, node);
    }
    if (ts.isPropertyAssignment(node) && node.name.getText() === "labelKey") {
      const found = keyOf(node.initializer);
      if (found) add("common", found, node);
    }
    node.forEachChild((child) => visit(child, inner));
  };
  visit(source, new Map());
  return uses;
}

const uses = sourceFiles(WEB).flatMap(usesIn);

/** Whether `lang` has the key (or its plural forms), or for a prefix, some key under it. */
function has(lang: (typeof LANGS)[number], use: Use): boolean {
  const set = keys[lang][use.ns];
  if (!set) return false;
  if (use.prefix) return [...set].some((k) => k.startsWith(use.key));
  return set.has(use.key) || [...set].some((k) => PLURAL.test(k) && k.replace(PLURAL, "") === use.key);
}

describe("web strings: every key the code uses exists in English and Spanish", () => {
  test("the scan finds the app's keys (it would pass on nothing otherwise)", () => {
    assert.ok(uses.length > 300, `found ${uses.length} uses`);
    assert.ok(uses.some((u) => u.ns === "records" && u.key === "consents.title"));
    assert.ok(
      uses.some((u) => u.ns === "auth" && u.key === "nav.users"),
      "labelKey properties count",
    );
    assert.ok(
      uses.some((u) => u.prefix && u.key === "roles."),
      "template keys count by their prefix",
    );
  });

  for (const lang of LANGS) {
    test(`every key used in web/src is in ${lang}`, () => {
      const missing = uses
        .filter((u) => !has(lang, u))
        .map((u) => `${u.ns}:${u.key}${u.prefix ? "…" : ""} (${u.where})`);
      assert.deepEqual(missing, []);
    });
  }

  test("English and Spanish have the same keys in every namespace", () => {
    const onlyOne = namespaces.flatMap((ns) =>
      LANGS.flatMap((lang) => {
        const other = LANGS.find((l) => l !== lang)!;
        return [...keys[lang][ns]!]
          .filter((k) => !keys[other][ns]!.has(k))
          .map((k) => `${ns}:${k} only in ${lang}`);
      }),
    );
    assert.deepEqual(onlyOne, []);
  });
});
