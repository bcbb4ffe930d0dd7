import type { PGlite } from "@electric-sql/pglite";
import type { GateHolder, SessionGate } from "./session-gate.ts";
import { errorResponse, type FrontendMessage, readFrontendMessages, simpleQuery } from "./wire-protocol.ts";

/** Where a session writes the backend's answers: a socket, or an in-process stream. */
export interface WireOutput {
  write(bytes: Buffer): void;
  end(): void;
}

const ROLLBACK = simpleQuery("ROLLBACK");
const NO_SSL = Buffer.from("N");
const PARSE = 0x50; // 'P'
const CLOSE = 0x43; // 'C'
const STATEMENT = 0x53; // 'S'

/**
 * One client connection speaking the PostgreSQL wire protocol to the shared PGlite backend. Messages
 * are handled strictly in order; a batch runs only while this session holds the gate (see
 * session-gate.ts), which it keeps until the backend is idle outside a transaction after a Sync or a
 * simple Query. A session that goes away mid-transaction is rolled back before the gate moves on.
 */
export class WireSession implements GateHolder {
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  private closed = false;
  private left = false;
  private work: Promise<void> = Promise.resolve();
  /** Named statements this connection prepared: they live in the one backend session all share. */
  private readonly prepared = new Set<string>();

  constructor(
    private readonly gate: SessionGate,
    private readonly pglite: PGlite,
    private readonly output: WireOutput,
  ) {}

  /** Bytes from the client. */
  receive(chunk: Buffer): void {
    if (this.closed) return;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.enqueue(() => this.drain());
  }

  /** The client went away (or the stream was destroyed). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.gate.abandon(this);
    this.enqueue(() => this.leave());
  }

  terminateIdleInTransaction(): void {
    if (this.closed) return;
    this.closed = true;
    this.enqueue(async () => {
      this.output.write(
        errorResponse("25P03", "terminating connection: idle in transaction while others waited"),
      );
      await this.leave();
    });
  }

  private enqueue(step: () => Promise<void>): void {
    this.work = this.work.then(step).catch(() => this.fail());
  }

  private async drain(): Promise<void> {
    const { messages, rest } = readFrontendMessages(this.pending, this.started);
    this.pending = rest;
    let batch: FrontendMessage[] = [];
    for (const message of messages) {
      if (message.kind === "query") {
        batch.push(message);
        continue;
      }
      if (batch.length) await this.run(batch);
      batch = [];
      if (message.kind === "startup") {
        await this.run([message]);
        this.started = true;
      } else if (message.kind === "encryption-request") {
        this.output.write(NO_SSL);
      } else {
        // Terminate, or a cancel request (not supported: the client just closes).
        this.closed = true;
        await this.leave();
        return;
      }
    }
    if (batch.length) await this.run(batch);
  }

  private async run(batch: FrontendMessage[]): Promise<void> {
    if (!this.gate.holds(this)) await this.gate.acquire(this);
    this.gate.markBusy();
    for (const message of batch) this.notePrepared(message.bytes);
    const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((m) => m.bytes));
    await this.pglite.runExclusive(() =>
      this.pglite.execProtocolRawStream(bytes, {
        onRawData: (data) => {
          if (!this.closed) this.output.write(Buffer.from(data));
        },
      }),
    );
    const last = batch[batch.length - 1]!;
    if (!last.endsUnitOfWork) return;
    if (this.pglite.isInTransaction()) this.gate.markIdleInTransaction(this);
    else this.gate.release(this);
  }

  /** Remembers the names of statements parsed (Parse) and forgets those closed (Close 'S'). */
  private notePrepared(bytes: Buffer): void {
    if (bytes[0] === PARSE && bytes[5] !== 0)
      this.prepared.add(bytes.toString("utf8", 5, bytes.indexOf(0, 5)));
    else if (bytes[0] === CLOSE && bytes[5] === STATEMENT)
      this.prepared.delete(bytes.toString("utf8", 6, bytes.indexOf(0, 6)));
  }

  /**
   * Deallocates this connection's named statements: they would otherwise outlive it in the shared
   * session. Each alone, so one already gone fails only itself; a store that is stopping skips them.
   */
  private async deallocatePrepared(): Promise<void> {
    if (!this.prepared.size) return;
    try {
      if (!this.gate.holds(this)) await this.gate.acquire(this);
    } catch {
      return;
    }
    for (const name of this.prepared) {
      const deallocate = simpleQuery(`DEALLOCATE "${name.replace(/"/g, '""')}"`);
      await this.pglite.runExclusive(() =>
        this.pglite.execProtocolRawStream(deallocate, { onRawData: () => {} }),
      );
    }
    this.prepared.clear();
  }

  /** Rolls back what this session left open, hands the gate on and ends the output. */
  private async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    try {
      if (this.gate.holds(this) && this.pglite.isInTransaction()) {
        await this.pglite.runExclusive(() =>
          this.pglite.execProtocolRawStream(ROLLBACK, { onRawData: () => {} }),
        );
      }
      await this.deallocatePrepared();
    } finally {
      this.gate.release(this);
      this.output.end();
    }
  }

  private async fail(): Promise<void> {
    const wasClosed = this.closed;
    this.closed = true;
    if (!wasClosed) {
      this.output.write(errorResponse("58000", "the embedded store failed to run the request"));
    }
    try {
      await this.leave();
    } catch {
      // leave() released the gate in its finally; the backend itself is what failed.
    }
  }
}
