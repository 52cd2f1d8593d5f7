// The timestamptz reader gives the instant the database means (its own epoch milliseconds), for
// the values it sends in a UTC session and in sessions with other offsets, BC years and infinity;
// the ISO reader gives exactly that instant's toISOString().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openTestDb } from '../../testing/harness.ts';
import type { Db } from './connection.ts';
import { parseTimestamptz, timestamptzToIso } from './parse-timestamptz.ts';

const sentAs = async (db: Db, timeZone: string): Promise<Array<{ t: string; ms: string }>> => {
  const client = await db.pool.connect();
  try {
    await client.query(`set time zone '${timeZone}'`);
    const { rows } = await client.query<{ t: string; ms: string }>(
      `select t::text as t, floor(extract(epoch from t) * 1000)::text as ms from (
         select timestamptz '2026-03-08 01:59:59.999999+00' + g * interval '37 minutes 13.000417 seconds' as t from generate_series(0, 400) g
         union all values (timestamptz '2026-12-01 08:00:00+00'), (timestamptz '2026-12-01 08:00:00.1+00'), (timestamptz '2026-12-01 08:00:00.29+00'),
           (timestamptz '1999-12-31 23:59:59.57+00'), (timestamptz '1000-01-01 00:00:00+00'), (timestamptz '0050-06-01 12:00:00+00'),
           (timestamptz '0044-03-15 12:00:00+00 BC'), (timestamptz 'infinity'), (timestamptz '-infinity')
       ) v`,
    );
    return rows;
  } finally {
    await client.query('reset time zone');
    client.release();
  }
};

describe('reading timestamptz from the database', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  for (const zone of ['UTC', 'Asia/Shanghai', 'Asia/Kolkata', 'America/St_Johns']) {
    it(`reads every value sent in a ${zone} session as the instant PostgreSQL means`, async () => {
      const values = await sentAs(db, zone);
      expect(values.length).toBe(410);
      for (const { t, ms } of values) {
        const read = parseTimestamptz(t);
        expect(read instanceof Date ? read.getTime() : read, t).toBe(Number(ms));
      }
    });

    it(`writes every value sent in a ${zone} session as the ISO string its Date would give`, async () => {
      for (const { t } of await sentAs(db, zone)) {
        const read = parseTimestamptz(t);
        expect(timestamptzToIso(t), t).toBe(read instanceof Date ? read.toISOString() : read);
      }
    });
  }

  it('is the parser node-postgres uses, so rows carry Dates as before', async () => {
    expect(pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ)).toBe(parseTimestamptz);
    const { rows } = await db.pool.query<{ t: Date }>(`select timestamptz '2026-12-01 08:00:00.123456+08' as t`);
    expect(rows[0].t).toBeInstanceOf(Date);
    expect(rows[0].t.toISOString()).toBe('2026-12-01T00:00:00.123Z');
  });
});
