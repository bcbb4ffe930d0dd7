import { createWriteStream } from "node:fs";

const needsQuotes = /[",\r\n]/;

/** Quotes a CSV field when it contains a comma, quote or line end (RFC 4180). */
export function csvField(value: string): string {
  return needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A buffered CSV writer: rows are joined into large strings before each write, which keeps a million-row output
 * to a few hundred write calls, and back-pressure is respected.
 */
export class CsvWriter {
  private readonly stream: NodeJS.WritableStream;
  private readonly owned: boolean;
  private chunk: string[] = [];
  private size = 0;

  /** @param target a file path, or a stream such as process.stdout (flushed but not closed). */
  constructor(target: string | NodeJS.WritableStream, header: readonly string[]) {
    this.owned = typeof target === "string";
    this.stream = typeof target === "string" ? createWriteStream(target, { encoding: "utf8" }) : target;
    this.chunk.push(`${header.map(csvField).join(",")}\n`);
  }

  /** Adds one row; resolves immediately unless the stream needs to drain. */
  async row(fields: readonly string[]): Promise<void> {
    const line = `${fields.map(csvField).join(",")}\n`;
    this.chunk.push(line);
    this.size += line.length;
    if (this.size >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const data = this.chunk.join("");
    this.chunk = [];
    this.size = 0;
    if (!this.stream.write(data))
      await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    if (!this.owned) return;
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }
}
