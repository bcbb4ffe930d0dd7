import { createWriteStream } from "node:fs";
import { type Stringifier, stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";

/**
 * CSV text of rows (RFC 4180 quoting by csv-stringify: a field is quoted when it holds the delimiter, a quote or a
 * line end), each row ending in "\n".
 */
export function csvRows(rows: readonly (readonly string[])[]): string {
  return stringifySync(rows as string[][]);
}

/**
 * A CSV writer over csv-stringify's stream interface (faster than its sync API on batches of rows,
 * bench/linkage-csv.bench.ts), with back-pressure respected.
 */
export class CsvWriter {
  private readonly target: NodeJS.WritableStream;
  private readonly owned: boolean;
  private readonly csv: Stringifier = stringify();

  /** @param target a file path, or a stream such as process.stdout (flushed but not closed). */
  constructor(target: string | NodeJS.WritableStream, header: readonly string[]) {
    this.owned = typeof target === "string";
    this.target = typeof target === "string" ? createWriteStream(target, { encoding: "utf8" }) : target;
    this.csv.pipe(this.target, { end: this.owned });
    this.csv.write([...header]);
  }

  /** Adds one row; resolves immediately unless the stream needs to drain. */
  async row(fields: readonly string[]): Promise<void> {
    if (!this.csv.write(fields))
      await new Promise<void>((resolve) => this.csv.once("drain", () => resolve()));
  }

  /** Flushes and, for a file, closes it. */
  async close(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      if (this.owned) {
        this.target.once("error", reject);
        this.target.once("finish", () => resolve());
      } else this.csv.once("end", () => resolve());
    });
    this.csv.end();
    await done;
  }
}
