// Issue 18 in the browser: the confidentiality check's word list is not part of the first load;
// the page fetches it the first time the check runs, the service worker keeps it, and the
// check works offline afterwards. Loaded by run.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  launch, outDir, phone, press, scrollIntoView, settle, startServer, typeInto, waitReady, widget, openApp,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const touch = { touch: true };
const WORDS = /\/words\/british-english\.txt$/;

async function openShare(page) {
  await press(page, 'nav.settings', touch);
  await scrollIntoView(page, 'settings.share');
  await press(page, 'settings.share', touch);
  assert.equal(await page.evaluate(() => window.pathway.screen()), 'share');
}

/// Runs the check (Share -> export CSV) and returns the flagged texts.
async function runCheck(page) {
  await scrollIntoView(page, 'export.csv');
  await press(page, 'export.csv', touch);
  await widget(page, 'check.0.redact'); // waits while the word list loads
  await settle(page, 3);
  return page.evaluate(() => window.pathway.widgets().filter((w) => /^check\.\d+\.redact$/.test(w.id)).length);
}

test('phone: the word list loads when the check first runs, not before, and then works offline', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-words-'));
  let browser = await launch(phone, profile);
  try {
    let { page, context } = browser;
    // Every request, the service worker's own included: its pass-through fetch of the word list
    // (to cache it) is a second request for the same file, so the page's own are counted apart.
    const requests = [];
    const pageRequests = [];
    context.on('request', (r) => { requests.push(r.url()); if (!r.serviceWorker()) pageRequests.push(r.url()); });
    const errors = await openApp(page, server.url);
    await page.waitForFunction(() => window.pathway.offlineReady && !!navigator.serviceWorker.controller,
      null, { timeout: 30000 });
    assert.equal(requests.filter((u) => WORDS.test(u)).length, 0, 'the first load does not fetch the word list');

    await typeInto(page, 'welcome.name', 'Robin Invented', touch);
    await press(page, 'welcome.start', touch);
    await press(page, 'action.add-cpd', touch);
    // "Jayden" is a name; "Housing" is an ordinary word only the word list can tell apart
    // (without it every capitalised word inside a sentence is flagged).
    await typeInto(page, 'entry.title', 'Visit with Jayden about Housing', touch);
    await typeInto(page, 'cpd.hours', '1', touch);
    await press(page, 'action.save', touch);
    await page.waitForFunction(() => window.pathway.saved(), null, { timeout: 5000 });
    assert.equal(requests.filter((u) => WORDS.test(u)).length, 0, 'nor does using the app');

    await openShare(page);
    assert.equal(await runCheck(page), 1, 'only "Jayden" is flagged: the word list was used');
    assert.equal(pageRequests.filter((u) => WORDS.test(u)).length, 1, 'fetched once, when the check ran');
    assert.equal(await page.evaluate(() => window.pathway.wordsError), '');
    await page.screenshot({ path: path.join(outDir, 'web-phone-check-with-word-list.png') });
    const cached = await page.evaluate(async () => {
      for (const key of await caches.keys()) {
        const c = await caches.open(key);
        for (const r of await c.keys()) if (r.url.endsWith('/words/british-english.txt')) return true;
      }
      return false;
    });
    assert.ok(cached, 'the service worker keeps the word list');

    // Offline, in a fresh page (nothing in memory): the check still gets its word list.
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    await openShare(page);
    assert.equal(await runCheck(page), 1);
    assert.equal(await page.evaluate(() => window.pathway.wordsError), '', 'served offline from the cache');
    await context.setOffline(false);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('desktop: a word list that cannot be fetched still lets the check run, and says so', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, context } = browser;
    await context.route(WORDS, (route) => route.fulfill({ status: 404, body: 'missing' }));
    await page.goto(server.url);
    await waitReady(page);
    await typeInto(page, 'welcome.name', 'Robin Invented');
    await press(page, 'welcome.start');
    await press(page, 'action.add-cpd');
    await typeInto(page, 'entry.title', 'Visit with Jayden about Housing');
    await typeInto(page, 'cpd.hours', '1');
    await press(page, 'action.save');
    await press(page, 'nav.share'); // the desktop rail has Share itself
    await press(page, 'export.csv');
    await widget(page, 'check.0.redact');
    await settle(page, 3);
    const n = await page.evaluate(() => window.pathway.widgets().filter((w) => /^check\.\d+\.redact$/.test(w.id)).length);
    assert.equal(n, 2, 'without the word list "Housing" is flagged too (cues and shapes only)');
    assert.match(await page.evaluate(() => window.pathway.wordsError), /404/);
  } finally {
    await browser.close();
  }
});
