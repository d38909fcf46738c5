// Never lose or duplicate a start or a stop: the outbox against a local server injecting
// faults (refused connections, lost answers after commit, 502s, expired sessions), with the
// worker stopped and the browser restarted where it matters.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, DEMO, adaEntries, addFault, clearFaults, eventually, hook, launch, loginInTab, openPopup,
  requestLog, resetServer,
} from './harness.mjs';

/** Sends one typed request to the worker from an extension page, as the popup does. */
async function send(page, body) {
  const reply = await page.evaluate(
    (json) => chrome.runtime.sendMessage(json),
    JSON.stringify({ version: 1, body }),
  );
  return JSON.parse(reply).body.State.state;
}

/** A session of the demo user for Node, to act as "the dashboard or another browser". */
async function apiSession() {
  const res = await fetch(`${API}/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
  });
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return async (method, path, body) => {
    const r = await fetch(API + path, {
      method, headers: { cookie, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return r.status === 204 ? null : r.json();
  };
}

const posts = async () => (await requestLog()).filter((r) => r.method === 'POST' && r.path === '/api/time-entries');
const stops = async () => (await requestLog()).filter((r) => r.method === 'PUT' && r.path.endsWith('/stop'));
const offline = () => addFault({ mode: 'drop' });
const near = (iso, ms, tolerance = 1000) => Math.abs(Date.parse(iso) - ms) <= tolerance;

let h;
let projectId;
before(async () => {
  await resetServer();
  h = await launch();
  await loginInTab(h);
  const api = await apiSession();
  projectId = (await api('GET', '/api/projects')).data[0].id;
});
after(async () => h?.close());
beforeEach(async () => {
  await resetServer();
  await loginInTab(h);
});

test('an offline stop is delivered later, once, with the instant of the click', async () => {
  const popup = await openPopup(h);
  await send(popup, { Start: { projectId, description: 'Offline stop', at: new Date().toISOString() } });
  const entry = await eventually(async () => (await adaEntries()).find((e) => e.description === 'Offline stop'));
  await offline();
  await popup.reload();
  await popup.getByTestId('stop').click();
  const clickedAt = Date.now();
  await eventually(async () => (await popup.getByTestId('sync-status').textContent()).includes('1 change waiting'));
  assert.equal(await popup.getByTestId('running-description').count(), 0, 'shown as stopped');
  assert.equal((await adaEntries()).find((e) => e.id === entry.id).endTime, null, 'not delivered yet');
  await new Promise((r) => setTimeout(r, 3000));
  await h.stopWorker(); // delivery must survive the worker going away
  await clearFaults();
  await popup.reload(); // the next popup open delivers
  const stopped = await eventually(async () => (await adaEntries()).find((e) => e.id === entry.id && e.endTime));
  assert.ok(near(stopped.endTime, clickedAt), `end ${stopped.endTime} vs click ${new Date(clickedAt).toISOString()}`);
  await eventually(async () => (await popup.getByTestId('sync-status').textContent()) === '');
  assert.equal((await stops()).filter((r) => r.status === 200).length, 1);
  await popup.close();
});

test('an offline start is sent once, with the click instant, when the network is back', async () => {
  const popup = await openPopup(h);
  await offline();
  const at = new Date();
  const state = await send(popup, { Start: { projectId, description: 'Offline start', at: at.toISOString() } });
  assert.equal(state.outbox.queue.length, 1);
  assert.ok(state.timer.Starting, 'shown as running while waiting');
  await new Promise((r) => setTimeout(r, 2500));
  await clearFaults();
  await send(popup, 'Refresh');
  const entry = await eventually(async () => (await adaEntries()).find((e) => e.description === 'Offline start'));
  assert.equal(Date.parse(entry.startTime), at.getTime());
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await posts()).filter((r) => r.status === 201).length, 1);
  assert.equal((await adaEntries()).filter((e) => e.description === 'Offline start').length, 1);
  await popup.close();
});

for (const fault of [
  { mode: 'commit_then_drop' },
  { mode: 'status', status: 502 },
  { mode: 'status', status: 504 },
]) {
  test(`a start whose answer is lost (${fault.mode} ${fault.status ?? ''}) is reconciled, not duplicated`, async () => {
    const popup = await openPopup(h);
    await addFault({ method: 'POST', path: '/api/time-entries', times: 1, ...fault });
    const at = new Date().toISOString();
    await send(popup, { Start: { projectId, description: `Lost answer ${fault.mode}`, at } });
    await new Promise((r) => setTimeout(r, 2500)); // past the first backoff
    const state = await send(popup, 'Refresh');
    assert.equal(state.outbox.queue.length, 0);
    assert.ok(state.timer.Running, 'running, confirmed by the server');
    const entries = (await adaEntries()).filter((e) => e.description === `Lost answer ${fault.mode}`);
    assert.equal(entries.length, 1);
    assert.equal(Date.parse(entries[0].startTime), Date.parse(at));
    await popup.close();
  });
}

test('a stale popup says running, the server says stopped at 10:00: Stop leaves 10:00 untouched', async () => {
  const popup = await openPopup(h);
  await send(popup, { Start: { projectId, description: 'Stopped elsewhere', at: new Date(Date.now() - 3600_000).toISOString() } });
  const entry = await eventually(async () => (await adaEntries()).find((e) => e.description === 'Stopped elsewhere'));
  const api = await apiSession();
  const tenOClock = new Date(Date.now() - 1800_000).toISOString();
  await api('PUT', `/api/time-entries/${entry.id}/stop`, { endTime: tenOClock });
  await hook('DELETE', '/__test/requests');
  // The popup paints from its cache (still running) while the refresh is slow to answer.
  await addFault({ method: 'GET', path: '/api/auth/me', mode: 'delay', delayMs: 4000 });
  await popup.reload();
  await popup.getByTestId('stop').click();
  await eventually(async () => (await popup.getByTestId('sync-status').textContent()) === '');
  const after = (await adaEntries()).find((e) => e.id === entry.id);
  assert.equal(Date.parse(after.endTime), Date.parse(tenOClock));
  assert.equal((await stops()).length, 0, 'no stop was sent');
  await popup.close();
});

test('a 401 during delivery keeps the outbox, asks to log in, and delivers each action once after login', async () => {
  const popup = await openPopup(h);
  await offline();
  const startAt = new Date(Date.now() - 60_000).toISOString();
  await send(popup, { Start: { projectId, description: 'Across a login', at: startAt } });
  const stopAt = new Date().toISOString();
  await send(popup, { Stop: { at: stopAt } });
  await hook('POST', '/__test/expire-sessions');
  await clearFaults();
  await popup.reload();
  await popup.getByTestId('login-button').waitFor();
  assert.match(await popup.getByTestId('sync-status').textContent(), /2 changes waiting/);
  assert.equal((await adaEntries()).filter((e) => e.description === 'Across a login').length, 0, 'nothing delivered while logged out');
  await loginInTab(h);
  await popup.reload();
  await eventually(async () => (await popup.getByTestId('sync-status').textContent()) === '');
  const entries = (await adaEntries()).filter((e) => e.description === 'Across a login');
  assert.equal(entries.length, 1);
  assert.equal(Date.parse(entries[0].startTime), Date.parse(startAt));
  assert.equal(Date.parse(entries[0].endTime), Date.parse(stopAt));
  assert.equal((await posts()).filter((r) => r.status === 201).length, 1);
  assert.equal((await stops()).filter((r) => r.status === 200).length, 1);
  await popup.close();
});
