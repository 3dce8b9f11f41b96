// Issue 19: every name and every word shows. A name in eight scripts typed on the phone page
// draws with real glyphs (no ImGui "?"): the font chunks it needs are fetched only then, the
// first load fetches none, and the service worker keeps them so the name still draws offline.
// Run by run.mjs (node's test runner).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launch, launchBrowser, outDir, phone, press, settle, startServer, waitReady } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

// Latin Extended, Vietnamese, Greek, Cyrillic, Arabic, Bengali, Chinese and an emoji (invented).
const LINE = 'Łukasz Nguyễn Αλέξης Олекса محمد রহিম 李明 😀';

const missing = (page, text) => page.evaluate((t) =>
  JSON.parse(window.Module.ccall('pathway_glyphs_missing', 'string', ['string'], [t])), text);

const consoleLines = [];

async function waitAllGlyphs(page, text) {
  try {
    await page.waitForFunction((t) =>
      window.Module.ccall('pathway_glyphs_missing', 'string', ['string'], [t]) === '[]', text, { timeout: 30000 });
  } catch (e) {
    throw new Error(`still drawn as "?": ${(await missing(page, text)).join(' ')}; console: ${consoleLines.join(' | ')}`);
  }
  await settle(page);
}

test('phone: a name in eight scripts draws with real glyphs, fetched on demand, and offline', async () => {
  const browser = await launch(phone);
  try {
    const { page, context } = browser;
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => consoleLines.push(m.text()));
    const glyphRequests = [];
    page.on('request', (r) => { if (r.url().includes('/glyphs/')) glyphRequests.push(r.url()); });
    await page.goto(server.url);
    await waitReady(page);
    await page.waitForFunction(() => window.pathway.offlineReady && !!navigator.serviceWorker.controller,
      null, { timeout: 30000 });
    assert.deepEqual(glyphRequests, [], 'the first load fetches no font chunk');
    assert.notDeepEqual(await missing(page, LINE), [], 'the first atlas has only Latin');

    // Typed into the page's own field over the app's, as a phone's keyboard does (the browser
    // draws it while it is edited); the app's atlas gets its glyphs meanwhile for when it is not.
    // A tap a loaded machine's ImGui has not taken yet is tapped again (writing.mjs tests the
    // field itself).
    const editing = () => page.evaluate(() => document.activeElement && document.activeElement.id === 'text-field' &&
      window.pathway.wantsText());
    for (let i = 0; i < 3 && !(await editing()); ++i) await press(page, 'welcome.name', { touch: true });
    assert.ok(await editing(), "the name field is being edited through the page's field");
    await page.keyboard.insertText(LINE);
    await settle(page);
    await waitAllGlyphs(page, LINE);
    assert.ok(glyphRequests.length > 0 && glyphRequests.length <= 14,
      `a few chunks fetched for the line, not the whole set: ${glyphRequests.length}`);
    console.log(`# glyphs: ${glyphRequests.length} chunks fetched for the line`);
    await page.screenshot({ path: path.join(outDir, 'web-glyphs-editing.png') });
    await press(page, 'welcome.start', { touch: true });
    assert.equal(await page.evaluate(() => window.pathway.screen()), 'home');
    assert.equal((await page.evaluate(() => window.pathway.snapshot())).profile.name, LINE);
    await waitAllGlyphs(page, LINE);
    await page.screenshot({ path: path.join(outDir, 'web-glyphs-home.png') });
    await page.waitForFunction(() => window.pathway.saved(), null, { timeout: 5000 });

    // Offline: the page and the chunks come from the service worker's caches.
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    await waitAllGlyphs(page, LINE);
    await press(page, 'nav.settings', { touch: true });
    await waitAllGlyphs(page, LINE);
    await page.screenshot({ path: path.join(outDir, 'web-glyphs-offline.png') });
    await context.setOffline(false);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('an HTML export of the same name prints to PDF from Chromium with a font for every script', async () => {
  const cli = path.resolve(process.env.PATHWAY_CLI || 'build/bin/pathway-cli');
  assert.ok(fs.existsSync(cli), `${cli} missing (make build-native)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-glyphs-'));
  const browser = await launchBrowser();
  try {
    const file = path.join(dir, 'p.json');
    execFileSync(cli, ['init', file, '--name', LINE, '--stage', 'asye', '--asye-start', '2026-09-07', '--fte', '1']);
    execFileSync(cli, ['export', file, '--format', 'html', '-o', path.join(dir, 'p.html')]);
    const page = await browser.newPage({ viewport: { width: 900, height: 400 } });
    await page.goto('file://' + path.join(dir, 'p.html'));
    await page.screenshot({ path: path.join(outDir, 'export-glyphs.png') });
    const pdf = path.join(outDir, 'export-glyphs.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    // The PDF embeds each font it drew with (subset names like /FontName /ABCDEF+Symbola).
    const fonts = new Set([...fs.readFileSync(pdf, 'latin1').matchAll(/\/FontName\s*\/[A-Z]{6}\+([\w-]+)/g)]
      .map((m) => m[1]));
    for (const family of ['Inter', 'NotoSansArabic', 'NotoSansBengali', 'WenQuanYiMicroHei', 'Symbola'])
      assert.ok([...fonts].some((f) => f.startsWith(family)), `${family} in the PDF (has: ${[...fonts].join(', ')})`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
