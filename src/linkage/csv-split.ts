import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** A byte range of a CSV file that starts at a row boundary, with the physical line it starts on. */
export interface CsvRange {
  start: number;
  end: number;
  line: number;
}

/**
 * Cuts a CSV file into about `parts` byte ranges at row boundaries, so several threads can parse it at once and
 * get exactly the rows (and line numbers) that one {@link CsvParser} over the whole file would.
 *
 * A cut is only valid outside a quoted field, which needs the quoting state from the file's start, so this runs
 * the parser's quoting rules (a quote opens a field only at its start; `""` inside is a quote; line ends are
 * `\n`, `\r\n` or `\r`; quoted `\n` count as lines) over the bytes before the last cut: one cheap pass, no
 * strings. Cuts are placed just after a `\n`. Delimiter, quote and line ends are ASCII, so UTF-8 bytes of other
 * characters never look like them.
 * @returns the ranges, or undefined when the file cannot be cut (a non-ASCII delimiter, too few row ends, or an
 *   open quote running to the end): the caller then reads it on one thread.
 */
export function splitCsvFile(path: string, parts: number, delimiter: string): CsvRange[] | undefined {
  const d = delimiter.charCodeAt(0);
  if (parts < 2 || delimiter.length !== 1 || d > 127 || d === 34 || d === 10 || d === 13) return undefined;
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const ranges: CsvRange[] = [{ start: 0, end: size, line: 1 }];
    let target = Math.floor(size / parts);
    const buf = Buffer.allocUnsafe(1 << 22);
    let inQuotes = false;
    let afterQuote = false;
    let fieldStart = true;
    let prevCr = false;
    let line = 1;
    for (let base = 0; ; ) {
      const got = readSync(fd, buf, 0, buf.length, base);
      if (got === 0) return ranges.length > 1 ? ranges : undefined;
      // A byte-order mark is not field content for the parser.
      let k = base === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      for (; k < got; k++) {
        const c = buf[k]!;
        if (afterQuote) {
          afterQuote = false;
          if (c === 34) {
            inQuotes = true; // "" inside a quoted field
            continue;
          }
        }
        if (inQuotes) {
          if (c === 34) {
            inQuotes = false;
            afterQuote = true;
          } else if (c === 10) line++;
          continue;
        }
        if (c === 10) {
          if (!prevCr) line++;
          prevCr = false;
          fieldStart = true;
          const pos = base + k + 1;
          if (pos >= target && pos < size) {
            ranges[ranges.length - 1]!.end = pos;
            ranges.push({ start: pos, end: size, line });
            if (ranges.length === parts) return ranges;
            target = Math.floor((size * ranges.length) / parts);
          }
          continue;
        }
        prevCr = c === 13;
        if (c === 13) {
          line++;
          fieldStart = true;
        } else if (c === d) fieldStart = true;
        else if (c === 34 && fieldStart) {
          inQuotes = true;
          fieldStart = false;
        } else fieldStart = false;
      }
      base += got;
    }
  } finally {
    closeSync(fd);
  }
}
