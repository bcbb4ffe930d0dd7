import { createReadStream } from "node:fs";

/** A row that could not be used, with its 1-based physical line number. */
export interface CsvIssue {
  line: number;
  message: string;
}

const CANDIDATES = [",", ";", "\t", "|"];

/** Guesses the delimiter from the header line: the candidate that occurs most often outside quotes. */
export function detectDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * An incremental RFC 4180 parser: quoted fields with doubled quotes and embedded newlines, CRLF/LF/CR line ends,
 * any one-character delimiter, a UTF-8 byte-order mark. Rows are delivered with the physical line they start on.
 * It is lenient where files in the wild are sloppy (text after a closing quote is kept) and reports, rather than
 * throws, on what it cannot read (an unterminated quote at the end of input).
 */
export class CsvParser {
  private buffer = "";
  private line = 1;
  private first = true;
  private delimiterCode = -1;

  /**
   * @param part when parsing a byte range of a larger file that starts at a row boundary (the parallel loader):
   *   the physical line the range starts on. The range is not a file start, so no byte-order mark is stripped
   *   and the delimiter must be given.
   */
  constructor(
    private readonly onRow: (fields: string[], line: number) => void,
    private readonly onIssue: (issue: CsvIssue) => void,
    private delimiter?: string,
    part?: { line: number },
  ) {
    if (part) {
      if (delimiter === undefined) throw new Error("CsvParser: a file part needs an explicit delimiter");
      this.line = part.line;
      this.first = false;
      this.delimiterCode = delimiter.charCodeAt(0);
    }
  }

  /** The delimiter in use (detected from the header when not given). */
  get usedDelimiter(): string {
    return this.delimiter ?? ",";
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    let text = this.buffer + chunk;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const nl = text.search(/[\r\n]/);
      if (nl < 0) {
        this.buffer = text;
        return;
      }
      this.first = false;
      this.delimiter ??= detectDelimiter(text.slice(0, nl));
      this.delimiterCode = this.delimiter.charCodeAt(0);
    }
    this.buffer = text.slice(this.parse(text, false));
  }

  /** Signals the end of input, flushing a last row without a line end. */
  end(): void {
    if (this.first) {
      this.first = false;
      if (this.buffer.charCodeAt(0) === 0xfeff) this.buffer = this.buffer.slice(1);
      this.delimiter ??= detectDelimiter(this.buffer);
      this.delimiterCode = this.delimiter.charCodeAt(0);
    }
    if (this.buffer.length > 0) this.parse(this.buffer, true);
    this.buffer = "";
  }

  /** Parses complete rows from `text`; returns where the unfinished remainder starts. */
  private parse(text: string, final: boolean): number {
    const d = this.delimiterCode;
    const len = text.length;
    let pos = 0;
    rows: while (pos < len) {
      const rowStart = pos;
      const rowLine = this.line;
      let newlines = 0;
      const fields: string[] = [];
      for (;;) {
        let value: string;
        if (text.charCodeAt(pos) === 34) {
          // Quoted field.
          let out = "";
          let p = pos + 1;
          for (;;) {
            const q = text.indexOf('"', p);
            if (q < 0) {
              if (!final) return rowStart;
              this.onIssue({ line: rowLine, message: "unterminated quoted field; rest of file skipped" });
              this.line += newlines;
              return len;
            }
            out += text.slice(p, q);
            if (text.charCodeAt(q + 1) === 34) {
              out += '"';
              p = q + 2;
              continue;
            }
            if (q + 1 >= len && !final) return rowStart;
            p = q + 1;
            break;
          }
          for (let k = pos; k < p; k++) if (text.charCodeAt(k) === 10) newlines++;
          // Lenient: keep any text between the closing quote and the delimiter.
          let e = p;
          while (e < len) {
            const c = text.charCodeAt(e);
            if (c === d || c === 10 || c === 13) break;
            e++;
          }
          value = e > p ? out + text.slice(p, e) : out;
          pos = e;
        } else {
          let e = pos;
          while (e < len) {
            const c = text.charCodeAt(e);
            if (c === d || c === 10 || c === 13) break;
            e++;
          }
          value = text.slice(pos, e);
          pos = e;
        }
        fields.push(value);
        if (pos >= len) {
          if (!final) return rowStart;
          this.emit(fields, rowLine);
          this.line += newlines + 1;
          return len;
        }
        const c = text.charCodeAt(pos);
        if (c === d) {
          pos++;
          continue;
        }
        // Line end: \n, \r\n or \r. A \r at the very end of a chunk may be half of \r\n.
        if (c === 13) {
          if (pos + 1 >= len && !final) return rowStart;
          pos += text.charCodeAt(pos + 1) === 10 ? 2 : 1;
        } else pos++;
        this.line += newlines + 1;
        this.emit(fields, rowLine);
        continue rows;
      }
    }
    return pos;
  }

  private emit(fields: string[], line: number): void {
    // Blank lines are not rows.
    if (fields.length === 1 && fields[0]!.trim() === "") return;
    this.onRow(fields, line);
  }
}

/**
 * Streams a CSV file through a {@link CsvParser}. UTF-8, with or without a byte-order mark.
 * @returns the delimiter used.
 */
export async function readCsvFile(
  path: string,
  onRow: (fields: string[], line: number) => void,
  onIssue: (issue: CsvIssue) => void,
  delimiter?: string,
): Promise<string> {
  const parser = new CsvParser(onRow, onIssue, delimiter);
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    parser.push(chunk as string);
  }
  parser.end();
  return parser.usedDelimiter;
}
