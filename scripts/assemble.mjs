// Assembles the unpacked extensions dist/chrome and dist/firefox from manifest.json, extension/
// and the generated wasm + glue, writes their zips and prints the sizes we care about.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const api = new URL(args.api);
const out = args.out;
const gen = args.gen;

const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(api.hostname);
if (api.protocol !== 'https:' && !(api.protocol === 'http:' && loopback)) {
  console.error(`refusing API base ${args.api}: it must be https:// (http:// only on loopback)`);
  process.exit(2);
}

const cargoToml = readFileSync('Cargo.toml', 'utf8');
const version = /\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(cargoToml)[1];
const base = JSON.parse(readFileSync('manifest.json', 'utf8'));
// Firefox ignores host patterns that carry a port when it decides whether a request may skip
// CORS, so the pattern is written without one (it then matches every port of that host).
const hostPattern = `${api.protocol}//${api.hostname}/*`;
const apiBase = api.href.replace(/\/$/, '');

function manifestFor(browser) {
  const m = structuredClone(base);
  m.version = version;
  m.host_permissions = [hostPattern];
  if (browser === 'chrome') {
    delete m.browser_specific_settings; // Chrome warns about the unknown key
    m.background = { service_worker: 'background.js', type: 'module' };
  } else {
    // Firefox refuses a manifest whose background has only service_worker.
    m.background = { scripts: ['background.js'], type: 'module' };
  }
  return m;
}

const sizes = [];
for (const browser of ['chrome', 'firefox']) {
  const dir = join(out, browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync('extension', dir, { recursive: true });
  // Only the module this build made: a stale folder beside it must never ship.
  cpSync(gen, join(dir, 'wasm'), {
    recursive: true,
    filter: (src) => !src.endsWith('.stamp') && !src.endsWith('.gitignore'),
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2) + '\n');
  writeFileSync(
    join(dir, 'config.js'),
    `// Written by scripts/build: the API base URL baked in as the default.\nexport const DEFAULT_API = ${JSON.stringify(apiBase)};\n`,
  );
  const zip = join(out, `perminut-${browser}-${version}.zip`);
  rmSync(zip, { force: true });
  execFileSync('python3', ['-c', `
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            z.write(path, os.path.relpath(path, src))
`, dir, zip]);
  sizes.push([`${browser} zip`, statSync(zip).size]);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const file of readdirSync(join(out, 'chrome', 'wasm')).filter((f) => f.endsWith('.wasm'))) {
  const bytes = readFileSync(join(out, 'chrome', 'wasm', file));
  console.log(`size ${file}: ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`);
}
for (const [name, n] of sizes) console.log(`size ${name}: ${kb(n)}${n > 200 * 1024 ? '  (over the 200 KB budget!)' : ''}`);
console.log(`built ${relative('.', join(out, 'chrome'))} and ${relative('.', join(out, 'firefox'))} (version ${version}, API ${apiBase}, host permission ${hostPattern})`);
