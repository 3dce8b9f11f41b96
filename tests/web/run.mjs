// Browser tests for the web build: `node tests/web/run.mjs build/web` (node's test runner).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';

import { launch, outDir, press, settle, startServer, typeInto, waitReady, openApp } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

async function addCpd(page, { title, hours }, opts) {
  await press(page, 'action.add-cpd', opts);
  assert.equal(await page.evaluate(() => window.pathway.screen()), 'editor');
  await typeInto(page, 'entry.title', title, opts);
  await typeInto(page, 'cpd.hours', hours, opts);
  await press(page, 'action.save', opts);
}

async function startPortfolio(page, name, opts) {
  assert.equal(await page.evaluate(() => window.pathway.screen()), 'welcome');
  await typeInto(page, 'welcome.name', name, opts);
  await press(page, 'welcome.start', opts);
  assert.equal(await page.evaluate(() => window.pathway.screen()), 'home');
}

test('desktop: add a CPD record through the UI, and it survives a reload', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const { page } = browser;
    const errors = await openApp(page, server.url);
    await startPortfolio(page, 'Morgan Invented');
    await addCpd(page, { title: 'Safeguarding refresher', hours: '2.5' });
    const snap = await page.evaluate(() => window.pathway.snapshot());
    assert.equal(snap.profile.name, 'Morgan Invented');
    assert.equal(snap.entries.length, 1);
    assert.equal(snap.entries[0].title, 'Safeguarding refresher');
    assert.equal(snap.entries[0].kind, 'cpd');
    assert.equal(snap.entries[0].fields.hours, 2.5);
    await page.screenshot({ path: path.join(outDir, 'web-desktop-home.png') });

    // Saved to IndexedDB within a second; a reload reads it back.
    await page.waitForFunction(() => window.pathway.saved(), null, { timeout: 5000 });
    await page.reload();
    await waitReady(page);
    const again = await page.evaluate(() => window.pathway.snapshot());
    assert.equal(again.entries.length, 1);
    assert.equal(again.entries[0].title, 'Safeguarding refresher');
    assert.equal(await page.evaluate(() => window.pathway.screen()), 'home');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('phone: tap through the same flow at 390x844', async () => {
  const browser = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  try {
    const { page } = browser;
    await page.goto(server.url);
    await waitReady(page);
    const touch = { touch: true };
    await startPortfolio(page, 'Jamie Invented', touch);
    await addCpd(page, { title: 'Reading on trauma-informed practice', hours: '1' }, touch);
    const snap = await page.evaluate(() => window.pathway.snapshot());
    assert.equal(snap.entries.length, 1);
    assert.equal(snap.entries[0].title, 'Reading on trauma-informed practice');
    await settle(page);
    await page.screenshot({ path: path.join(outDir, 'web-phone-home.png') });
  } finally {
    await browser.close();
  }
});

// Issue 5: phone, desktop, storage failure, no WebGL2, update prompt.
await import('./mobile.mjs');
// Issue 5: long-press menu, idle main loop, IME composition, visualViewport.
await import('./phone_interaction.mjs');
// Issue 6: share, import, the confidentiality check and a mentor's review in the browser.
await import('./exchange.mjs');
// Issue 12: two tabs on one IndexedDB (Web Locks, BroadcastChannel, compare-and-merge saves).
await import('./tabs.mjs');
// Issue 18: the confidentiality check's word list is fetched when the check first runs.
await import('./confidentiality.mjs');
// Issue 20: the cohort report in Chromium and the Cohort screen fed by the file picker.
await import('./cohort.mjs');
// Issue 11: writing in the browser's own field over the app's (phone and desktop).
await import('./writing.mjs');
// Issue 19: glyphs for every script, fetched on demand and kept offline.
await import('./glyphs.mjs');
// Issue 17: a mentor signs a review with a key kept in IndexedDB; the CLI verifies it.
await import('./signing.mjs');
// Issue 13: the screens for screen readers and keyboards (axe-core, roles and names, the AX tree).
await import('./a11y.mjs');
// Issue 16: Settings -> Sync against pouchdb-server (XMLHttpRequest), and the CLI's sync.
await import('./sync.mjs');
// Issue 15: the theme and text size (ui::Runner, Host::savePreferences) kept across reloads.
await import('./preferences.mjs');
