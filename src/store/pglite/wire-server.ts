import { rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { Duplex } from "node:stream";
import type { PGlite } from "@electric-sql/pglite";
import { SessionGate } from "./session-gate.ts";
import { WireSession } from "./wire-session.ts";

/**
 * Serves one PGlite to many PostgreSQL clients at once: `pg` connections inside this process
 * (through in-memory streams, no socket) and other processes such as a `harbor` CLI run beside the
 * server (through a private Unix socket). Every connection is a WireSession behind one SessionGate,
 * so each unit of work has the backend to itself.
 */
export class PGliteWireServer {
  private readonly gate: SessionGate;
  private readonly sessions = new Set<WireSession>();
  private socketServer: Server | undefined;

  constructor(
    private readonly pglite: PGlite,
    options: { idleInTransactionMs?: number } = {},
  ) {
    this.gate = new SessionGate(options.idleInTransactionMs ?? 10_000);
  }

  /** A new in-process connection, for `pg`'s `stream` option. */
  connectInProcess(): Duplex {
    let session: WireSession | undefined;
    const stream = new InProcessSocket({
      write: (chunk) => session?.receive(chunk),
      close: () => session?.close(),
    });
    session = this.open({
      write: (bytes) => stream.push(bytes),
      end: () => {
        // pg notices a closed connection by the stream's 'close', after it has read what came before.
        stream.once("end", () => stream.destroy());
        stream.push(null);
      },
    });
    return stream;
  }

  /** Listens on a Unix socket path for connections from other processes. */
  async listen(socketPath: string): Promise<void> {
    rmSync(socketPath, { force: true });
    const server = createServer((socket) => this.attach(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
    this.socketServer = server;
  }

  /** Ends every connection (rolling back open transactions) and stops listening. */
  async stop(): Promise<void> {
    this.gate.close();
    for (const session of this.sessions) session.close();
    const server = this.socketServer;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    // Let the sessions' roll-backs run before PGlite closes.
    await this.pglite.runExclusive(async () => {});
  }

  private attach(socket: Socket): void {
    const session = this.open({
      write: (bytes) => {
        if (socket.writable) socket.write(bytes);
      },
      end: () => socket.end(),
    });
    socket.on("data", (chunk: Buffer) => session.receive(chunk));
    socket.on("error", () => session.close());
    socket.on("close", () => session.close());
  }

  private open(output: { write(bytes: Buffer): void; end(): void }): WireSession {
    const session = new WireSession(this.gate, this.pglite, {
      write: output.write,
      end: () => {
        this.sessions.delete(session);
        output.end();
      },
    });
    this.sessions.add(session);
    return session;
  }
}

/** What `pg` expects of a socket, over an in-memory pipe to a WireSession. */
class InProcessSocket extends Duplex {
  constructor(private readonly peer: { write(chunk: Buffer): void; close(): void }) {
    super();
  }

  connect(): this {
    process.nextTick(() => this.emit("connect"));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.peer.write(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer.close();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.peer.close();
    callback(error);
  }
}
