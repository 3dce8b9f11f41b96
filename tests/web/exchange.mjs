// Issue 6 in the browser: the Share screen's import through a real file chooser, the
// confidentiality check before an export (a real download), and a mentor's review of a shared
// portfolio saved as a feedback file. Loaded by run.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  commentAndSignOff, launch, openForReview, outDir, phone, press, scrollIntoView, settle, startServer, typeInto, waitReady, writeSharedForReview, openApp,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const touch = { touch: true };

/// Presses `id` and answers the file chooser it opens with `file`.
async function chooseFile(page, id, file, opts) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), press(page, id, opts)]);
  await chooser.setFiles(file);
  await page.waitForFunction((wanted) => window.pathway.widgets().some((w) => w.id === wanted) ||
    window.pathway.widgets().some((w) => w.id === 'share.message'), 'import.apply', { timeout: 10000 });
  await settle(page, 3);
}

async function download(page, id, opts) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), press(page, id, opts)]);
  const file = path.join(outDir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

test('phone: import training records through the file chooser, check, redact and export', async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    const errors = await openApp(page, server.url);
    await typeInto(page, 'welcome.name', 'Alex Invented', touch);
    await press(page, 'welcome.start', touch);

    // Settings -> Share, import and other formats.
    await press(page, 'nav.settings', touch);
    await scrollIntoView(page, 'settings.share');
    await press(page, 'settings.share', touch);
    assert.equal(await page.evaluate(() => window.pathway.screen()), 'share');

    const csv = path.join(outDir, 'training-records.csv');
    fs.writeFileSync(csv, 'Course title,Date completed,Hours\r\n' +
      'Court skills refresher,03/10/2026,3\r\n' +
      'Visit debrief with Mr Jones,2026-10-20,1.5\r\n' +
      'No date,,2\r\n');
    await scrollIntoView(page, 'import.csv');
    await chooseFile(page, 'import.csv', csv, touch);
    assert.equal((await page.evaluate(() => window.pathway.snapshot())).entries.length, 0,
      'nothing changes before the user agrees');
    await page.screenshot({ path: path.join(outDir, 'web-phone-import-preview.png') });
    await press(page, 'import.apply', touch);
    const snap = await page.evaluate(() => window.pathway.snapshot());
    assert.deepEqual(snap.entries.map((e) => e.title).sort(), ['Court skills refresher', 'Visit debrief with Mr Jones']);

    // Export as CSV: the name is caught first; redact it, then the file downloads.
    await scrollIntoView(page, 'export.csv');
    await press(page, 'export.csv', touch);
    await settle(page, 3);
    await page.screenshot({ path: path.join(outDir, 'web-phone-confidentiality-check.png') });
    await press(page, 'check.0.redact', touch);
    const out = await download(page, 'check.continue', touch);
    assert.match(out.name, /^pathway-alex-invented-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(out.text.includes('Visit debrief with Mr [name]'), out.text);
    assert.ok(!out.text.includes('Jones'));
    const after = await page.evaluate(() => window.pathway.snapshot());
    assert.ok(after.entries.some((e) => e.title === 'Visit debrief with Mr [name]'));
    await press(page, 'action.undo', touch);
    const undone = await page.evaluate(() => window.pathway.snapshot());
    assert.ok(undone.entries.some((e) => e.title === 'Visit debrief with Mr Jones'), 'undo brings the text back');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test("phone: Mahara's export zip imports through the file chooser with its files listed", async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    const errors = await openApp(page, server.url);
    await typeInto(page, 'welcome.name', 'Alex Sample', touch);
    await press(page, 'welcome.start', touch);
    await press(page, 'nav.settings', touch);
    await scrollIntoView(page, 'settings.share');
    await press(page, 'settings.share', touch);
    // The zip as Mahara exports it (leap2a.xml and files/), read by minizip built for wasm.
    const zip = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'exchange',
      'mahara-export.zip');
    await scrollIntoView(page, 'import.leap2a');
    await chooseFile(page, 'import.leap2a', zip, touch);
    const labels = (await page.evaluate(() => window.pathway.widgets())).map((w) => w.label || '');
    assert.ok(labels.some((l) => l.includes('Files in mahara-export.zip')), labels.join(' | '));
    assert.ok(labels.some((l) => l.includes('files/11-Home visit checklist.pdf (71 bytes): "Reflecting on a first home visit"')),
      labels.join(' | '));
    assert.equal((await page.evaluate(() => window.pathway.snapshot())).entries.length, 0,
      'nothing changes before the user agrees');
    await page.screenshot({ path: path.join(outDir, 'web-phone-import-mahara-zip.png') });
    await scrollIntoView(page, 'import.apply');
    await press(page, 'import.apply', touch);
    const snap = await page.evaluate(() => window.pathway.snapshot());
    const post = snap.entries.find((e) => e.title === 'Reflecting on a first home visit');
    assert.ok(post, JSON.stringify(snap.entries.map((e) => e.title)));
    assert.deepEqual(post.attachments.map((a) => a.ref), [
      'mahara-export.zip: files/11-Home visit checklist.pdf', "mahara-export.zip: files/12-\u0141ukasz's notes.txt"]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('desktop: a mentor opens a shared portfolio, comments, signs off and saves feedback', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 900 } });
  try {
    const { page } = browser;
    await page.goto(server.url);
    await waitReady(page);
    assert.equal(await page.evaluate(() => window.pathway.screen()), 'welcome');

    const shared = path.join(outDir, 'robin-for-review.json');
    const id = '00000000-0000-4000-8000-0000000000c1';
    writeSharedForReview(shared, id, 1);
    await openForReview(page, shared);
    await typeInto(page, 'mentor.reviewer', 'Pat Mentor');
    await commentAndSignOff(page, id, 'Clear and specific: well done.', 'web-desktop-mentor.png');
    const out = await download(page, 'mentor.save');
    assert.match(out.name, /^pathway-feedback-pat-mentor-\d{4}-\d{2}-\d{2}\.json$/);
    const fb = JSON.parse(out.text);
    assert.equal(fb.format, 'pathway-feedback');
    assert.equal(fb.reviewer.name, 'Pat Mentor');
    assert.equal(fb.practitioner, 'Robin Invented');
    assert.equal(fb.comments.length, 1);
    assert.equal(fb.comments[0].text, 'Clear and specific: well done.');
    assert.equal(fb.sign_offs.length, 1);
    assert.match(fb.sign_offs[0].content_sha256, /^[0-9a-f]{64}$/);
    assert.equal((await page.evaluate(() => window.pathway.snapshot())).entries.length, 0,
      "the mentor's own portfolio is untouched");
  } finally {
    await browser.close();
  }
});
