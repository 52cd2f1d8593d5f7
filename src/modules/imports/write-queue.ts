// Keeps the database writing while the next rows are read and checked: rows queue up and go to
// the sink the moment the previous write has finished, so a write carries every row prepared
// meanwhile (up to MAX_CHUNK) and the database never waits for the next batch to be checked. Each write is one savepoint; a write the database refuses is
// rolled back and split in halves until each refused row is found and named by its line.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { databaseErrorToAppError } from '../../platform/http/db-errors.ts';
import type { RowSink, RowToWrite } from './batch-writer.ts';

/** rows per write at most: few savepoints for a million rows, and bounded memory */
const MAX_CHUNK = 25_000;

export interface RefusedRow {
  line: number;
  message: string;
}

export class WriteQueue {
  private queued: RowToWrite[] = [];
  private writing: Promise<void> | null = null;
  private refused: RefusedRow[] = [];

  constructor(
    private readonly trx: Tx,
    private readonly sink: RowSink,
  ) {}

  /** Queues the rows; waits only when a full chunk is already waiting. Returns the rows refused so far. */
  async add(rows: RowToWrite[]): Promise<RefusedRow[]> {
    for (const row of rows) this.queued.push(row);
    while (this.writing && this.queued.length >= MAX_CHUNK) await this.writing;
    if (!this.writing && this.queued.length) this.startWrite();
    return this.takeRefused();
  }

  /** Writes everything queued; returns the rows refused since the last call. */
  async finish(): Promise<RefusedRow[]> {
    while (this.writing || this.queued.length) {
      if (this.writing) await this.writing;
      else this.startWrite();
    }
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
    const rows = this.queued.splice(0, MAX_CHUNK);
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

  private async writeOrSplit(rows: RowToWrite[]): Promise<void> {
    await sql`savepoint import_write`.execute(this.trx);
    try {
      await this.sink.insert(rows);
      await sql`release savepoint import_write`.execute(this.trx);
      return;
    } catch (err) {
      const known = databaseErrorToAppError(err);
      if (!known) throw err;
      await sql`rollback to savepoint import_write`.execute(this.trx);
      await sql`release savepoint import_write`.execute(this.trx);
      if (rows.length === 1) {
        this.refused.push({ line: rows[0].line, message: known.message });
        return;
      }
    }
    const half = Math.ceil(rows.length / 2);
    await this.writeOrSplit(rows.slice(0, half));
    await this.writeOrSplit(rows.slice(half));
  }
}
