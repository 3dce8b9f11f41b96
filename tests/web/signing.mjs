// Issue 17 in the browser: a mentor makes a reviewer key (sealed with a passphrase, kept in
// IndexedDB), signs a review, saves the feedback file and the reviewer card; the key survives a
// reload and unlocks with the passphrase; the native CLI then merges the browser-signed file
// and, with the academy's roster, verifies it as authentic. Loaded by run.mjs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  commentAndSignOff, launch, openForReview, outDir, press, startServer, typeInto, waitReady, widget, writeSharedForReview, openApp,
} from './harness.mjs';

const cli = path.resolve(process.env.PATHWAY_CLI || 'build/bin/pathway-cli');
let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

async function download(page, id) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), press(page, id)]);
  const file = path.join(outDir, 'signing-' + dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

test('desktop: a mentor signs a review with a key kept in the browser', async () => {
  const dir = fs.mkdtempSync(path.join(outDir, 'signing-'));
  const shared = path.join(dir, 'robin.json');
  const id = '00000000-0000-4000-8000-0000000000d1';
  writeSharedForReview(shared, id, 2);
  const profileDir = fs.mkdtempSync(path.join(outDir, 'signing-profile-'));
  let fingerprint;
  let browser = await launch({ viewport: { width: 1280, height: 1000 } }, profileDir);
  try {
    const { page } = browser;
    const errors = await openApp(page, server.url);
    await openForReview(page, shared);
    await typeInto(page, 'mentor.reviewer', 'Pat Mentor');
    await typeInto(page, 'mentor.role', 'ASYE assessor');
    await typeInto(page, 'mentor.key.organisation', 'Example Council');
    await typeInto(page, 'mentor.key.passphrase', 'correct horse battery');
    // The page's field over the passphrase is a password input (dots, no autocorrect).
    assert.deepEqual(await page.evaluate(() => {
      const el = document.getElementById('text-field');
      return el && [el.type, el.getAttribute('autocorrect'), el.getAttribute('spellcheck')];
    }), ['password', 'off', 'false']);
    await press(page, 'mentor.key.make');
    const fp = await widget(page, 'mentor.key.fingerprint');
    fingerprint = fp.label.replace('Key fingerprint ', '');
    assert.match(fingerprint, /^([0-9A-F]{4} ){3}[0-9A-F]{4}$/);
    const card = await download(page, 'mentor.key.card');
    await commentAndSignOff(page, id, 'Clear and specific: well done.', 'web-desktop-mentor-signing.png');
    const feedback = await download(page, 'mentor.save');
    const fb = JSON.parse(fs.readFileSync(feedback, 'utf8'));
    assert.equal(fb.schema, 2);
    assert.equal(fb.reviewer.name, 'Pat Mentor');
    assert.equal(fb.reviewer.organisation, 'Example Council');
    assert.equal(fb.reviewer.fingerprint, fingerprint);
    assert.match(fb.sign_offs[0].signature, /^[0-9a-f]{128}$/);
    assert.match(fb.comments[0].signature, /^[0-9a-f]{128}$/);
    assert.equal(JSON.parse(fs.readFileSync(card, 'utf8')).fingerprint, fingerprint);
    assert.deepEqual(errors, []);

    // The practitioner's side, with the native CLI: merge, then verify against a roster.
    const portfolio = path.join(dir, 'robin-own.json');
    fs.copyFileSync(shared, portfolio);
    const run = (...args) => spawnSync(cli, args, { encoding: 'utf8' });
    assert.equal(run('merge', portfolio, feedback).status, 0);
    const unknown = run('verify', portfolio);
    assert.equal(unknown.status, 1, 'no roster: by an unknown key');
    assert.match(unknown.stdout, /unknown-key/);
    execFileSync(cli, ['keygen', '--name', 'Example Academy', '-o', path.join(dir, 'academy.key')]);
    execFileSync(cli, ['roster', 'sign', '--key', path.join(dir, 'academy.key'), '--card', card,
      '--valid-from', '2020-01-01', '--valid-until', '2099-12-31', '-o', path.join(dir, 'roster.json')]);
    const verified = run('verify', portfolio, '--roster', path.join(dir, 'roster.json'));
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, new RegExp('authentic  sign-off  ' + id));
  } finally {
    await browser.close();
  }

  // The key stayed in IndexedDB: after a restart it asks for the passphrase, then signs again.
  browser = await launch({ viewport: { width: 1280, height: 1000 } }, profileDir);
  try {
    const { page } = browser;
    await page.goto(server.url);
    await waitReady(page);
    await openForReview(page, shared);
    await typeInto(page, 'mentor.key.passphrase', 'wrong');
    await press(page, 'mentor.key.unlock');
    assert.equal(await page.evaluate(() => window.pathway.widgets().some((w) => w.id === 'mentor.key.fingerprint')), false);
    await typeInto(page, 'mentor.key.passphrase', 'correct horse battery');
    await press(page, 'mentor.key.unlock');
    const fp = await widget(page, 'mentor.key.fingerprint');
    assert.equal(fp.label, 'Key fingerprint ' + fingerprint);
  } finally {
    await browser.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
});
