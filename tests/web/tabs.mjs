// Issue 12 in the browser: two pages of one browser context (one IndexedDB, like two tabs or the
// installed app beside a tab). Entries added in either, in either order, with and without
// waiting, are all there after reloading both; a delete in one stays deleted after the other
// saves; a draft being typed in one survives the other's save. Loaded by run.mjs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launch, outDir, press, settle, startServer, typeInto, waitReady, openApp } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const saved = (page) => page.waitForFunction(() => window.pathway.saved(), null, { timeout: 15000 });
const snapshot = (page) => page.evaluate(() => window.pathway.snapshot());
const ids = (snap) => snap.entries.map((e) => e.id).sort();

async function addOne(page) {
  await page.evaluate(() => window.pathway.addTestEntries(1));
}

async function reloadBoth(a, b) {
  for (const page of [a, b]) {
    await page.reload();
    await waitReady(page);
  }
}

test('two tabs: every entry and every delete survives, and a draft is kept', async () => {
  const browser = await launch({ viewport: { width: 1100, height: 760 } });
  try {
    const a = browser.page;
    const errors = await openApp(a, server.url);
    await typeInto(a, 'welcome.name', 'Taylor Invented');
    await press(a, 'welcome.start');
    await saved(a);
    const b = await browser.context.newPage();
    b.on('pageerror', (e) => errors.push(String(e)));
    await b.goto(server.url);
    await waitReady(b);
    assert.equal((await snapshot(b)).profile.name, 'Taylor Invented');

    // A then B, each waiting for its save.
    await addOne(a);
    await saved(a);
    await addOne(b);
    await saved(b);
    // B then A, without waiting in between.
    await addOne(b);
    await addOne(a);
    await Promise.all([saved(a), saved(b)]);
    await reloadBoth(a, b);
    const afterAdds = await snapshot(a);
    assert.equal(afterAdds.entries.length, 4, 'all four entries, none lost to the other tab');
    assert.deepEqual(ids(await snapshot(b)), ids(afterAdds));
    assert.equal(new Set(ids(afterAdds)).size, 4);

    // A deletes an entry; B, which still had it on screen, saves a change of its own.
    const gone = afterAdds.entries[0].id;
    assert.ok(await a.evaluate((id) => window.pathway.deleteEntry(id), gone));
    await saved(a);
    await addOne(b);
    await saved(b);
    await reloadBoth(a, b);
    for (const page of [a, b]) {
      const snap = await snapshot(page);
      assert.equal(snap.entries.length, 4, 'one deleted, one added');
      assert.ok(!snap.entries.some((e) => e.id === gone), 'the deleted entry stays deleted');
      assert.ok(snap.tombstones.some((t) => t.id === gone), 'its tombstone is kept');
    }

    // B types a draft; A saves meanwhile; B takes A's entry in and keeps typing where it was.
    assert.ok(await b.evaluate(() => window.pathway.newEntry('cpd')));
    await typeInto(b, 'entry.title', 'Half-written reflection');
    const refreshes = await b.evaluate(() => window.pathway.refreshes);
    await addOne(a);
    await saved(a);
    await b.waitForFunction((n) => window.pathway.refreshes > n, refreshes, { timeout: 15000 });
    await settle(b, 3);
    assert.deepEqual(await b.evaluate(() => window.pathway.draft()), { open: true, title: 'Half-written reflection' });
    assert.equal(await b.evaluate(() => window.pathway.screen()), 'editor');
    assert.equal((await snapshot(b)).entries.length, 5, "B shows A's new entry without a reload");
    await b.screenshot({ path: path.join(outDir, 'web-two-tabs-draft.png') });
    await typeInto(b, 'cpd.hours', '1');
    await press(b, 'action.save');
    await saved(b);
    await reloadBoth(a, b);
    const last = await snapshot(a);
    assert.equal(last.entries.length, 6);
    assert.ok(last.entries.some((e) => e.title === 'Half-written reflection'));
    assert.ok(last.revision >= 8, `each save counts (revision ${last.revision})`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
