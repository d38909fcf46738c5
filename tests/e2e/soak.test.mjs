// Soak: random starts, stops, switches and edits under random faults. The database must end
// up exactly as the user acted: nothing lost, nothing doubled, every instant the click's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaEntries, addFault, clearFaults, launch, loginInTab, openPopup, resetServer } from './harness.mjs';

const ACTIONS = Number(process.env.SOAK_ACTIONS ?? 200);

// A small seeded generator, so a failure can be replayed (SOAK_SEED).
function random(seed) {
  let x = seed >>> 0 || 1;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const FAULTS = [
  { mode: 'drop' },
  { method: 'POST', path: '/api/time-entries', mode: 'commit_then_drop' },
  { method: 'PUT', path: '/api/time-entries', mode: 'commit_then_drop' },
  { mode: 'status', status: 502 },
  { mode: 'status', status: 504 },
  { mode: 'delay', delayMs: 200 },
];

test(`soak: ${ACTIONS} random actions under random faults leave the database exactly as the user acted`, async () => {
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 100000);
  const rnd = random(seed);
  await resetServer();
  const h = await launch();
  try {
    await loginInTab(h);
    const popup = await openPopup(h);
    const projectId = Number(await popup.locator('[data-testid=project-option]').first().getAttribute('data-project-id'));
    const send = async (body) => JSON.parse(await popup.evaluate(
      (json) => chrome.runtime.sendMessage(json), JSON.stringify({ version: 1, body }),
    )).body.State.state;

    const expected = []; // { description, start, end }
    let clock = Date.now() - 2 * 86400_000; // the user's clicks, a minute apart
    let state;
    let faults = 0;
    for (let i = 0; i < ACTIONS; i++) {
      if (rnd() < 0.35) {
        await addFault({ ...FAULTS[Math.floor(rnd() * FAULTS.length)], times: 1 });
        faults += 1;
      }
      clock += 60_000;
      const at = new Date(clock).toISOString();
      const running = expected.find((e) => e.end === null);
      const roll = rnd();
      if (!running) {
        expected.push({ description: `soak-${seed}-${i}`, start: clock, end: null });
        state = await send({ Start: { projectId, description: `soak-${seed}-${i}`, at } });
      } else if (roll < 0.6) {
        running.end = clock;
        state = await send({ Stop: { at } });
      } else if (roll < 0.85) {
        running.end = clock; // switching: the running one stops where the new one starts
        expected.push({ description: `soak-${seed}-${i}`, start: clock, end: null });
        state = await send({ Start: { projectId, description: `soak-${seed}-${i}`, at } });
      } else {
        // Edit the description of a delivered, completed entry.
        const delivered = (state?.recent ?? []).filter((e) => e.endTime && e.description.startsWith(`soak-${seed}-`) && !e.description.endsWith('-edited'));
        const target = delivered[Math.floor(rnd() * delivered.length)];
        const mine = target && expected.find((e) => e.description === target.description);
        if (mine) {
          mine.description = `${mine.description}-edited`;
          state = await send({ UpdateEntry: { id: target.id, patch: { description: mine.description } } });
        } else {
          state = await send('Refresh');
        }
      }
      if (i % 7 === 6) state = await send('Refresh');
    }
    await clearFaults();
    for (let tries = 0; tries < 40 && state.outbox.queue.length > 0; tries++) {
      await new Promise((r) => setTimeout(r, 250));
      state = await send('Refresh');
    }
    assert.equal(state.outbox.queue.length, 0, 'outbox drained');

    const actual = (await adaEntries()).filter((e) => e.description.startsWith(`soak-${seed}-`));
    let lost = 0;
    let duplicated = 0;
    let mismatched = 0;
    for (const want of expected) {
      const found = actual.filter((e) => e.description === want.description);
      if (found.length === 0) lost += 1;
      if (found.length > 1) duplicated += found.length - 1;
      const got = found[0];
      if (got && (Date.parse(got.startTime) !== want.start || (got.endTime ? Date.parse(got.endTime) : null) !== want.end)) {
        mismatched += 1;
        console.log('mismatch', want, got);
      }
    }
    const unexpected = actual.filter((e) => !expected.some((w) => w.description === e.description)).length;
    console.log(`soak (seed ${seed}): ${ACTIONS} actions, ${faults} faults, ${expected.length} entries; lost ${lost}, duplicated ${duplicated}, unexpected ${unexpected}, mismatched ${mismatched}`);
    assert.deepEqual({ lost, duplicated, unexpected, mismatched }, { lost: 0, duplicated: 0, unexpected: 0, mismatched: 0 });
  } finally {
    await h.close();
  }
});
