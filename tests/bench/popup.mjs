// Benchmark (prints figures; not a test): popup paint from cache vs a static HTML page, time to
// the first fresh server answer, worker cold start, and sizes.
//   node tests/bench/popup.mjs   (scripts/bench starts the server and builds first)
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const API = process.env.PERMINUT_API;
const DIST = process.env.PERMINUT_EXT_DIR;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

// A copy of the extension with a static page holding the same markup, as the baseline.
const ext = mkdtempSync(join(tmpdir(), 'perminut-bench-ext-'));
cpSync(join(DIST, 'chrome'), ext, { recursive: true });
writeFileSync(join(ext, 'static.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="popup.css"><title>Perminut</title></head><body><main>
<section class="running"><div><div class="desc">Static</div></div><span class="elapsed" data-testid="elapsed">0:00:01</span>
<button class="stop">Stop</button></section></main></body></html>`);

// Records when the running timer first appears and when the first worker answer arrives.
const probe = () => {
  const seen = () => {
    if (!window.__elapsedAt && document.querySelector('[data-testid=elapsed]')) window.__elapsedAt = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', seen);
  if (globalThis.chrome?.runtime?.sendMessage) {
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    chrome.runtime.sendMessage = (...args) => send(...args).then((r) => {
      window.__firstAnswerAt ??= performance.now();
      return r;
    });
  }
};

const dir = mkdtempSync(join(tmpdir(), 'perminut-bench-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
await context.addInitScript(probe);
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const id = new URL(worker.url()).host;

// Log in and start a timer, so the popup has a running timer cached.
await fetch(`${API}/__test/reset`, { method: 'POST' });
const login = await context.newPage();
await login.goto(`${API}/login`);
await login.fill('input[name=email]', 'ada@example.com');
await login.fill('input[name=password]', 'perminut-demo');
await Promise.all([login.waitForURL((u) => !u.pathname.startsWith('/login')), login.click('[type=submit]')]);
const first = await context.newPage();
await first.goto(`chrome-extension://${id}/popup.html`);
await first.locator('[data-testid=project-option]').first().waitFor({ state: 'attached' });
await first.getByTestId('description').fill('Benchmark');
await first.getByTestId('start').click();
await first.getByTestId('elapsed').waitFor();
await first.waitForTimeout(500);
await first.close();

async function measure(path) {
  const paint = [];
  const answer = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/${path}`);
    await page.waitForFunction(() => window.__elapsedAt !== undefined && (!document.querySelector('script') || window.__firstAnswerAt !== undefined), null, { timeout: 10_000 }).catch(() => {});
    const t = await page.evaluate(() => ({ paint: window.__elapsedAt, answer: window.__firstAnswerAt }));
    paint.push(t.paint);
    if (t.answer !== undefined) answer.push(t.answer);
    await page.close();
  }
  return { paint, answer };
}
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return s.length ? `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms` : 'n/a';
};

const popup = await measure('popup.html');
const baseline = await measure('static.html');

// Worker cold start: stop it, then time the first answered message.
const cold = [];
const page = await context.newPage();
await page.goto(`chrome-extension://${id}/static.html`);
const session = await context.browser()?.newBrowserCDPSession?.() ?? (await context.newCDPSession(page));
for (let i = 0; i < 5; i++) {
  const { targetInfos } = await session.send('Target.getTargets');
  for (const t of targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(id))) {
    await session.send('Target.closeTarget', { targetId: t.targetId });
  }
  await page.waitForTimeout(300);
  cold.push(await page.evaluate(async () => {
    const t0 = performance.now();
    await chrome.runtime.sendMessage(JSON.stringify({ version: 1, body: 'Refresh' }));
    return performance.now() - t0;
  }));
}

console.log(`popup: running timer visible   ${stat(popup.paint)}  (${RUNS} opens, cached state)`);
console.log(`static HTML page, same markup  ${stat(baseline.paint)}`);
const ratio = popup.paint.sort((a, b) => a - b)[RUNS >> 1] / baseline.paint.sort((a, b) => a - b)[RUNS >> 1];
console.log(`popup / static (median)        ${ratio.toFixed(2)}x`);
console.log(`first fresh worker answer      ${stat(popup.answer)}  (Refresh: /api/auth/me, projects, entries)`);
console.log(`worker cold start → answer     ${stat(cold)}  (5 restarts, includes a server refresh)`);
for (const f of readdirSync(join(DIST, 'chrome', 'wasm')).filter((f) => f.endsWith('.wasm'))) {
  const bytes = readFileSync(join(DIST, 'chrome', 'wasm', f));
  console.log(`${f.padEnd(30)} ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
}
for (const f of readdirSync(DIST).filter((f) => f.endsWith('.zip'))) {
  console.log(`${f.padEnd(30)} ${(statSync(join(DIST, f)).size / 1024).toFixed(1)} KB`);
}
await context.close();
rmSync(dir, { recursive: true, force: true });
rmSync(ext, { recursive: true, force: true });
