// Firefox smoke test: loads the built `firefox/` extension as a temporary add-on in headless
// firefox-esr through geckodriver (plain WebDriver over HTTP, no npm packages), logs in on the
// local server's page, opens the popup and checks that it shows the user (wasm compiled under the
// extension CSP, background script answered, host permission + cookie path works), then starts a
// timer and checks the server's database. Prints TAP-ish lines ending with `# pass N` / `# fail N`.
//
//   PERMINUT_API=http://127.0.0.1:8788 PERMINUT_EXT_DIR=target/e2e-dist node tests/firefox/smoke.mjs
//
// Env: PERMINUT_API (server started with --test-hooks), PERMINUT_EXT_DIR (build dir holding
// firefox/), FIREFOX (default /usr/bin/firefox-esr), GECKODRIVER (default: `geckodriver` on PATH).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';

const API = (process.env.PERMINUT_API ?? 'http://127.0.0.1:8788').replace(/\/$/, '');
const EXT_DIR = resolve(join(process.env.PERMINUT_EXT_DIR ?? 'target/e2e-dist', 'firefox'));
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? 'geckodriver';
const ADDON_ID = 'browser-extension@perminut.com';
// Pinned through `extensions.webextensions.uuids`, so the popup URL is known before install.
const UUID = '5b0b6a2e-7d1c-4c3e-9f7a-2f1f0c0e5a11';
const POPUP = `moz-extension://${UUID}/popup.html`;
const DEMO = { email: 'ada@example.com', password: 'perminut-demo', name: 'Ada Lovelace' };
const DESCRIPTION = `Firefox smoke ${Date.now()}`;
const T0 = Date.now();

// ---------------------------------------------------------------- TAP-ish reporting
let passed = 0;
let failed = 0;
let n = 0;
const log = (line) => process.stdout.write(line + '\n');
const note = (text) => String(text).split('\n').forEach((l) => log(`# ${l}`));
async function check(name, fn) {
  n += 1;
  const start = Date.now();
  try {
    const detail = await fn();
    passed += 1;
    log(`ok ${n} - ${name} (${Date.now() - start} ms)${detail ? ` # ${detail}` : ''}`);
    return true;
  } catch (e) {
    failed += 1;
    log(`not ok ${n} - ${name} (${Date.now() - start} ms)`);
    note(`  ${e?.stack ?? e}`);
    return false;
  }
}

// ---------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function eventually(fn, { timeout = 15_000, interval = 150, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(interval);
  }
  throw new Error(`timed out waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

async function hook(method, path, body) {
  const res = await fetch(API + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${await res.text()}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

// ---------------------------------------------------------------- WebDriver over HTTP
let driver; // the geckodriver child process
let driverLog = '';
let base; // http://127.0.0.1:<port>
let session; // session id

async function wd(method, path, body) {
  const url = path.startsWith('/session/') || path === '/session' || path === '/status' ? base + path : `${base}/session/${session}${path}`;
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(body ?? {}),
    signal: AbortSignal.timeout(60_000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json?.value?.error) {
    const v = json?.value ?? {};
    const err = new Error(`WebDriver ${method} ${path} -> ${res.status} ${v.error ?? ''}: ${v.message ?? JSON.stringify(json)}`);
    err.wdError = v.error;
    throw err;
  }
  return json.value;
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const find = async (css) => {
  const v = await wd('POST', '/element', { using: 'css selector', value: css });
  if (!v?.[ELEMENT]) throw new Error(`find ${css}: unexpected answer ${JSON.stringify(v)}`);
  return v[ELEMENT];
};
const findAll = async (css) => (await wd('POST', '/elements', { using: 'css selector', value: css })).map((e) => e[ELEMENT]);
const text = (el) => wd('GET', `/element/${el}/text`);
const attr = (el, name) => wd('GET', `/element/${el}/property/${name}`);
const click = (el) => wd('POST', `/element/${el}/click`);
const type = (el, value) => wd('POST', `/element/${el}/value`, { text: value });
const clear = (el) => wd('POST', `/element/${el}/clear`);
const context = (ctx) => wd('POST', '/moz/context', { context: ctx });
const script = (fn, ...args) => wd('POST', '/execute/async', {
  // Runs `fn` (async) in the current context; its result (or error) comes back as JSON.
  script: `const done = arguments[arguments.length - 1];
    (${fn}).apply(null, Array.from(arguments).slice(0, -1))
      .then((v) => done({ ok: v }), (e) => done({ err: String(e && e.stack || e) }));`,
  args,
}).then((r) => { if (r && 'err' in r) throw new Error(r.err); return r?.ok; });

/** Runs `fn` in the browser's chrome (privileged) context, then returns to content. */
async function inChrome(fn, ...args) {
  await context('chrome');
  try {
    return await script(fn, ...args);
  } finally {
    await context('content');
  }
}

async function startDriver() {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // --allow-system-access: lets the session switch to the chrome context, which is needed to open
  // moz-extension:// pages (WebDriver's own navigation refuses them) and to read the console.
  driver = spawn(GECKODRIVER, ['--port', String(port), '--allow-system-access', '--log', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => { driverLog = (driverLog + chunk).slice(-20_000); };
  driver.stdout.on('data', keep);
  driver.stderr.on('data', keep);
  driver.on('error', (e) => { driverLog += `\nspawn error: ${e.message}`; });
  await eventually(async () => (await fetch(`${base}/status`)).ok, { timeout: 10_000, interval: 100, message: 'geckodriver to listen' });
}

async function startSession() {
  const value = await wd('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        acceptInsecureCerts: false,
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless'],
          prefs: {
            // A fixed moz-extension://<uuid> for our add-on id.
            'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
            // Quiet and quick: no first-run pages, no update or telemetry traffic.
            'browser.shell.checkDefaultBrowser': false,
            'browser.startup.homepage_override.mstone': 'ignore',
            'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.reportingpolicy.firstRun': false,
            'app.update.disabledForTesting': true,
            'extensions.update.enabled': false,
            'extensions.getAddons.cache.enabled': false,
            'browser.discovery.enabled': false,
            // console.* calls of extension pages and the background script go to Firefox's stdout
            // (which geckodriver passes on): console API messages of other processes are not
            // readable from the parent's chrome context.
            'devtools.console.stdout.content': true,
          },
        },
      },
    },
  });
  session = value.sessionId;
  return value.capabilities;
}

async function quit() {
  if (session) {
    try { await wd('DELETE', `/session/${session}`); } catch { /* browser may be gone */ }
    session = undefined;
  }
  if (driver && driver.exitCode === null) {
    driver.kill('SIGTERM');
    await Promise.race([new Promise((r) => driver.once('exit', r)), sleep(3000)]);
    if (driver.exitCode === null) driver.kill('SIGKILL');
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { quit().finally(() => process.exit(130)); });
}

// ---------------------------------------------------------------- chrome-context scripts
// These run inside Firefox with system privileges (as strings; `Services` etc. are globals there).

/** The granted origins and permissions of the add-on, as Firefox's policy sees them. */
async function policyState(id) {
  const policy = WebExtensionPolicy.getByID(id);
  if (!policy) return null;
  return {
    uuid: policy.mozExtensionHostname,
    origins: policy.allowedOrigins.patterns.map((p) => p.pattern),
    permissions: [...policy.permissions],
  };
}

/** Grants host permissions the way the Add-ons Manager's permission toggle does. */
async function grantOrigins(id, origins) {
  const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const extension = ExtensionParent.GlobalManager.getExtension(id);
  await ExtensionPermissions.add(id, { permissions: [], origins }, extension);
  return WebExtensionPolicy.getByID(id).allowedOrigins.patterns.map((p) => p.pattern);
}

/** Loads `url` in the selected tab with the system principal (moz-extension:// is refused otherwise). */
async function loadWithSystemPrincipal(url) {
  const win = Services.wm.getMostRecentWindow('navigator:browser');
  win.gBrowser.selectedBrowser.loadURI(Services.io.newURI(url), {
    triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
  });
  return true;
}

/**
 * Script errors and warnings (uncaught exceptions, CSP violations, failed wasm compiles) that the
 * browser console holds for our extension's pages and background script. console.* calls of the
 * extension run in its own process and are not in the parent's console service: those reach
 * Firefox's stdout (pref devtools.console.stdout.content) and are reported from geckodriver's log.
 */
async function extensionConsole(uuid) {
  const out = [];
  for (const m of Services.console.getMessageArray() ?? []) {
    if (!(m instanceof Ci.nsIScriptError)) continue;
    if (!`${m.sourceName ?? ''} ${m.errorMessage ?? ''}`.includes(uuid)) continue;
    const level = m.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag) ? 'warning' : 'error';
    out.push({ level, text: `${m.errorMessage} (${m.sourceName}:${m.lineNumber})` });
  }
  return out;
}

// ---------------------------------------------------------------- the test
let installed = false;
async function main() {
  log('TAP version 13');
  note(`API ${API}, extension ${EXT_DIR}, Firefox ${FIREFOX}`);
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) {
    await check('the Firefox build exists', () => { throw new Error(`${EXT_DIR}/manifest.json not found (run scripts/build)`); });
    return;
  }
  const server = await check('the local server answers its test hooks', async () => {
    await hook('POST', '/__test/reset');
  });
  if (!server) return;
  const ready = await check('geckodriver starts a headless Firefox session', async () => {
    await startDriver();
    const caps = await startSession();
    return `${caps.browserName} ${caps.browserVersion}, headless ${caps['moz:headless']}`;
  });
  if (!ready) return;

  installed = await check('the build installs as a temporary add-on with the pinned uuid', async () => {
    const id = await wd('POST', '/moz/addon/install', { path: EXT_DIR, temporary: true });
    if (id !== ADDON_ID) throw new Error(`installed as ${id}, expected ${ADDON_ID}`);
    const state = await eventually(() => inChrome(policyState, ADDON_ID), { message: 'the extension policy' });
    if (state.uuid !== UUID) throw new Error(`uuid ${state.uuid}, expected ${UUID} (pref extensions.webextensions.uuids)`);
    return `permissions ${state.permissions.join(',')}; origins ${state.origins.join(',') || 'none'}`;
  });
  if (!installed) return;

  // MV3 host permissions: Firefox (since 127) grants `host_permissions` at install time, and a
  // temporary add-on has them too. Should a Firefox build not do that, grant them the way the
  // user would in about:addons ("Permissions" tab toggle), i.e. through ExtensionPermissions.add,
  // and say so: the popup cannot call permissions.request() without a user gesture.
  await check('the host permission for the API host is granted', async () => {
    const manifest = JSON.parse(readFileSync(join(EXT_DIR, 'manifest.json'), 'utf8'));
    const wanted = manifest.host_permissions ?? [];
    const state = await inChrome(policyState, ADDON_ID);
    const missing = wanted.filter((p) => !state.origins.includes(p));
    if (!missing.length) return `granted at install: ${wanted.join(', ')}`;
    const now = await inChrome(grantOrigins, ADDON_ID, missing);
    const still = wanted.filter((p) => !now.includes(p));
    if (still.length) throw new Error(`could not grant ${still.join(', ')}; granted: ${now.join(', ')}`);
    return `NOT granted at install; granted by the test (ExtensionPermissions.add): ${missing.join(', ')}`;
  });

  const loggedIn = await check('log in on the server page in a tab', async () => {
    await hook('POST', '/__test/reset');
    await wd('POST', '/url', { url: `${API}/login` });
    await type(await find('input[name=email]'), DEMO.email);
    await type(await find('input[name=password]'), DEMO.password);
    await click(await find('button[type=submit], input[type=submit]'));
    const url = await eventually(async () => {
      const u = await wd('GET', '/url');
      return new URL(u).pathname.startsWith('/login') ? null : u;
    }, { message: 'leaving /login' });
    return `now at ${url}`;
  });
  if (!loggedIn) return;

  const shown = await check('the popup renders the user from the local server', async () => {
    await inChrome(loadWithSystemPrincipal, POPUP);
    await eventually(async () => (await wd('GET', '/url')).startsWith(POPUP), { message: `the tab to show ${POPUP}` });
    await eventually(() => find('[data-testid=popup-root]'), { message: 'popup-root (the wasm popup started)' });
    const name = await eventually(async () => {
      const els = await findAll('[data-testid=user-name]');
      if (!els.length) {
        const errors = await findAll('[data-testid=error], [data-testid=login-button]');
        return errors.length ? Promise.reject(new Error(`popup shows: ${await text(errors[0])}`)) : null;
      }
      return (await text(els[0])) || null;
    }, { message: 'user-name' });
    if (name !== DEMO.name) throw new Error(`user-name is ${JSON.stringify(name)}, expected ${DEMO.name}`);
    return name;
  });

  if (shown) {
    await check('Start creates a running entry on the server (moz-extension Origin accepted)', async () => {
      await hook('DELETE', '/__test/requests');
      const picker = await find('[data-testid=project-picker]');
      const option = await eventually(async () => (await findAll('[data-testid=project-picker] [data-testid=project-option]'))[0], { message: 'a project option' });
      const projectId = Number(await attr(option, 'value'));
      await click(picker);
      await click(option);
      const description = await find('[data-testid=description]');
      await clear(description);
      await type(description, DESCRIPTION);
      await click(await find('[data-testid=start]'));
      const entry = await eventually(async () => (await hook('GET', '/__test/time-entries'))
        .find((e) => e.userEmail === DEMO.email && e.endTime === null && e.description === DESCRIPTION), { message: 'the running entry in the database' });
      if (entry.projectId !== projectId) throw new Error(`projectId ${entry.projectId}, expected ${projectId}`);
      const posts = (await hook('GET', '/__test/requests')).filter((r) => r.method === 'POST' && r.path.startsWith('/api/time-entries'));
      const refused = posts.filter((r) => r.status === 403);
      if (refused.length) throw new Error(`POSTs refused: ${JSON.stringify(refused)}`);
      await eventually(async () => (await findAll('[data-testid=running-description]')).length > 0, { message: 'running-description in the popup' });
      return `entry ${entry.id}, project ${projectId}; POSTs ${posts.map((r) => r.status).join(',')}`;
    });
  }
}

let crashed;
try {
  await main();
} catch (e) {
  crashed = e;
}
if (crashed) { failed += 1; note(`crashed: ${crashed.stack ?? crashed}`); }
if (session && installed) {
  await check('no script errors from the extension in the browser console', async () => {
    const messages = await inChrome(extensionConsole, UUID);
    for (const m of messages) note(`  ${m.level}: ${m.text}`);
    const errors = messages.filter((m) => m.level === 'error');
    if (errors.length) throw new Error(`${errors.length} error(s) from moz-extension://${UUID}/ (listed above)`);
    return `${messages.length} warning(s)`;
  });
}
await quit();
await hook('POST', '/__test/reset').catch(() => {});
// console.error/warn output of content pages (the extension's and the server's login page).
const consoleLines = driverLog.split('\n').filter((l) => /^console\.(error|warn): /.test(l) && !/^console\.\w+: [A-Za-z]+: /.test(l));
if (consoleLines.length) { note('console.error/warn output of content and extension pages (Firefox stdout):'); consoleLines.forEach((l) => note(`  ${l}`)); }
if (failed && driverLog.trim()) { note('geckodriver log (tail):'); note(driverLog.trim().split('\n').slice(-40).join('\n')); }
log(`1..${n}`);
log(`# pass ${passed}`);
log(`# fail ${failed}`);
note(`duration ${((Date.now() - T0) / 1000).toFixed(1)} s`);
process.exit(failed || !passed ? 1 : 0);
