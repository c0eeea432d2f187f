// The production build's initial size: every script and stylesheet that
// index.html loads up front (lazy route chunks excluded), each gzipped at
// level 9 as a server would send it. Usage: node ui/scripts/bundle-size.mjs
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'taskrocket', 'browser');
const index = join(dist, 'index.html');
if (!existsSync(index)) {
  console.error('no build: run `make ui` first');
  process.exit(1);
}
const html = readFileSync(index, 'utf8');
// The entry module, its static imports (modulepreload) and the stylesheets.
const files = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const seen = new Set();
const queue = [...files];
while (queue.length) {
  const f = queue.shift();
  if (seen.has(f)) continue;
  seen.add(f);
  if (!f.endsWith('.js')) continue;
  const src = readFileSync(join(dist, f), 'utf8');
  // Static imports only: `import"./chunk-X.js"` / `from"./chunk-X.js"`; dynamic import() chunks load later.
  for (const m of src.matchAll(/(?:import|from)\s*"\.\/([^"]+\.js)"/g)) queue.push(m[1]);
}
let raw = 0;
let gz = 0;
const rows = [];
for (const f of seen) {
  const buf = readFileSync(join(dist, f));
  const z = gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += z;
  rows.push(`${f.padEnd(28)} ${(buf.length / 1024).toFixed(1).padStart(8)} kB ${(z / 1024).toFixed(1).padStart(8)} kB gzipped`);
}
console.log(rows.join('\n'));
console.log(`${'initial total'.padEnd(28)} ${(raw / 1024).toFixed(1).padStart(8)} kB ${(gz / 1024).toFixed(1).padStart(8)} kB gzipped (target <= 250 kB)`);
if (gz > 250 * 1024) process.exit(1);
