/**
 * One PGlite is one PostgreSQL backend: one session, one transaction at a time. The gate hands that
 * backend to one connection at a time, in arrival order, for a whole unit of work: from a
 * connection's first message until the backend is idle again outside a transaction (a single
 * statement, or a whole BEGIN … COMMIT). Nothing of another connection runs in between, so no
 * connection can see another's unnamed statement, portal, result rows or open transaction.
 *
 * A holder that sits idle inside a transaction while others wait is a deadlock waiting to happen
 * (for example, code awaiting a second connection inside its transaction): after `idleInTransactionMs`
 * it is told to end, as PostgreSQL's idle_in_transaction_session_timeout would.
 */
export interface GateHolder {
  /** Ends the holder's connection: it rolls back its transaction and leaves the gate. */
  terminateIdleInTransaction(): void;
}

interface Waiter {
  holder: GateHolder;
  resolve(): void;
  reject(error: Error): void;
}

export class SessionGate {
  private current: GateHolder | null = null;
  private readonly waiters: Waiter[] = [];
  private idleSince: number | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly idleInTransactionMs: number) {}

  /** Resolves when `holder` has the backend to itself. */
  acquire(holder: GateHolder): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The embedded store is closed."));
    if (this.current === holder) return Promise.resolve();
    if (this.current === null) {
      this.current = holder;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ holder, resolve, reject });
      this.checkIdleHolder();
    });
  }

  /** Gives the backend to the next waiter. Only the holder may release. */
  release(holder: GateHolder): void {
    if (this.current !== holder) return;
    this.markBusy();
    const next = this.waiters.shift();
    this.current = next?.holder ?? null;
    next?.resolve();
  }

  /** Removes a connection that goes away while it waits. */
  abandon(holder: GateHolder): void {
    const index = this.waiters.findIndex((w) => w.holder === holder);
    if (index >= 0) this.waiters.splice(index, 1)[0]?.reject(new Error("Connection closed while waiting."));
  }

  holds(holder: GateHolder): boolean {
    return this.current === holder;
  }

  /** The holder finished a message batch and waits for its client inside a transaction. */
  markIdleInTransaction(holder: GateHolder): void {
    if (this.current !== holder) return;
    this.idleSince = Date.now();
    clearTimeout(this.idleTimer);
    // Not unref'd: a waiter may be all that is left, and it must be freed rather than abandoned.
    this.idleTimer = setTimeout(() => this.checkIdleHolder(), this.idleInTransactionMs);
  }

  /** The holder is running a batch again. */
  markBusy(): void {
    this.idleSince = null;
    clearTimeout(this.idleTimer);
  }

  /** Refuses every waiter and all later acquisitions (the store is stopping). */
  close(): void {
    this.closed = true;
    this.markBusy();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error("The embedded store is closed."));
  }

  private checkIdleHolder(): void {
    if (this.current === null || this.idleSince === null || this.waiters.length === 0) return;
    if (Date.now() - this.idleSince >= this.idleInTransactionMs) {
      const holder = this.current;
      this.markBusy();
      holder.terminateIdleInTransaction();
    }
  }
}
