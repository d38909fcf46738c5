// Starting from the tab's context: the context menu, the keyboard shortcut and URL rules.
// Headless Chromium cannot click native menus or press extension shortcuts, so the tests call
// the worker's `perminutTest` functions: the very functions registered as the listeners,
// given the `info`/`tab` objects the events would carry (with activeTab, the event's tab
// has its title and URL even without a host permission for it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, adaEntries, eventually, launch, loginInTab, menuClicked, openPopup, pressCommand,
  projectIdByName, resetServer, servePage, setSettings, tabIdOf, workerState,
} from './harness.mjs';

let h;
let openSource;
let internal;
before(async () => {
  await resetServer();
  h = await launch();
  await loginInTab(h);
  const popup = await openPopup(h); // reads the projects
  openSource = await projectIdByName(h, 'Open source');
  internal = (await workerState(h)).projects.find((p) => p.id !== openSource).id;
  await popup.close();
});
after(async () => h?.close());

const running = async () => (await adaEntries()).filter((e) => e.endTime === null);
const delivered = async () => (await workerState(h)).outbox?.queue?.length === 0;

test('menu on selected text: a running entry with the selection as description, on the rule project', async () => {
  await setSettings(h, { rules: [{ pattern: '127.0.0.1/__page', projectId: openSource, template: '' }] });
  const { page, url } = await servePage(h, 'bugs', 'Bug tracker');
  await eventually(async () => (await workerState(h)).projects?.length, { message: 'projects' });
  await menuClicked(h, { menuItemId: 'perminut-start-selection', selectionText: 'Fix login bug', pageUrl: url },
    { id: 1, title: 'Bug tracker', url });
  const [entry] = await eventually(running, { message: 'a running entry' });
  assert.equal(entry.description, 'Fix login bug');
  assert.equal(entry.projectId, openSource);
  await menuClicked(h, { menuItemId: 'perminut-stop', pageUrl: url }, { id: 1, title: 'Bug tracker', url });
  await eventually(async () => (await running()).length === 0, { message: 'stopped' });
  await page.close();
});

test('menu on a link: the link text (or address) is the description', async () => {
  await setSettings(h, {});
  const before = (await adaEntries()).length;
  await menuClicked(h, { menuItemId: 'perminut-start-link', linkUrl: 'https://example.com/spec', linkText: 'The spec', pageUrl: `${API}/x` },
    { id: 1, title: 'Some page', url: `${API}/x` });
  const [entry] = await eventually(running, { message: 'a running entry' });
  assert.equal(entry.description, 'The spec');
  assert.equal((await adaEntries()).length, before + 1);
  await pressCommand(h, 'toggle-timer', { id: 1, title: 'Some page', url: `${API}/x` });
  await eventually(async () => (await running()).length === 0, { message: 'stopped' });
});

test('shortcut pressed twice quickly: one entry, started then stopped, never a restart', async () => {
  await setSettings(h, { defaultProject: internal });
  await eventually(delivered, { message: 'outbox empty' });
  const before = (await adaEntries()).length;
  const tab = { id: 7, title: 'Twice pressed', url: 'https://docs.example/page' };
  await pressCommand(h, 'toggle-timer', tab, 2);
  const entries = await eventually(async () => {
    const mine = (await adaEntries()).filter((e) => e.description === 'Twice pressed');
    return (await delivered()) && mine.every((e) => e.endTime !== null) && mine.length ? mine : null;
  }, { message: 'one stopped entry' });
  assert.equal(entries.length, 1);
  assert.notEqual(entries[0].endTime, null, 'stopped');
  assert.equal(entries[0].projectId, internal);
  assert.equal((await adaEntries()).length, before + 1);
});

test('rule github.com/:owner/:repo/issues/:number → "#{number} {title}" on Open source', async () => {
  await setSettings(h, {
    rules: [{ pattern: 'github.com/:owner/:repo/issues/:number', projectId: openSource, template: '#{number} {title}' }],
  });
  // The page is served locally: nothing leaves the machine.
  await h.context.route('https://github.com/**', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><meta charset="utf-8"><title>Crash on save</title><body>issue</body>',
  }));
  const page = await h.context.newPage();
  await page.goto('https://github.com/acme/app/issues/42');
  const tab = { id: 9, title: await page.title(), url: page.url() };
  await pressCommand(h, 'toggle-timer', tab);
  const [entry] = await eventually(running, { message: 'a running entry' });
  assert.equal(entry.description, '#42 Crash on save');
  assert.equal(entry.projectId, openSource);
  await pressCommand(h, 'toggle-timer', tab);
  await eventually(async () => (await running()).length === 0, { message: 'stopped' });
  await page.close();
});

test('the popup prefills the description and project from the first matching rule', async () => {
  await setSettings(h, { rules: [{ pattern: '127.0.0.1/__page/:name', projectId: openSource, template: '{name}: {title}' }] });
  const { page, url } = await servePage(h, 'release-notes', 'Draft');
  const popup = await openPopup(h, { tabId: await tabIdOf(h, url) });
  await eventually(async () => (await popup.getByTestId('description').inputValue()) === 'release-notes: Draft', { message: 'prefill' });
  await eventually(async () => Number(await popup.getByTestId('project-picker').inputValue()) === openSource, { message: 'rule project' });
  await popup.close();
  await page.close();
});

test('the site memory: a start from the menu is remembered for the site and used next time', async () => {
  await setSettings(h, {});
  const tab = { id: 3, title: 'Wiki home', url: 'https://wiki.example/home' };
  await menuClicked(h, { menuItemId: 'perminut-start-page', pageUrl: tab.url }, tab);
  await eventually(running, { message: 'running' });
  await menuClicked(h, { menuItemId: 'perminut-stop' }, tab);
  await eventually(async () => (await running()).length === 0, { message: 'stopped' });
  const worker = await h.currentWorker();
  const sites = async () => JSON.parse((await worker.evaluate(() => chrome.storage.local.get('sites'))).sites ?? '[]');
  await eventually(async () => (await sites()).some(([host]) => host === 'wiki.example'), { message: 'site remembered' });
  // Another project used on this site (what the popup records after a start there), then the menu again.
  await worker.evaluate((id) => chrome.storage.local.set({ sites: JSON.stringify([['wiki.example', id]]) }), openSource);
  await menuClicked(h, { menuItemId: 'perminut-start-page', pageUrl: tab.url }, { ...tab, url: 'https://www.wiki.example/other' });
  const [entry] = await eventually(running, { message: 'running again' });
  assert.equal(entry.projectId, openSource);
  await menuClicked(h, { menuItemId: 'perminut-stop' }, tab);
  await eventually(async () => (await running()).length === 0, { message: 'stopped' });
  // Switched off: the default again.
  await setSettings(h, { rememberSiteProject: false, defaultProject: internal });
  await menuClicked(h, { menuItemId: 'perminut-start-page', pageUrl: tab.url }, tab);
  const [third] = await eventually(running, { message: 'running a third time' });
  assert.equal(third.projectId, internal);
  await menuClicked(h, { menuItemId: 'perminut-stop' }, tab);
  await eventually(async () => (await running()).length === 0, { message: 'stopped' });
});

test('the menu items exist after the worker starts, follow the option, and come back after a restart', async () => {
  // `contextMenus.update` rejects for an id that does not exist: a way to list what is there.
  const exists = async (id) => (await h.currentWorker()).evaluate(
    (i) => chrome.contextMenus.update(i, {}).then(() => true, () => false), id);
  const ids = ['perminut-start-page', 'perminut-start-selection', 'perminut-start-link', 'perminut-stop'];
  await setSettings(h, {});
  for (const id of ids) await eventually(() => exists(id), { message: `menu item ${id}` });
  await setSettings(h, { contextMenu: false });
  for (const id of ids) await eventually(async () => !(await exists(id)), { message: `menu item ${id} removed` });
  await setSettings(h, { contextMenu: true });
  for (const id of ids) await eventually(() => exists(id), { message: `menu item ${id} back` });
  await h.stopWorker();
  const popup = await openPopup(h); // its message wakes a new worker, which recreates the menu
  await popup.close();
  for (const id of ids) await eventually(() => exists(id), { message: `menu item ${id} after restart` });
});

test('shortcut twice when the event carries no tab: the active tab is looked up, still one entry started then stopped', async () => {
  await setSettings(h, { defaultProject: internal });
  const { page } = await servePage(h, 'active', 'Active tab page');
  await page.bringToFront();
  await eventually(delivered, { message: 'outbox empty' });
  await pressCommand(h, 'toggle-timer', undefined, 2);
  const entries = await eventually(async () => {
    const mine = (await adaEntries()).filter((e) => e.description === 'Active tab page');
    return (await delivered()) && mine.length && mine.every((e) => e.endTime !== null) ? mine : null;
  }, { message: 'one stopped entry' });
  assert.equal(entries.length, 1);
  assert.equal((await running()).length, 0);
  await page.close();
});
