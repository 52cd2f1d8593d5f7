// The deviation report as CSV (UTF-8 with BOM, so Excel opens the Chinese) and as PDF (pdfkit
// with Noto Sans SC from @fontsource/noto-sans-sc: the font ships in split unicode-range files,
// so each run of text is set in the file that has its glyphs; pdfkit embeds only the glyphs used.
// The WOFF (not WOFF2) files are used: fontkit's WOFF2 glyphs came out blank in the PDF).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import type { listDeviations } from './deviation-report.ts';
import { builtinTags } from './root-causes.ts';

type Report = Awaited<ReturnType<typeof listDeviations>>;
const kindLabel: Record<string, string> = { slipped: '延期 slipped', lost: '丢单 lost', amount_cut: '金额下调 amount cut', unforecast_win: '预测外赢单 unforecast win' };
/** ¥ with thousands separators from a decimal string, the sign before the symbol */
const yuan = (v: string) => `${v.startsWith('-') ? '-' : ''}¥${v.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const tagLabel = (key: string, custom: Map<string, string>) => builtinTags.find((t) => t.key === key)?.label ?? custom.get(key) ?? key;

export function deviationCsv(report: Report, custom: Map<string, string>): string {
  const rows = report.items.map((d, i) => [
    i + 1,
    d.opportunity.name,
    d.owner?.name ?? '',
    kindLabel[d.kind] ?? d.kind,
    d.forecastCategory ?? '',
    d.forecast,
    d.actual,
    d.deviation,
    d.proposed.map((p) => tagLabel(p.tag, custom)).join('；'),
    d.proposed.flatMap((p) => p.evidence).join(' | '),
    (d.confirmedTags ?? []).map((t) => tagLabel(t, custom)).join('；'),
    d.confirmedBy?.name ?? '',
  ]);
  return '\ufeff' + stringify([['#', '商机 deal', '负责人 owner', '类型 kind', '预测类别 category', '预测 forecast', '实际 actual', '偏差 deviation', '建议原因 proposed', '依据 evidence', '确认原因 confirmed', '确认人 confirmed by'], ...rows]);
}

interface FontFile {
  name: string;
  ranges: [number, number][];
}
let fonts: FontFile[] | undefined;

/** The 400-weight files of Noto Sans SC and the code points each covers (from the package's CSS). */
function loadFonts(): FontFile[] {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@fontsource/noto-sans-sc/400.css'));
  const css = fs.readFileSync(path.join(dir, '400.css'), 'utf8');
  const out: FontFile[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((r) => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a, 16), parseInt(b ?? a, 16)] as [number, number];
    });
    out.push({ name: path.join(dir, 'files', file), ranges });
  }
  fonts = out;
  return out;
}

function fontFor(cp: number): string | null {
  for (const f of loadFonts()) for (const [a, b] of f.ranges) if (cp >= a && cp <= b) return f.name;
  return null;
}

/** Writes text in runs, switching to the font file that holds each character. */
function write(doc: PDFKit.PDFDocument, text: string, x: number, y: number, opts: { size?: number; width?: number } = {}) {
  doc.fontSize(opts.size ?? 9);
  const runs: { font: string; text: string }[] = [];
  for (const ch of text) {
    const font = fontFor(ch.codePointAt(0) as number) ?? runs[runs.length - 1]?.font ?? (fontFor(0x41) as string);
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  let cx = x;
  const limit = x + (opts.width ?? 10_000);
  for (const r of runs) {
    doc.font(r.font);
    let t = r.text;
    while (t.length && cx + doc.widthOfString(t) > limit) t = t.slice(0, -1);
    if (t.length) doc.text(t, cx, y, { lineBreak: false });
    cx += doc.widthOfString(t);
    if (t.length < r.text.length) break;
  }
}

export function deviationPdf(report: Report, custom: Map<string, string>, title: { tenant: string; generatedAt: Date }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: `Forecast deviations ${report.month}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  write(doc, `${title.tenant} · 预测偏差月报 Forecast deviation report · ${report.month}`, 36, 36, { size: 15 });
  write(doc, `生成于 generated ${title.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · 前十大偏差 ten largest deviations`, 36, 58, { size: 9 });
  const cols = [
    { h: '#', w: 20 },
    { h: '商机 Deal', w: 170 },
    { h: '负责人 Owner', w: 60 },
    { h: '类型 Kind', w: 90 },
    { h: '预测 Forecast', w: 70 },
    { h: '实际 Actual', w: 70 },
    { h: '偏差 Deviation', w: 72 },
    { h: '原因 Root causes (proposed → confirmed)', w: 218 },
  ];
  let y = 84;
  const row = (cells: string[], size = 8) => {
    let x = 36;
    cells.forEach((c, i) => {
      write(doc, c, x, y, { size, width: cols[i].w - 4 });
      x += cols[i].w;
    });
  };
  row(cols.map((c) => c.h), 8);
  y += 14;
  doc.moveTo(36, y - 3).lineTo(806, y - 3).lineWidth(0.5).stroke('#999999');
  report.items.forEach((d, i) => {
    if (y > 540) {
      doc.addPage();
      y = 36;
    }
    const proposed = d.proposed.map((p) => tagLabel(p.tag, custom)).join('、') || '—';
    const confirmed = d.confirmedTags ? d.confirmedTags.map((t) => tagLabel(t, custom)).join('、') : '待确认 pending';
    row([String(i + 1), d.opportunity.name, d.owner?.name ?? '—', kindLabel[d.kind] ?? d.kind, yuan(d.forecast), yuan(d.actual), yuan(d.deviation), `${proposed} → ${confirmed}`]);
    y += 12;
    const evidence = d.proposed.flatMap((p) => p.evidence).slice(0, 2).join('；');
    if (evidence) {
      write(doc, `依据 evidence: ${evidence}`, 56, y, { size: 7, width: 740 });
      y += 11;
    }
    y += 4;
  });
  if (report.items.length === 0) write(doc, '本月没有偏差记录 No deviations recorded for this month.', 36, y, { size: 10 });
  doc.end();
  return done;
}
