// Keeps the database writing while the next rows are read and checked: rows are encoded as they
// queue up and go to the sink the moment the previous write has finished, so a write carries
// every row prepared meanwhile (up to MAX_CHUNK) and the database never waits for the next batch
// to be checked. Each write runs in a savepoint; a write the database refuses is rolled back to
// it and split in halves until each refused row is found and named by its line.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { databaseErrorToAppError } from '../../platform/http/db-errors.ts';
import { EncodedRows, type RowSink, type RowToWrite } from './batch-writer.ts';

/** rows per write at most: few savepoints for a million rows, and bounded memory */
const MAX_CHUNK = 25_000;

export interface RefusedRow {
  line: number;
  message: string;
}

export class WriteQueue {
  /** the rows waiting, in writes of at most MAX_CHUNK rows: only the last one is still filling */
  private queued: EncodedRows[] = [];
  private writing: Promise<void> | null = null;
  private refused: RefusedRow[] = [];

  private constructor(
    private readonly trx: Tx,
    private readonly sink: RowSink,
  ) {}

  /** Opens the savepoint the first write runs in, so no write waits for one when it starts. */
  static async open(trx: Tx, sink: RowSink): Promise<WriteQueue> {
    await sql`savepoint import_write`.execute(trx);
    return new WriteQueue(trx, sink);
  }

  /** Queues the rows; waits only when a full chunk is already waiting. Returns the rows refused so far. */
  async add(rows: RowToWrite[]): Promise<RefusedRow[]> {
    for (const row of rows) {
      let last = this.queued.at(-1);
      if (!last || last.rows.length >= MAX_CHUNK) this.queued.push((last = new EncodedRows()));
      last.add(row);
      // a full chunk is joined now, while the write before it runs, not when it starts
      if (last.rows.length === MAX_CHUNK) last.statements();
    }
    while (this.writing && (this.queued[0]?.rows.length ?? 0) >= MAX_CHUNK) await this.writing;
    if (!this.writing && this.queued.length) this.startWrite();
    // one turn of the event loop per batch: a write just started reaches the database, and the
    // end of one in flight is seen, before the caller goes on checking rows for a while
    await nextTurn();
    return this.takeRefused();
  }

  /** Writes everything queued; returns the rows refused since the last call. */
  async finish(): Promise<RefusedRow[]> {
    while (this.writing || this.queued.length) {
      if (this.writing) await this.writing;
      else this.startWrite();
    }
    await sql`release savepoint import_write`.execute(this.trx);
    return this.takeRefused();
  }

  /** Waits for a write in flight after a failure elsewhere, so the transaction can roll back. */
  async stop(): Promise<void> {
    this.queued = [];
    await this.writing?.catch(() => undefined);
  }

  private takeRefused(): RefusedRow[] {
    const out = this.refused;
    this.refused = [];
    return out;
  }

  private startWrite(): void {
    const rows = this.queued.shift() as EncodedRows;
    const run = this.writeOrSplit(rows);
    this.writing = run;
    // the next write starts as soon as this one is done; a failure stays for whoever waits next
    void run.then(
      () => {
        this.writing = null;
        if (this.queued.length) this.startWrite();
      },
      () => undefined,
    );
  }

  private async writeOrSplit(rows: EncodedRows): Promise<void> {
    try {
      await this.sink.insert(rows);
    } catch (err) {
      const known = databaseErrorToAppError(err);
      if (!known) throw err;
      // the savepoint stays after the rollback, ready for the next insert
      await sql`rollback to savepoint import_write`.execute(this.trx);
      if (rows.rows.length === 1) {
        this.refused.push({ line: rows.rows[0].line, message: known.message });
        return;
      }
      const half = Math.ceil(rows.rows.length / 2);
      await this.writeOrSplit(EncodedRows.of(rows.rows.slice(0, half)));
      await this.writeOrSplit(EncodedRows.of(rows.rows.slice(half)));
      return;
    }
    // keep the rows and open the next write's savepoint in the same round trip, so the next
    // write needs none when it starts
    await sql.raw('release savepoint import_write; savepoint import_write').execute(this.trx);
  }
}
