// The options page: refusing a plain-http API address, saving one that the next request uses,
// the rules editor and its URL tester, and the popup's offer to grant a missing permission.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  API, DEMO, eventually, launch, loginInTab, openOptions, openPopup, resetServer, setSettings, storedSettings,
} from './harness.mjs';

// A second local server for "the saved address is used": on the same loopback host, so the
// built host permission (http://127.0.0.1/*, port-less) already covers it and no prompt shows.
const SECOND_PORT = Number(process.env.PERMINUT_SECOND_PORT ?? 8792);
const SECOND = `http://127.0.0.1:${SECOND_PORT}`;
let h;
let second;
before(async () => {
  await resetServer();
  second = spawn(process.env.PERMINUT_LOCAL ?? 'target/debug/perminut-local',
    ['--addr', `127.0.0.1:${SECOND_PORT}`, '--db', ':memory:', '--seed-demo', '--test-hooks'], { stdio: 'ignore' });
  await eventually(async () => (await fetch(`${SECOND}/api/auth/me`)).status === 401, { message: 'second server' });
  h = await launch();
});
after(async () => {
  await h?.close();
  second?.kill();
});

test('a plain http:// address outside loopback is refused with a message and nothing is saved', async () => {
  const options = await openOptions(h);
  await options.getByTestId('options-api-base').fill('http://perminut.example.com');
  await options.getByTestId('options-save').click();
  const error = options.getByTestId('options-error');
  await error.waitFor();
  assert.match(await error.textContent(), /https:\/\//);
  assert.equal(await storedSettings(h), undefined);
  await options.close();
});

test('the login button opens the login address from the options', async () => {
  await setSettings(h, { loginUrl: `${API}/__page/signin` });
  try {
    const popup = await openPopup(h);
    await popup.getByTestId('login-button').waitFor();
    const [login] = await Promise.all([h.context.waitForEvent('page'), popup.getByTestId('login-button').click()]);
    await eventually(() => login.url().endsWith('/__page/signin'), { message: 'login address opened' });
    await login.close();
    await popup.close();
  } finally {
    // Later tests start from default settings, whatever happened here.
    await h.currentWorker().then((w) => w.evaluate(() => chrome.storage.sync.remove('settings')));
  }
});

test('the options list the keyboard shortcuts as set', async () => {
  // Chromium started with --load-extension assigns no suggested keys: "not set" is what it reports.
  const options = await openOptions(h);
  const list = options.getByTestId('options-shortcuts');
  await eventually(async () => (await list.textContent()).includes('Start a timer for this tab, or stop the running one: '), { message: 'toggle shortcut' });
  assert.match(await list.textContent(), /Open the popup: (Alt\+Shift\+P|not set)/);
  await options.close();
});

test('a bad rule is refused and nothing is saved; a good one is saved and the tester shows its result', async () => {
  const options = await openOptions(h);
  await options.getByTestId('add-rule').click();
  await options.getByTestId('rule-pattern').fill('github.com/:owner');
  await options.getByTestId('rule-template').fill('#{number}');
  await options.getByTestId('options-save').click();
  assert.match(await options.getByTestId('options-error').textContent(), /Rule 1: .*\{number\}/);
  assert.equal(await storedSettings(h), undefined);
  await options.getByTestId('rule-pattern').fill('github.com/:owner/:repo/issues/:number');
  await options.getByTestId('rule-template').fill('#{number} {title}');
  await options.getByTestId('add-rule').click();
  await options.getByTestId('rule-pattern').nth(1).fill('github.com');
  await options.getByTestId('test-url').fill('https://www.github.com/acme/app/issues/42#top');
  await options.getByTestId('test-title').fill('Crash on save');
  await eventually(async () => (await options.getByTestId('test-result').textContent()) === 'Rule 1: the usual project, "#42 Crash on save"', { message: 'tester result' });
  // Reordering: the catch-all first now wins.
  await options.getByTestId('rule-up').nth(1).click();
  await eventually(async () => (await options.getByTestId('test-result').textContent()) === 'Rule 1: the usual project, "Crash on save"', { message: 'reordered' });
  await options.getByTestId('options-badge').uncheck();
  await options.getByTestId('options-save').click();
  await eventually(async () => (await options.getByTestId('options-status').textContent()) === 'Saved.', { message: 'saved' });
  const saved = await storedSettings(h);
  assert.equal(saved.version, 1);
  assert.deepEqual(saved.rules.map((r) => r.pattern), ['github.com', 'github.com/:owner/:repo/issues/:number']);
  assert.equal(saved.badge, false);
  // The page shows what is stored when opened again.
  await options.reload();
  await eventually(async () => (await options.getByTestId('rule-pattern').count()) === 2, { message: 'rules shown' });
  assert.equal(await options.getByTestId('options-badge').isChecked(), false);
  await options.getByTestId('rule-remove').first().click();
  await options.getByTestId('rule-remove').first().click();
  await options.getByTestId('options-badge').check();
  await options.getByTestId('options-save').click();
  await eventually(async () => (await storedSettings(h))?.rules?.length === 0, { message: 'rules removed' });
  await options.close();
});

test('a valid address is saved and used by the next request', async () => {
  await fetch(`${SECOND}/__test/requests`, { method: 'DELETE' });
  const options = await openOptions(h);
  await options.getByTestId('options-api-base').fill(SECOND);
  await options.getByTestId('options-save').click();
  await eventually(async () => (await options.getByTestId('options-status').textContent()) === 'Saved.', { message: 'saved' });
  assert.equal((await storedSettings(h)).apiBase, SECOND);
  await options.close();
  // Log in on the second server (the session cookie is per host, shared by both ports).
  const page = await h.context.newPage();
  await page.goto(`${SECOND}/login`);
  await page.fill('input[name=email]', DEMO.email);
  await page.fill('input[name=password]', DEMO.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('[type=submit]')]);
  await page.close();
  const popup = await openPopup(h);
  await popup.getByTestId('user-name').waitFor();
  const log = await (await fetch(`${SECOND}/__test/requests`)).json();
  assert.ok(log.some((r) => r.path === '/api/auth/me' && r.status === 200), JSON.stringify(log));
  await popup.close();
  await setSettings(h, {});
  await loginInTab(h);
});

test('without permission for the API origin the popup says so and offers to grant it', async () => {
  // localhost is another host than the built 127.0.0.1 permission, and was never granted.
  await setSettings(h, { apiBase: 'http://localhost:8791' });
  const popup = await openPopup(h);
  const banner = popup.getByTestId('api-permission');
  await banner.waitFor();
  assert.match(await banner.textContent(), /permission to reach http:\/\/localhost:8791/);
  assert.equal(await popup.getByTestId('grant-permission').count(), 1);
  await popup.close();
  await setSettings(h, {});
  const again = await openPopup(h);
  await again.getByTestId('popup-root').waitFor();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await again.getByTestId('api-permission').count(), 0);
  await again.close();
});
