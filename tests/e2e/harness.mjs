// Test harness: launches Debian's Chromium with the built extension, finds its worker, opens
// the popup, and talks to the local Perminut server's /__test hooks to set up and inspect.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const API = process.env.PERMINUT_API ?? 'http://127.0.0.1:8788';
export const EXT_DIR = join(process.env.PERMINUT_EXT_DIR ?? 'target/e2e-dist', 'chrome');
export const DEMO = { email: 'ada@example.com', password: 'perminut-demo', name: 'Ada Lovelace' };

/** Calls a /__test hook (or any server path) and returns the parsed JSON, if any. */
export async function hook(method, path, body) {
  const res = await fetch(API + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${await res.text()}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

export const resetServer = () => hook('POST', '/__test/reset');
export const dbEntries = () => hook('GET', '/__test/time-entries');
export const requestLog = () => hook('GET', '/__test/requests');
export const addFault = (fault) => hook('POST', '/__test/faults', fault);
export const clearFaults = () => hook('DELETE', '/__test/faults');

/** Entries of the demo user in the database. */
export async function adaEntries() {
  return (await dbEntries()).filter((e) => e.userEmail === DEMO.email);
}

/** A browser with the extension loaded: { context, extensionId, worker, close, restartWorker }. */
export async function launch({ userDataDir, timezoneId } = {}) {
  const ownDir = !userDataDir;
  const dir = userDataDir ?? mkdtempSync(join(tmpdir(), 'perminut-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    timezoneId,
    args: [
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const h = {
    context,
    extensionId,
    worker,
    dir,
    async close() {
      await context.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    /** Stops the service worker (as the browser does when idle) and waits for it to come back. */
    async stopWorker() {
      const browserSession = await context.browser()?.newBrowserCDPSession?.();
      const session = browserSession ?? (await context.newCDPSession(await context.newPage()));
      const { targetInfos } = await session.send('Target.getTargets');
      for (const t of targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(extensionId))) {
        await session.send('Target.closeTarget', { targetId: t.targetId });
      }
    },
    /** The current worker (after a restart, the new one). */
    async currentWorker() {
      const live = context.serviceWorkers().filter((w) => w.url().includes(extensionId));
      return live[live.length - 1] ?? (await context.waitForEvent('serviceworker'));
    },
  };
  return h;
}

/** Opens the popup page as a tab; `tabId` names the tab it should describe. */
export async function openPopup(h, { tabId } = {}) {
  const page = await h.context.newPage();
  const query = tabId ? `?tab=${tabId}` : '';
  await page.goto(`chrome-extension://${h.extensionId}/popup.html${query}`);
  await page.getByTestId('popup-root').waitFor();
  return page;
}

/** Logs in on the server's own login page in a normal tab, as a person would. */
export async function loginInTab(h, user = DEMO) {
  const page = await h.context.newPage();
  await page.goto(`${API}/login`);
  await page.fill('input[name=email]', user.email);
  await page.fill('input[name=password]', user.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit], input[type=submit]')]);
  await page.close();
}

/** The id of the tab showing `url` (the extension has host permission for the API host). */
export async function tabIdOf(h, url) {
  const worker = await h.currentWorker();
  return worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
}

/** Serves a page with this title at `${API}/__page/<name>` through request interception. */
export async function servePage(h, name, title, body = '') {
  const url = `${API}/__page/${name}`;
  await h.context.route(url, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><body>${body}</body>`,
  }));
  const page = await h.context.newPage();
  await page.goto(url);
  return { page, url };
}

export function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms). */
export async function eventually(fn, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

/** The badge text, read in the worker. */
export async function badgeText(h) {
  const worker = await h.currentWorker();
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** The worker's persisted state (projects, timer, outbox), read from storage. */
export async function workerState(h) {
  const worker = await h.currentWorker();
  const json = await worker.evaluate(async () => (await chrome.storage.local.get('state')).state);
  return json ? JSON.parse(json) : {};
}

/** The id of the demo project with this name, once the worker has read the projects. */
export async function projectIdByName(h, name) {
  return eventually(async () => (await workerState(h)).projects?.find((p) => p.name === name)?.id, { message: `project ${name}` });
}

/** Writes the options (`storage.sync` "settings", JSON text) as the options page would. */
export async function setSettings(h, settings) {
  const worker = await h.currentWorker();
  await worker.evaluate((json) => chrome.storage.sync.set({ settings: json }), JSON.stringify({ version: 1, ...settings }));
  // The worker re-reads them on storage.onChanged, asynchronously: give it a moment.
  await new Promise((r) => setTimeout(r, 300));
}

/** The stored options, parsed (undefined when none). */
export async function storedSettings(h) {
  const worker = await h.currentWorker();
  const json = await worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings);
  return json ? JSON.parse(json) : undefined;
}

/** Opens the options page as a tab. */
export async function openOptions(h) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.getByTestId('options-root').waitFor();
  return page;
}

/** Calls the worker's context menu or shortcut handler, the path the real events take. */
export async function menuClicked(h, info, tab) {
  const worker = await h.currentWorker();
  await worker.evaluate(([i, t]) => globalThis.perminutTest.menuClicked(i, t), [info, tab]);
}

/** Presses the extension's shortcut `name` `times` times in a row, in `tab`, without waiting in between. */
export async function pressCommand(h, name, tab, times = 1) {
  const worker = await h.currentWorker();
  await worker.evaluate(([n, t, k]) => Promise.all(Array.from({ length: k }, () => globalThis.perminutTest.command(n, t))), [name, tab, times]);
}
