// Issue 16 in Chromium: Settings -> Sync against npm's pouchdb-server (scripts/setup.sh installs
// it into .deps/pouchdb-server), started in memory on a free port of 127.0.0.1 and stopped in
// teardown. pouchdb-server enables CORS by default ([httpd] enable_cors, [cors] origins "*",
// credentials, the Authorization header), as an academy's CouchDB does for the page's origin.
// The page syncs through synchronous XMLHttpRequest (web/xhr_transport.cpp). Run by run.mjs.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launch, outDir, press, settle, startServer, typeInto, wheelIntoView, openApp } from './harness.mjs';

const cli = path.resolve(process.env.PATHWAY_CLI || 'build/bin/pathway-cli');
const pouchdb = path.resolve(process.env.PATHWAY_POUCHDB_SERVER || '.deps/pouchdb-server/node_modules/.bin/pouchdb-server');

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

/// pouchdb-server in memory; its config.json and log land in a folder of its own.
async function startCouch() {
  assert.ok(fs.existsSync(pouchdb), `${pouchdb} is missing: run scripts/setup.sh (make setup)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-couch-'));
  const port = await freePort();
  const proc = spawn(pouchdb, ['--host', '127.0.0.1', '--port', String(port), '--in-memory'],
    { cwd: dir, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; ++i) {
    try {
      if ((await fetch(url + '/')).ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => { proc.kill(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

let web, couch;
before(async () => { web = await startServer(); couch = await startCouch(); });
after(() => { web && web.stop(); couch && couch.stop(); });

const snapshot = (page) => page.evaluate(() => window.pathway.snapshot());
/// The Sync card's status line (scrolled into view: only what is drawn is registered).
async function status(page) {
  const w = await wheelIntoView(page, 'settings.sync.status');
  return w.label;
}

async function titlesOnServer(db) {
  const r = await fetch(`${couch.url}/${db}/_all_docs?include_docs=true`);
  if (!r.ok) return [];
  const body = await r.json();
  return body.rows.filter((row) => row.id.startsWith('entry:')).map((row) => row.doc.entry.title).sort();
}

async function until(what, check, ms = 15000) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('web sync: the page pushes an entry to the server and takes in one pushed by the CLI', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 800 } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-websync-'));
  try {
    const { page } = browser;
    const errors = await openApp(page, web.url);
    await typeInto(page, 'welcome.name', 'Riley Invented');
    await press(page, 'welcome.start');
    await press(page, 'action.add-cpd');
    await typeInto(page, 'entry.title', 'Court skills in the browser');
    await typeInto(page, 'cpd.hours', '2');
    await press(page, 'action.save');
    assert.equal((await snapshot(page)).entries.length, 1);

    await press(page, 'nav.settings');
    await wheelIntoView(page, 'settings.sync.server');
    assert.equal(await status(page), 'Sync is off: nothing leaves this device.');
    await typeInto(page, 'settings.sync.server', couch.url);
    await typeInto(page, 'settings.sync.database', 'riley');
    await wheelIntoView(page, 'settings.sync.now');
    await press(page, 'settings.sync.now');
    await until('the entry on the server', async () =>
      (await titlesOnServer('riley')).includes('Court skills in the browser'));
    await until('the status line', async () => (await status(page) || '').startsWith('Synced'));
    // The settings stay on the device: not in the portfolio (nor its export).
    const stored = JSON.stringify(await snapshot(page));
    assert.ok(!stored.includes(couch.url), 'the server address is not in the portfolio');

    // A laptop syncs with pathway-cli; its entry reaches the page with "Sync now".
    const laptop = path.join(dir, 'laptop.json');
    execFileSync(cli, ['init', laptop, '--name', 'Riley Invented']);
    execFileSync(cli, ['add', laptop, 'cpd', '--title', 'Written on the laptop', '--date', '2026-11-20', '--hours', '1']);
    execFileSync(cli, ['sync', laptop, '--server', couch.url, '--db', 'riley']);
    const onLaptop = JSON.parse(fs.readFileSync(laptop, 'utf8')).entries.map((e) => e.title).sort();
    assert.deepEqual(onLaptop, ['Court skills in the browser', 'Written on the laptop']);
    await press(page, 'settings.sync.now');
    await until('the laptop\'s entry in the page', async () =>
      (await snapshot(page)).entries.some((e) => e.title === 'Written on the laptop'));
    assert.match(await status(page), /^Synced just now/);

    // The server goes away: the page keeps its data and says it is offline.
    const before = (await snapshot(page)).entries.length;
    couch.stop();
    await press(page, 'settings.sync.now');
    await until('the offline status', async () => (await status(page) || '').startsWith('Offline'));
    assert.equal((await snapshot(page)).entries.length, before);

    // The Sync card at phone size.
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page, 4);
    await wheelIntoView(page, 'settings.sync.status');
    await page.mouse.wheel(0, 200); // the card's end, with its status line and error
    await settle(page, 3);
    await page.screenshot({ path: path.join(outDir, 'web-phone-sync-card.png') });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
