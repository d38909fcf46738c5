// The popup against the local server: login, start from the tab's title, double clicks, worker
// restarts, the badge and a 400. Each test checks what reached the server's database.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, DEMO, adaEntries, addFault, badgeText, clearFaults, eventually, launch, loginInTab,
  openPopup, requestLog, resetServer, servePage, tabIdOf,
} from './harness.mjs';

let h;
before(async () => {
  await resetServer();
  h = await launch();
});
after(async () => h?.close());
beforeEach(async () => {
  await clearFaults();
});

/** A reset server, a logged-in browser and a popup whose projects have arrived. */
async function freshPopup() {
  await resetServer();
  await loginInTab(h);
  const popup = await openPopup(h);
  await popup.locator('[data-testid=project-option]').first().waitFor({ state: 'attached' });
  return popup;
}

test('the popup root is rendered by Rust', async () => {
  const popup = await openPopup(h);
  assert.equal(await popup.getByTestId('popup-root').count(), 1);
  await popup.close();
});

test('logged out: the popup offers to log in; after logging in on the server page it shows the user', async () => {
  const popup = await openPopup(h);
  await popup.getByTestId('login-button').waitFor();
  // The button opens the server's login page in a tab.
  const [loginPage] = await Promise.all([h.context.waitForEvent('page'), popup.getByTestId('login-button').click()]);
  await loginPage.waitForLoadState();
  assert.equal(new URL(loginPage.url()).pathname, '/login');
  await loginPage.fill('input[name=email]', DEMO.email);
  await loginPage.fill('input[name=password]', DEMO.password);
  await Promise.all([loginPage.waitForURL((u) => !u.pathname.startsWith('/login')), loginPage.click('[type=submit]')]);
  await loginPage.close();
  await popup.bringToFront();
  await popup.reload();
  await popup.getByTestId('user-name').waitFor();
  assert.equal(await popup.getByTestId('user-name').textContent(), DEMO.name);
  assert.equal(await popup.getByTestId('login-button').count(), 0);
  await popup.close();
});

test('start from the tab title: exactly one running entry with that description, byte for byte', async () => {
  await resetServer();
  await loginInTab(h);
  const title = 'Q&A <script>x</script> — Ünïcödé 🚀';
  const { page, url } = await servePage(h, 'unicode', title);
  const tabId = await tabIdOf(h, url);
  const popup = await openPopup(h, { tabId });
  const description = popup.getByTestId('description');
  await eventually(async () => (await description.inputValue()) === title, { message: 'title prefilled' });
  const option = popup.locator('[data-testid=project-option]', { hasText: 'Open source' });
  await option.waitFor({ state: 'attached' });
  const projectId = Number(await option.getAttribute('data-project-id'));
  await popup.getByTestId('project-picker').selectOption(String(projectId));
  await popup.getByTestId('start').click();
  await popup.getByTestId('running-description').waitFor();
  assert.equal(await popup.getByTestId('running-description').textContent(), title);
  // The title was shown as text, never parsed as HTML.
  assert.equal(await popup.locator('script').count(), 1); // popup.js only
  const entries = await eventually(async () => {
    const running = (await adaEntries()).filter((e) => e.endTime === null);
    return running.length ? running : null;
  });
  assert.equal(entries.length, 1);
  assert.equal(entries[0].description, title);
  assert.equal(entries[0].projectId, projectId);
  await popup.getByTestId('stop').click();
  await popup.getByTestId('start').waitFor();
  await page.close();
  await popup.close();
});

test('two Start clicks 50 ms apart while the server takes 1.5 s create exactly one entry', async () => {
  const popup = await freshPopup();
  await popup.getByTestId('description').fill('Double click');
  await addFault({ method: 'POST', path: '/api/time-entries', mode: 'delay', delayMs: 1500 });
  // Two real clicks 50 ms apart, dispatched in the page (Playwright's click would wait for the
  // button to be enabled again, which is the protection under test).
  await popup.evaluate(() => {
    const button = document.querySelector('[data-testid=start]');
    button.click();
    setTimeout(() => document.querySelector('[data-testid=start]')?.click(), 50);
  });
  await popup.getByTestId('running-description').waitFor({ timeout: 10_000 });
  await popup.waitForTimeout(2000);
  const entries = (await adaEntries()).filter((e) => e.description === 'Double click');
  assert.equal(entries.length, 1);
  await popup.close();
});

test('the worker itself turns two identical Start requests 50 ms apart into one entry', async () => {
  const popup = await freshPopup();
  await addFault({ method: 'POST', path: '/api/time-entries', mode: 'delay', delayMs: 1500 });
  // Bypass the popup's disabled button: two messages straight to the worker.
  await popup.evaluate(async () => {
    const message = (at) => JSON.stringify({ version: 1, body: { Start: { projectId: 1, description: 'Twin', at } } });
    const first = chrome.runtime.sendMessage(message(new Date().toISOString()));
    await new Promise((r) => setTimeout(r, 50));
    const second = chrome.runtime.sendMessage(message(new Date().toISOString()));
    await Promise.all([first, second]);
  });
  await popup.waitForTimeout(500);
  const entries = (await adaEntries()).filter((e) => e.description === 'Twin');
  assert.equal(entries.length, 1);
  assert.equal((await requestLog()).filter((r) => r.method === 'POST' && r.path === '/api/time-entries').length, 1);
  await popup.close();
});

test('after the worker is stopped the popup still shows the running timer; Stop ends it', async () => {
  await resetServer();
  await loginInTab(h);
  let popup = await openPopup(h);
  await popup.locator('[data-testid=project-option]').first().waitFor({ state: 'attached' });
  await popup.getByTestId('description').fill('Survives restarts');
  await popup.getByTestId('start').click();
  await popup.getByTestId('running-description').waitFor();
  const started = await eventually(async () => (await adaEntries()).find((e) => e.description === 'Survives restarts'));
  await popup.close();
  await new Promise((r) => setTimeout(r, 3000));
  await h.stopWorker();
  popup = await openPopup(h);
  await popup.getByTestId('elapsed').waitFor();
  const [hh, mm, ss] = (await popup.getByTestId('elapsed').textContent()).split(':').map(Number);
  const shown = hh * 3600 + mm * 60 + ss;
  const expected = (Date.now() - Date.parse(started.startTime)) / 1000;
  assert.ok(Math.abs(shown - expected) <= 2, `elapsed ${shown}s, expected ${expected}s`);
  assert.equal(await popup.getByTestId('running-description').textContent(), 'Survives restarts');
  await popup.getByTestId('stop').click();
  await popup.getByTestId('start').waitFor();
  const stopped = await eventually(async () => {
    const e = (await adaEntries()).find((x) => x.id === started.id);
    return e.endTime ? e : null;
  });
  assert.ok(Date.parse(stopped.endTime) > Date.parse(stopped.startTime));
  await popup.close();
});

test('the badge shows elapsed time while running and clears after Stop', async () => {
  const popup = await freshPopup();
  await popup.getByTestId('description').fill('Badge');
  await popup.getByTestId('start').click();
  await popup.getByTestId('running-description').waitFor();
  await eventually(async () => (await badgeText(h)) === '0m', { message: 'badge 0m' });
  await popup.getByTestId('stop').click();
  await popup.getByTestId('start').waitFor();
  await eventually(async () => (await badgeText(h)) === '', { message: 'badge cleared' });
  await popup.close();
});

test('a 400 from the server shows its message, keeps what was typed and creates nothing', async () => {
  const popup = await freshPopup();
  const tooLong = 'x'.repeat(2001); // the server accepts at most 2000 characters
  await popup.getByTestId('description').fill(tooLong);
  await popup.getByTestId('start').click();
  const error = popup.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /description/i);
  assert.equal(await popup.getByTestId('description').inputValue(), tooLong);
  assert.equal(await popup.getByTestId('running-description').count(), 0);
  assert.equal((await adaEntries()).filter((e) => e.endTime === null).length, 0);
  await popup.close();
});
