// History, continue, manual entries, edit, delete with undo and statistics (issue 6), in a
// browser whose zone is Europe/Berlin. Each test checks the server's database and the bodies
// it received: edits send only the changed fields.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, DEMO, adaEntries, eventually, launch, loginInTab, openPopup, requestLog, resetServer,
} from './harness.mjs';

const ZONE = 'Europe/Berlin';
let h;
let cookie;

/** A session cookie for the demo user, for creating fixtures through the API from Node. */
async function apiLogin() {
  const res = await fetch(`${API}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
  });
  assert.equal(res.status, 200);
  return res.headers.get('set-cookie').split(';')[0];
}

async function api(method, path, body) {
  const res = await fetch(API + path, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${path} -> ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}

const createEntry = (description, startTime, endTime, projectId = 8) =>
  api('POST', '/api/time-entries', { projectId, description, startTime, endTime });

/** The popup on the History tab, showing the local days `from`..`to`. */
async function openHistory(from, to) {
  const popup = await openPopup(h);
  await popup.getByTestId('tab-history').click();
  await popup.getByTestId('history-range').selectOption('custom');
  await popup.getByTestId('history-from').fill(from);
  await popup.getByTestId('history-to').fill(to);
  await popup.getByTestId('history-total').waitFor();
  return popup;
}

const row = (popup, id) => popup.locator(`[data-testid=history-entry][data-entry-id="${id}"]`);
const text = async (locator) => (await locator.textContent()).trim();
const dayTotal = (popup, date) => popup.locator(`[data-testid=history-day][data-date="${date}"] [data-testid=day-total]`);
const bodiesOf = async (method, path) =>
  (await requestLog()).filter((r) => r.method === method && r.path === path).map((r) => r.body);

before(async () => {
  h = await launch({ timezoneId: ZONE });
});
after(async () => h?.close());
beforeEach(async () => {
  await resetServer();
  await loginInTab(h);
  cookie = await apiLogin();
});

test('an entry over 24 hours shows 25:30:00, split 17:00:00 + 8:30:00 between its Berlin days', async () => {
  const e = await createEntry('Marathon', '2026-03-09T06:00:00.000Z', '2026-03-10T07:30:00.000Z');
  const popup = await openHistory('2026-03-09', '2026-03-10');
  await eventually(async () => (await text(row(popup, e.id).getByTestId('history-entry-duration'))) === '25:30:00', { message: '25:30:00' });
  assert.equal(await text(dayTotal(popup, '2026-03-09')), '17:00:00');
  assert.equal(await text(dayTotal(popup, '2026-03-10')), '8:30:00');
  assert.equal(await text(popup.getByTestId('history-total')), '25:30:00');
  assert.match(await text(popup.getByTestId('history-zone')), /Europe\/Berlin/);
  await popup.close();
});

test('an empty range says so, with a zero total', async () => {
  const popup = await openHistory('2020-01-06', '2020-01-07');
  await popup.getByTestId('history-empty').waitFor();
  assert.equal(await text(popup.getByTestId('history-total')), '0:00:00');
  await popup.close();
});

test('Berlin: changing only the end to 07:00 sends only endTime and shows 5:30:00 with the start unchanged', async () => {
  const e = await createEntry('Night shift', '2026-10-25T00:30:00.000Z', '2026-10-25T05:00:00.000Z');
  const popup = await openHistory('2026-10-25', '2026-10-25');
  const r = row(popup, e.id);
  await eventually(async () => (await text(r.getByTestId('history-entry-duration'))) === '4:30:00', { message: '4:30:00' });
  await r.getByTestId('entry-edit').click();
  assert.equal(await r.getByTestId('edit-start').inputValue(), '2026-10-25T02:30');
  assert.equal(await r.getByTestId('edit-end').inputValue(), '2026-10-25T06:00');
  await r.getByTestId('edit-end').fill('2026-10-25T07:00');
  await r.getByTestId('edit-save').click();
  await eventually(async () => (await text(row(popup, e.id).getByTestId('history-entry-duration'))) === '5:30:00', { message: '5:30:00' });
  assert.deepEqual((await bodiesOf('PUT', `/api/time-entries/${e.id}`)).map(JSON.parse), [{ endTime: '2026-10-25T06:00:00.000Z' }]);
  const stored = (await adaEntries()).find((x) => x.id === e.id);
  assert.equal(stored.startTime, '2026-10-25T00:30:00.000Z');
  assert.equal(stored.endTime, '2026-10-25T06:00:00.000Z');
  await popup.close();
});

test('changing only the description sends only description', async () => {
  const e = await createEntry('Old words', '2026-11-02T08:00:00.000Z', '2026-11-02T09:15:00.000Z');
  const popup = await openHistory('2026-11-02', '2026-11-02');
  const r = row(popup, e.id);
  await r.getByTestId('entry-edit').click();
  await r.getByTestId('edit-description').fill('New words <b>not bold</b>');
  await r.getByTestId('edit-save').click();
  await eventually(async () => (await text(row(popup, e.id).getByTestId('history-entry-description'))) === 'New words <b>not bold</b>');
  assert.deepEqual((await bodiesOf('PUT', `/api/time-entries/${e.id}`)).map(JSON.parse), [{ description: 'New words <b>not bold</b>' }]);
  const stored = (await adaEntries()).find((x) => x.id === e.id);
  assert.deepEqual([stored.description, stored.startTime, stored.endTime, stored.projectId],
    ['New words <b>not bold</b>', '2026-11-02T08:00:00.000Z', '2026-11-02T09:15:00.000Z', 8]);
  assert.equal(await popup.locator('b').count(), 0);
  await popup.close();
});

test('edit problems show next to their field and keep what was typed', async () => {
  const e = await createEntry('Careful', '2026-11-02T08:00:00.000Z', '2026-11-02T09:00:00.000Z');
  const popup = await openHistory('2026-11-02', '2026-11-02');
  const r = row(popup, e.id);
  await r.getByTestId('entry-edit').click();
  // Checked in the popup: an end before the start.
  await r.getByTestId('edit-end').fill('2026-11-02T08:30');
  await r.getByTestId('edit-save').click();
  await r.locator('[data-testid=field-error][data-field=endTime]').waitFor();
  assert.equal(await r.getByTestId('edit-end').inputValue(), '2026-11-02T08:30');
  // Refused by the server (2001 characters): its message sits by the description.
  await r.getByTestId('edit-end').fill('2026-11-02T10:00');
  const tooLong = 'y'.repeat(2001);
  await r.getByTestId('edit-description').fill(tooLong);
  await r.getByTestId('edit-save').click();
  await r.locator('[data-testid=field-error][data-field=description]').waitFor();
  assert.equal(await r.getByTestId('edit-description').inputValue(), tooLong);
  assert.equal(await r.getByTestId('edit-end').inputValue(), '2026-11-02T10:00');
  const stored = (await adaEntries()).find((x) => x.id === e.id);
  assert.deepEqual([stored.description, stored.endTime], ['Careful', '2026-11-02T09:00:00.000Z']);
  await popup.close();
});

test('a manual block 22:30 → 01:15 is one POST ending the next day, 2:45:00', async () => {
  const popup = await openHistory('2026-11-10', '2026-11-11');
  await popup.getByTestId('history-empty').waitFor();
  await popup.getByTestId('manual-open').click();
  await popup.getByTestId('manual-project').selectOption('8');
  await popup.getByTestId('manual-description').fill('Late release');
  await popup.getByTestId('manual-date').fill('2026-11-10');
  await popup.getByTestId('manual-start').fill('22:30');
  await popup.getByTestId('manual-end').fill('01:15');
  assert.equal(await text(popup.getByTestId('manual-preview')), '2:45:00');
  await popup.getByTestId('manual-save').click();
  await eventually(async () => (await text(popup.getByTestId('history-total'))) === '2:45:00', { message: 'total 2:45:00' });
  assert.equal(await text(dayTotal(popup, '2026-11-10')), '1:30:00');
  assert.equal(await text(dayTotal(popup, '2026-11-11')), '1:15:00');
  const posts = (await bodiesOf('POST', '/api/time-entries')).map(JSON.parse);
  assert.deepEqual(posts, [{ projectId: 8, description: 'Late release', startTime: '2026-11-10T21:30:00.000Z', endTime: '2026-11-11T00:15:00.000Z' }]);
  const stored = (await adaEntries()).filter((x) => x.description === 'Late release');
  assert.equal(stored.length, 1);
  assert.deepEqual([stored[0].startTime, stored[0].endTime], ['2026-11-10T21:30:00.000Z', '2026-11-11T00:15:00.000Z']);
  await popup.close();
});

test('a manual block with a typed duration (1h30), and garbage refused by the field', async () => {
  const popup = await openHistory('2026-11-12', '2026-11-12');
  await popup.getByTestId('manual-open').click();
  await popup.getByTestId('manual-project').selectOption('8');
  await popup.getByTestId('manual-date').fill('2026-11-12');
  await popup.getByTestId('manual-start').fill('09:00');
  await popup.getByTestId('manual-duration').fill('soon');
  await popup.getByTestId('manual-save').click();
  await popup.locator('[data-testid=field-error][data-field=duration]').waitFor();
  assert.equal(await popup.getByTestId('manual-duration').inputValue(), 'soon');
  await popup.getByTestId('manual-duration').fill('1h30');
  assert.equal(await text(popup.getByTestId('manual-preview')), '1:30:00');
  await popup.getByTestId('manual-save').click();
  await eventually(async () => (await text(popup.getByTestId('history-total'))) === '1:30:00', { message: 'total 1:30:00' });
  const stored = (await adaEntries()).filter((x) => x.startTime === '2026-11-12T08:00:00.000Z');
  assert.deepEqual(stored.map((x) => x.endTime), ['2026-11-12T09:30:00.000Z']);
  await popup.close();
});

test('continue starts a new timer with the entry\'s project and description', async () => {
  const e = await createEntry('Keep going', '2026-11-02T08:00:00.000Z', '2026-11-02T09:00:00.000Z', 3);
  const popup = await openHistory('2026-11-02', '2026-11-02');
  await row(popup, e.id).getByTestId('entry-continue').click();
  const running = await eventually(async () => (await adaEntries()).find((x) => x.endTime === null), { message: 'a running entry' });
  assert.deepEqual([running.description, running.projectId], ['Keep going', 3]);
  assert.ok(Math.abs(Date.parse(running.startTime) - Date.now()) < 60_000);
  await popup.getByTestId('tab-timer').click();
  assert.equal(await text(popup.getByTestId('running-description')), 'Keep going');
  await popup.getByTestId('stop').click();
  await popup.getByTestId('start').waitFor();
  await eventually(async () => !(await adaEntries()).some((x) => x.endTime === null), { message: 'stopped' });
  await popup.close();
});

test('delete then Undo: the entry comes back and nothing is sent', async () => {
  const e = await createEntry('Keep me', '2026-11-03T08:00:00.000Z', '2026-11-03T09:00:00.000Z');
  const popup = await openHistory('2026-11-03', '2026-11-03');
  await row(popup, e.id).getByTestId('entry-delete').click();
  await popup.getByTestId('undo').waitFor();
  assert.equal(await row(popup, e.id).count(), 0);
  assert.equal(await text(popup.getByTestId('history-total')), '0:00:00');
  await popup.getByTestId('undo').click();
  await row(popup, e.id).waitFor();
  await popup.waitForTimeout(6000);
  assert.equal(await row(popup, e.id).count(), 1);
  assert.ok((await adaEntries()).some((x) => x.id === e.id));
  assert.deepEqual(await bodiesOf('DELETE', `/api/time-entries/${e.id}`), []);
  await popup.close();
});

test('delete for real: sent when the undo window ends, gone from the database and the list', async () => {
  const e = await createEntry('Remove me', '2026-11-03T08:00:00.000Z', '2026-11-03T09:00:00.000Z');
  const popup = await openHistory('2026-11-03', '2026-11-03');
  await row(popup, e.id).getByTestId('entry-delete').click();
  await popup.getByTestId('undo').waitFor();
  assert.ok((await adaEntries()).some((x) => x.id === e.id), 'not sent during the undo window');
  await eventually(async () => !(await adaEntries()).some((x) => x.id === e.id), { timeout: 12_000, message: 'deleted' });
  await popup.getByTestId('history-empty').waitFor();
  await eventually(async () => (await popup.getByTestId('undo-bar').count()) === 0, { message: 'undo bar gone' });
  const deletes = (await requestLog()).filter((r) => r.method === 'DELETE');
  assert.deepEqual(deletes.map((r) => [r.path, r.status]), [[`/api/time-entries/${e.id}`, 204]]);
  await popup.close();
});

test('a delete still in its undo window is sent when leaving the tab or closing the popup', async () => {
  const a = await createEntry('Leave tab', '2026-11-04T08:00:00.000Z', '2026-11-04T09:00:00.000Z');
  const b = await createEntry('Close popup', '2026-11-04T10:00:00.000Z', '2026-11-04T11:00:00.000Z');
  let popup = await openHistory('2026-11-04', '2026-11-04');
  await row(popup, a.id).getByTestId('entry-delete').click();
  await popup.getByTestId('tab-stats').click();
  await eventually(async () => !(await adaEntries()).some((x) => x.id === a.id), { timeout: 3000, message: 'sent on leaving the tab' });
  await popup.getByTestId('stats-total').waitFor(); // the popup still works
  await popup.close();
  popup = await openHistory('2026-11-04', '2026-11-04');
  await row(popup, b.id).getByTestId('entry-delete').click();
  await popup.getByTestId('undo').waitFor();
  await popup.close();
  await eventually(async () => !(await adaEntries()).some((x) => x.id === b.id), { timeout: 3000, message: 'sent on closing' });
});

test('statistics for the day, week and month match the server, in the browser\'s zone', async () => {
  const now = Date.now();
  await createEntry('Stats today', new Date(now - 20 * 60_000).toISOString(), new Date(now - 5 * 60_000).toISOString());
  const popup = await openPopup(h);
  await popup.getByTestId('tab-stats').click();
  assert.match(await text(popup.getByTestId('stats-zone')), /Europe\/Berlin/);
  for (const range of ['daily', 'weekly', 'monthly']) {
    await popup.locator(`[data-testid=stats-range][data-range=${range}]`).click();
    const expected = await api('GET', `/api/dashboard/stats/${range}?timezone=${encodeURIComponent(ZONE)}`);
    const hms = (s) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    await eventually(async () => (await popup.getByTestId('stats-loading').count()) === 0
      && (await text(popup.getByTestId('stats-total'))) === hms(expected.totalSeconds), { message: `${range} total` });
    const bars = popup.getByTestId('stats-bar');
    assert.equal(await bars.count(), expected.days.length, `${range} bars`);
    for (const [i, day] of expected.days.entries()) {
      assert.equal(await bars.nth(i).getAttribute('data-date'), day.date);
      assert.equal(Number(await bars.nth(i).getAttribute('data-seconds')), day.totalSeconds);
    }
    assert.equal(await popup.getByTestId('stats-project').count(), expected.projects.length);
    const asked = (await requestLog()).filter((r) => r.path === `/api/dashboard/stats/${range}`);
    assert.ok(asked.length >= 1 && asked.every((r) => r.query === 'timezone=Europe%2FBerlin'), JSON.stringify(asked));
  }
  await popup.close();
});

test('load more reads an earlier week', async () => {
  const popup = await openPopup(h);
  await popup.getByTestId('tab-history').click();
  await popup.getByTestId('history-range').selectOption('last-week');
  await popup.getByTestId('history-total').waitFor();
  const gets = async () => (await requestLog()).filter((r) => r.method === 'GET' && r.path === '/api/time-entries').map((r) => r.query);
  const before = await eventually(async () => (await gets()).find((q) => q.includes('startDate')), { message: 'first read' });
  await popup.getByTestId('history-more').click();
  const start = (q) => q.match(/startDate=([\d-]+)/)[1];
  await eventually(async () => (await gets()).some((q) => q.includes('startDate') && start(q) < start(before)), { message: 'an earlier startDate' });
  await popup.close();
});
