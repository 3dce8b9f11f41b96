// Issue 5's browser tests: the phone flow (on-screen keyboard through the hidden field, touch
// scrolling, offline start, export and import, a browser restart), the same at desktop size
// with mouse and keyboard, storage failures, no WebGL2, and the update prompt.
// Run by run.mjs (node's test runner).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  drag, firstRow, launch, outDir, phone, press, settle, startServer, typeInto, waitReady, webDir, widget, openApp,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const screen = (page) => page.evaluate(() => window.pathway.screen());
const snapshot = (page) => page.evaluate(() => window.pathway.snapshot());
const activeId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
const saved = (page) => page.waitForFunction(() => window.pathway.saved(), null, { timeout: 5000 });

/// Taps a text field and types into the page's own field over it (what a phone's keyboard does).
async function tapAndInsert(page, id, text) {
  await press(page, id, { touch: true });
  assert.equal(await activeId(page), 'text-field', `tapping ${id} focuses the page's field over it`);
  assert.equal(await page.evaluate(() => window.pathway.wantsText()), true, `${id} is being edited`);
  await page.keyboard.press('Control+A'); // the browser's own select all
  await page.keyboard.insertText(text);
  await settle(page);
}

async function exportAndParse(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(() => window.pathway.exportJson()),
  ]);
  const file = path.join(outDir, download.suggestedFilename());
  await download.saveAs(file);
  return { file, json: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

async function importFile(page, file, { confirm = true } = {}) {
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('#notice-banner:not([hidden])');
  const text = await page.textContent('#notice-text');
  if (confirm) {
    await page.click('#notice-ok');
    await page.waitForFunction(() => window.pathway.lastImport !== null);
    await settle(page);
  }
  return text;
}

test('phone: keyboard, save, reload, offline start, drag scroll, export/import, restart', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-phone-'));
  let browser = await launch(phone, profile);
  try {
    let { page, context } = browser;
    const errors = await openApp(page, server.url);
    assert.equal(await screen(page), 'welcome');

    // The page's field: focused by the tap, visible, over the app's field, a name's keyboard.
    await tapAndInsert(page, 'welcome.name', 'Jamie Invented');
    const style = await page.evaluate(() => {
      const el = window.pathway.textField();
      const s = getComputedStyle(el);
      return { display: s.display, opacity: s.opacity, capitalize: el.getAttribute('autocapitalize') };
    });
    assert.notEqual(style.display, 'none');
    assert.equal(style.opacity, '1');
    assert.equal(style.capitalize, 'words');
    await press(page, 'welcome.start', { touch: true });
    assert.equal(await screen(page), 'home');
    // ImGui no longer edits text: the page's field goes (the keyboard closes).
    await page.waitForFunction(() => window.pathway.textField() === null);

    // Add CPD through the on-screen keyboard path.
    await press(page, 'action.add-cpd', { touch: true });
    assert.equal(await screen(page), 'editor');
    await tapAndInsert(page, 'entry.title', 'Court skills, typed on the bus');
    await tapAndInsert(page, 'cpd.hours', '3');
    await press(page, 'action.save', { touch: true });
    await saved(page);
    let snap = await snapshot(page);
    assert.equal(snap.entries.length, 1);
    assert.equal(snap.entries[0].title, 'Court skills, typed on the bus');
    assert.equal(snap.entries[0].fields.hours, 3);
    assert.equal(await activeId(page) === 'text-field', false);

    // Reload: still there.
    await page.reload();
    await waitReady(page);
    snap = await snapshot(page);
    assert.equal(snap.entries[0].title, 'Court skills, typed on the bus');

    // Offline: the service worker starts the app from its cache.
    await page.waitForFunction(() => window.pathway.offlineReady, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true);
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    assert.equal((await snapshot(page)).entries.length, 1);
    assert.equal(await screen(page), 'home');
    await context.setOffline(false);

    // A drag scrolls the log (with inertia after the finger lifts).
    await page.evaluate(() => window.pathway.addTestEntries(60));
    await settle(page);
    await press(page, 'nav.log', { touch: true });
    assert.equal(await screen(page), 'log');
    const before = await firstRow(page);
    assert.ok(before, 'the log shows rows');
    await drag(page, 195, 650, 195, 300);
    await settle(page);
    const afterDrag = await firstRow(page);
    assert.notEqual(afterDrag, before, 'the drag scrolled the log');
    // A drag is not a tap: no entry was opened.
    assert.equal(await screen(page), 'log');
    await page.screenshot({ path: path.join(outDir, 'web-phone-log-scrolled.png') });

    // Export downloads a file that parses; import restores it after confirmation.
    await saved(page);
    const { file, json } = await exportAndParse(page);
    assert.equal(json.entries.length, 61);
    await page.evaluate(() => window.pathway.addTestEntries(5));
    await settle(page);
    assert.equal((await snapshot(page)).entries.length, 66);
    const question = await importFile(page, file);
    assert.match(question, /Replace the portfolio/);
    assert.equal(await page.evaluate(() => window.pathway.lastImport.ok), true);
    assert.equal((await snapshot(page)).entries.length, 61);
    // A broken file: a clear message and nothing changed.
    const bad = path.join(outDir, 'not-a-portfolio.json');
    fs.writeFileSync(bad, '{"format": "something else"');
    const message = await importFile(page, bad, { confirm: false });
    assert.match(message, /Could not import not-a-portfolio\.json: .*Nothing was changed/);
    await page.click('#notice-ok');
    assert.equal((await snapshot(page)).entries.length, 61);
    await saved(page);
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.pathway.storageErrors), []);

    // Browser restart with the same profile: the portfolio is still there.
    await browser.close();
    browser = await launch(phone, profile);
    ({ page, context } = browser);
    await page.goto(server.url);
    await waitReady(page);
    snap = await snapshot(page);
    assert.equal(snap.entries.length, 61);
    assert.ok(snap.entries.some((e) => e.title === 'Court skills, typed on the bus'));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('desktop: the same flow with mouse, keyboard, wheel and clipboard', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const { page, context } = browser;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(server.url);
    await waitReady(page);
    await typeInto(page, 'welcome.name', 'Morgan Invented');
    await press(page, 'welcome.start');
    assert.equal(await screen(page), 'home');
    await press(page, 'action.add-cpd');
    await typeInto(page, 'entry.title', 'Supervision skills workshop');
    // The keyboard goes to the page's own field over the title (the browser edits the text).
    assert.equal(await activeId(page), 'text-field');
    // Copy the title (the browser's copy), paste a number into the hours field (its paste).
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await settle(page);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Supervision skills workshop');
    await page.evaluate(() => navigator.clipboard.writeText('4.5'));
    await press(page, 'cpd.hours');
    await page.keyboard.press('Control+V');
    await settle(page);
    await press(page, 'action.save');
    await saved(page);
    let snap = await snapshot(page);
    assert.equal(snap.entries[0].title, 'Supervision skills workshop');
    assert.equal(snap.entries[0].fields.hours, 4.5);

    await page.reload();
    await waitReady(page);
    assert.equal((await snapshot(page)).entries.length, 1);
    await page.waitForFunction(() => window.pathway.offlineReady, null, { timeout: 30000 });
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    assert.equal((await snapshot(page)).entries.length, 1);
    await context.setOffline(false);

    // The wheel scrolls the log.
    await page.evaluate(() => window.pathway.addTestEntries(80));
    await press(page, 'nav.log');
    const before = await firstRow(page);
    const row = await widget(page, before);
    await page.mouse.move(row.x + row.w / 2, row.y + row.h / 2);
    await page.mouse.wheel(0, 600);
    await settle(page);
    assert.notEqual(await firstRow(page), before);

    await saved(page);
    const { file, json } = await exportAndParse(page);
    assert.equal(json.entries.length, 81);
    await page.evaluate(() => window.pathway.addTestEntries(2));
    await importFile(page, file);
    assert.equal((await snapshot(page)).entries.length, 81);
  } finally {
    await browser.close();
  }
});

test('storage that fails is shown, with an export offered (never silent)', async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    // Private browsing in some browsers: IndexedDB refuses to open.
    await page.addInitScript(() => {
      IDBFactory.prototype.open = function () { throw new DOMException('blocked for this test', 'InvalidStateError'); };
    });
    await page.goto(server.url);
    await waitReady(page);
    await page.waitForSelector('#storage-banner:not([hidden])');
    assert.match(await page.textContent('#storage-text'), /export a copy/i);
    await page.evaluate(() => window.pathway.addTestEntries(2));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#storage-export')]);
    const file = path.join(outDir, 'storage-failure-export.json');
    await download.saveAs(file);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).entries.length, 2);
  } finally {
    await browser.close();
  }
});

test('no WebGL2: a clear message instead of a blank page', async () => {
  const browser = await launch({ viewport: { width: 800, height: 600 } }, null, ['--disable-webgl']);
  try {
    const { page } = browser;
    await page.goto(server.url);
    await page.waitForFunction(() => window.pathway && window.pathway.webgl2 === false);
    assert.match(await page.textContent('#message'), /needs WebGL2/);
    assert.equal(await page.isVisible('#message'), true);
  } finally {
    await browser.close();
  }
});

test('a new version waiting offers "Reload", which switches to it', async () => {
  // A copy of the build, so its service worker can change like a deployment.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-deploy-'));
  fs.cpSync(webDir, dir, { recursive: true });
  const deploy = await startServer(dir);
  const browser = await launch({ viewport: { width: 800, height: 600 } });
  try {
    const { page } = browser;
    await page.goto(deploy.url);
    await waitReady(page);
    await page.waitForFunction(() => window.pathway.offlineReady, null, { timeout: 30000 });
    assert.equal(await page.isVisible('#update-banner'), false);
    const sw = path.join(dir, 'sw.js');
    fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = '([^']*)'/, "const VERSION = '$1-next'"));
    await page.evaluate(() => window.pathway.checkForUpdate());
    await page.waitForSelector('#update-banner:not([hidden])', { timeout: 30000 });
    assert.match(await page.textContent('#update-banner'), /new version/);
    await Promise.all([page.waitForNavigation(), page.click('#update-reload')]);
    await waitReady(page);
    const version = await page.evaluate(() => new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data.version));
      navigator.serviceWorker.controller.postMessage({ type: 'version' });
    }));
    assert.match(version, /-next$/);
  } finally {
    await browser.close();
    deploy.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('phone: rotation re-lays the screens out at the new size, text stays crisp', async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    await page.goto(server.url);
    await waitReady(page);
    await tapAndInsert(page, 'welcome.name', 'Ari Invented');
    await press(page, 'welcome.start', { touch: true });
    const portrait = await widget(page, 'nav.home');
    assert.ok(portrait.y > 700, 'portrait: navigation at the bottom');
    await page.setViewportSize({ width: 844, height: 390 }); // turned sideways
    await page.waitForFunction(() => window.pathway.widgets().some((w) => w.id === 'nav.home' && w.y < 300));
    await settle(page);
    const canvas = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, css: c.getBoundingClientRect().width, dpr: devicePixelRatio };
    });
    assert.equal(canvas.css, 844);
    assert.equal(canvas.w, 844 * canvas.dpr, 'the backing store follows devicePixelRatio (crisp text)');
    await page.screenshot({ path: path.join(outDir, 'web-phone-landscape.png') });
  } finally {
    await browser.close();
  }
});
