// A timer left running while the browser was closed: after a restart on the same profile the
// popup offers to keep it, stop it at the last recorded activity, or stop it now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adaEntries, eventually, launch, loginInTab, openPopup, resetServer } from './harness.mjs';

test('browser closed with a timer running: "stop at last activity" ends it at the recorded activity', async () => {
  await resetServer();
  const dir = mkdtempSync(join(tmpdir(), 'perminut-restart-'));
  let h;
  try {
    h = await launch({ userDataDir: dir });
    await loginInTab(h);
    const popup = await openPopup(h);
    const projectId = Number(await popup.locator('[data-testid=project-option]').first().getAttribute('data-project-id'));
    const start = new Date(Date.now() - 3 * 3600_000).toISOString();
    await popup.evaluate((json) => chrome.runtime.sendMessage(json), JSON.stringify({
      version: 1, body: { Start: { projectId, description: 'Left running overnight', at: start } },
    }));
    const entry = await eventually(async () => (await adaEntries()).find((e) => e.description === 'Left running overnight'));
    // The browser was last active two hours ago: write that into the worker's record, as its
    // alarm would have, then close the browser.
    const lastActivity = new Date(Date.now() - 2 * 3600_000);
    lastActivity.setMilliseconds(0);
    const worker = await h.currentWorker();
    await worker.evaluate(async (at) => {
      const { state } = await chrome.storage.local.get('state');
      const parsed = JSON.parse(state);
      parsed.lastActivity = at;
      await chrome.storage.local.set({ state: JSON.stringify(parsed) });
    }, lastActivity.toISOString());
    await h.context.close();

    h = await launch({ userDataDir: dir });
    const again = await openPopup(h);
    await again.getByTestId('interruption').waitFor();
    for (const id of ['interruption-keep', 'interruption-stop-at-last', 'interruption-stop-now']) {
      assert.equal(await again.getByTestId(id).count(), 1, id);
    }
    assert.match(await again.getByTestId('interruption-stop-at-last').textContent(), /^Stop at \d\d:\d\d$/);
    await again.getByTestId('interruption-stop-at-last').click();
    const stopped = await eventually(async () => (await adaEntries()).find((e) => e.id === entry.id && e.endTime));
    assert.equal(Date.parse(stopped.endTime), lastActivity.getTime());
    await again.getByTestId('interruption').waitFor({ state: 'detached' });
  } finally {
    await h?.context.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});
