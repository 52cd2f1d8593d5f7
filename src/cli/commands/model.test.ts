// `sightline model evaluate` run as a real child process on CSVs the test writes: one JSON line
// of metrics for good history, a non-zero exit and a clear message for each bad file.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { seededRandom } from '../../ml/random.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../../bin/sightline.mjs');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-model-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** closed deals whose outcome follows touches, industry and an amount × stage interaction */
function dealHistory(rows: number, delimiter: string): string {
  const random = seededRandom(42);
  const industries = ['医疗器械', '制造业', 'SaaS', '分销'];
  const lines = [['编号', '行业', '金额', '近30天触达', '阶段天数', '结果'].join(delimiter)];
  for (let i = 0; i < rows; i++) {
    const industry = industries[Math.floor(random() * 4)];
    const amount = Math.round(random() * 1_000_000) / 100;
    const touches = random() < 0.1 ? '' : String(Math.floor(random() * 20));
    const stageDays = Math.floor(random() * 90);
    const score = (touches === '' ? -1 : Number(touches) / 5 - 2) + (industry === '医疗器械' ? 1.5 : 0) + (amount > 5000 === stageDays < 45 ? 1 : -1) + (random() - 0.5) * 2;
    lines.push([`D${i}`, industry, amount.toFixed(2), touches, stageDays, score > 0 ? '赢单' : '输单'].join(delimiter));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function evaluate(file: string, ...extra: string[]) {
  return run(process.execPath, [bin, 'model', 'evaluate', '--csv', file, ...extra], { encoding: 'utf8' });
}

async function failure(file: string, ...extra: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await evaluate(file, ...extra);
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error('model evaluate succeeded on a bad file');
}

describe('sightline model evaluate', () => {
  it('cross-validates a Chinese GBK semicolon CSV and prints one JSON object', async () => {
    const file = write('deals.csv', iconv.encode(dealHistory(2000, ';'), 'gb18030'));
    const { stdout, stderr } = await evaluate(file, '--target', '结果', '--positive', '赢单', '--id', '编号', '--folds', '4', '--seed', '7');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(Object.keys(result)).toEqual(['rows', 'features', 'folds', 'auc', 'logloss', 'brier', 'train_ms', 'predict_us_per_row']);
    expect(result).toMatchObject({ rows: 2000, features: 4, folds: 4 });
    expect(result.auc).toBeGreaterThan(0.8);
    expect(result.logloss).toBeLessThan(0.6);
    expect(result.brier).toBeLessThan(0.2);
    expect(stderr).toContain('gb18030');
    expect(stderr).toContain('行业:cat');
    expect(stderr).toContain('近30天触达:num');
    expect(stderr).toContain('fold 4/4');
    // the same seed gives the same metrics
    const again = JSON.parse((await evaluate(file, '--target', '结果', '--positive', '赢单', '--id', '编号', '--folds', '4', '--seed', '7')).stdout);
    expect(again.auc).toBe(result.auc);
  }, 60_000);

  it('leaves out dropped columns', async () => {
    const file = write('drop.csv', dealHistory(300, ','));
    const { stdout } = await evaluate(file, '--target', '结果', '--positive', '赢单', '--drop', '编号', '--drop', '金额');
    expect(JSON.parse(stdout).features).toBe(3);
  }, 30_000);

  it('refuses a column that does not exist, naming the columns there are', async () => {
    const file = write('no-col.csv', dealHistory(100, ','));
    const { code, stderr } = await failure(file, '--target', 'outcome', '--positive', '赢单');
    expect(code).not.toBe(0);
    expect(stderr).toContain('There is no column "outcome" (--target)');
    expect(stderr).toContain('行业');
    expect((await failure(file, '--target', '结果', '--positive', '赢单', '--drop', "x'; drop table deals; --")).stderr).toContain('--drop');
  }, 30_000);

  it('refuses history with one outcome only', async () => {
    const file = write('one-class.csv', 'amount,result\n1,won\n2,won\n3,won\n');
    expect((await failure(file, '--target', 'result', '--positive', 'won')).stderr).toContain('needs both outcomes');
    expect((await failure(file, '--target', 'result', '--positive', 'Won 🎉')).stderr).toContain('No row has "Won 🎉"');
  }, 30_000);

  it('refuses an empty file and a header without rows', async () => {
    expect((await failure(write('empty.csv', ''), '--target', 'result', '--positive', 'won')).stderr).toContain('The file is empty');
    expect((await failure(write('header.csv', 'amount,result\n'), '--target', 'result', '--positive', 'won')).stderr).toContain('no rows of data');
  }, 30_000);

  it('refuses a ragged row, naming its line', async () => {
    const file = write('ragged.csv', 'amount,industry,result\n1,SaaS,won\n2,制造业\n3,SaaS,lost\n');
    const { code, stderr } = await failure(file, '--target', 'result', '--positive', 'won');
    expect(code).not.toBe(0);
    expect(stderr).toContain('Line 3 has 2 cells but the header has 3');
  }, 30_000);

  it('refuses a missing file, a missing outcome and a bad --folds', async () => {
    expect((await failure(path.join(dir, 'nope.csv'), '--target', 'r', '--positive', 'w')).stderr).toContain('There is no file');
    const blank = write('blank-target.csv', 'amount,result\n1,won\n2,\n3,lost\n');
    expect((await failure(blank, '--target', 'result', '--positive', 'won')).stderr).toContain('Line 3 has no value in the target column');
    const few = write('few.csv', 'amount,result\n1,won\n2,lost\n3,lost\n');
    expect((await failure(few, '--target', 'result', '--positive', 'won', '--folds', '0')).stderr).toContain('whole number');
    expect((await failure(few, '--target', 'result', '--positive', 'won')).stderr).toContain('5 folds need at least 5 rows of each outcome');
  }, 60_000);
});
