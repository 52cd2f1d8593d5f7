// Prints the gzipped size of the JavaScript and CSS the browser loads before the first page renders
// (the entry script and its modulepreloads in web/dist/index.html) as JSON, for `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const INITIAL_JS_BUDGET_BYTES = 350 * 1024;

export interface BundleReport {
  initialJsGzipBytes: number;
  initialCssGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
  initialFiles: { file: string; gzipBytes: number }[];
  allJsGzipBytes: number;
}

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export function measureBundle(distDir: string): BundleReport {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const initialFiles = [...new Set(refs)].map((ref) => ({ file: ref, gzipBytes: gzipSize(path.join(distDir, ref.replace(/^\//, ''))) }));
  const sum = (ext: string) => initialFiles.filter((f) => f.file.endsWith(ext)).reduce((n, f) => n + f.gzipBytes, 0);
  const assets = path.join(distDir, 'assets');
  const allJsGzipBytes = fs.readdirSync(assets).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSize(path.join(assets, f)), 0);
  const initialJsGzipBytes = sum('.js');
  return { initialJsGzipBytes, initialCssGzipBytes: sum('.css'), budgetBytes: INITIAL_JS_BUDGET_BYTES, withinBudget: initialJsGzipBytes <= INITIAL_JS_BUDGET_BYTES, initialFiles, allJsGzipBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    console.error('web/dist/index.html is missing: run `npm run build:web` first.');
    process.exit(1);
  }
  console.log(JSON.stringify({ scenario: 'web-initial-bundle', ...measureBundle(distDir) }, null, 2));
}
