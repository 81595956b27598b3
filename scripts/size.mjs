// Size of the release build: raw, gzip (level 9) and brotli (quality 11) for the
// .wasm, the .js, the .css and the total. Prints one line and writes bench-report/size.json.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(process.argv[2] || 'dist');
// The first load of the standalone page: the page, the wasm-bindgen glue, the wasm and
// the styles (the data is compiled into the wasm). Demo pages and the loader are not.
const FIRST_LOAD = ['index.html', 'dual-use-check.js', 'dual-use-check_bg.wasm', 'style.css'];
const files = fs.readdirSync(dist).filter((f) => FIRST_LOAD.includes(f));
const sizes = {};
for (const f of files) {
  const buf = fs.readFileSync(path.join(dist, f));
  const kind = path.extname(f).slice(1);
  const s = sizes[kind] || (sizes[kind] = { raw: 0, gzip: 0, brotli: 0 });
  s.raw += buf.length;
  s.gzip += zlib.gzipSync(buf, { level: 9 }).length;
  s.brotli += zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const s of Object.values(sizes)) for (const k of Object.keys(total)) total[k] += s[k];
sizes.total = total;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const part = (k) => sizes[k] ? `${k} ${kb(sizes[k].raw)} raw / ${kb(sizes[k].gzip)} gz / ${kb(sizes[k].brotli)} br` : '';
console.log('size: ' + ['wasm', 'js', 'css', 'total'].map(part).filter(Boolean).join(' | '));
fs.mkdirSync('bench-report', { recursive: true });
fs.writeFileSync('bench-report/size.json', JSON.stringify(sizes, null, 2));
