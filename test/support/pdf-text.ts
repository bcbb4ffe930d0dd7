import { inflateSync } from "node:zlib";

/**
 * Just enough of a PDF reader for tests of Harbor's own PDFs (pdfkit's layout: plain objects, Flate
 * streams, Type0 fonts with ToUnicode maps): the objects by number, and the text a reader would extract,
 * decoded glyph by glyph through each font's ToUnicode map, so a test can say which words are on a page.
 */

export interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = m[2]!;
    const at = body.indexOf("\nstream\n");
    if (at < 0) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const start = m.index! + m[0].indexOf("\nstream\n") + "\nstream\n".length;
    const end = text.indexOf("\nendstream", start);
    const raw = pdf.subarray(start, end);
    out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return out;
}

/** The object a `/Key N 0 R` entry of the catalog (or any object) points at. */
export function resolveEntry(objects: Map<number, PdfObject>, key: string): PdfObject | undefined {
  for (const o of objects.values()) {
    const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(o.dict);
    if (ref) return objects.get(Number(ref[1]));
  }
  return undefined;
}

function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const lo = parseInt(line[1]!, 16);
      const hi = parseInt(line[2]!, 16);
      const dst = line[3]!;
      if (dst.startsWith("[")) {
        [...dst.matchAll(/<([0-9a-f ]+)>/gi)].forEach((d, i) => {
          map.set(lo + i, hexText(d[1]!.replaceAll(" ", "")));
        });
      } else {
        const base = parseInt(dst.slice(1, -1), 16);
        for (let g = lo; g <= hi; g++) map.set(g, String.fromCharCode(base + g - lo));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const line of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      map.set(parseInt(line[1]!, 16), hexText(line[2]!));
  return map;
}

/** Every text string drawn on every page, one line per text object, in drawing order. */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const fontByName = new Map<string, Map<number, string>>();
  for (const o of objects.values()) {
    for (const block of o.dict.matchAll(/\/Font <<([^>]*)>>/g)) {
      for (const entry of block[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) {
        const font = objects.get(Number(entry[2]));
        const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? "");
        const cmap = cmapRef && objects.get(Number(cmapRef[1]))?.stream?.toString("latin1");
        if (cmap) fontByName.set(entry[1]!, toUnicodeMap(cmap));
      }
    }
  }
  const lines: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || /\/(Type \/XObject|Subtype|Length1|FontFile)/.test(o.dict)) continue;
    const content = o.stream.toString("latin1");
    if (!/\bBT\b/.test(content)) continue;
    let font: Map<number, string> | undefined;
    let line = "";
    for (const t of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]+)>|\b(ET)\b/g)) {
      if (t[1]) font = fontByName.get(t[1]);
      else if (t[2] && font)
        line += (t[2].match(/.{4}/g) ?? []).map((g) => font?.get(parseInt(g, 16)) ?? "").join("");
      else if (t[3]) {
        if (line) lines.push(line);
        line = "";
      }
    }
  }
  return lines.join("\n");
}
