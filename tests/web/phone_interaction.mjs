// Issue 5, the rest of the phone: a long press opens a Log row's menu (Edit, Duplicate, Copy
// text, Delete with undo) and a tap does not; no hover lingers after a tap; the main loop
// pauses while idle and input resumes it; IME composition lands once; the field being edited
// stays visible above an on-screen keyboard (visualViewport). Run by run.mjs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { firstRow, launch, longPress, outDir, phone, press, settle, startServer, waitReady, widget } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const screen = (page) => page.evaluate(() => window.pathway.screen());
const snapshot = (page) => page.evaluate(() => window.pathway.snapshot());
const widgetIds = (page) => page.evaluate(() => window.pathway.widgets().map((w) => w.id));
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const MENU = ['entrymenu.edit', 'entrymenu.duplicate', 'entrymenu.copy', 'entrymenu.delete'];

async function menuShown(page) {
  const ids = await widgetIds(page);
  return MENU.every((id) => ids.includes(id));
}

/// A phone with a new portfolio, on the Home screen.
async function startPhone(page, name = 'Robin Invented') {
  await page.goto(server.url);
  await waitReady(page);
  await press(page, 'welcome.name', { touch: true });
  await page.keyboard.insertText(name);
  await settle(page);
  await press(page, 'welcome.start', { touch: true });
  assert.equal(await screen(page), 'home');
}

async function longPressWidget(page, id) {
  const w = await widget(page, id);
  await longPress(page, w.x + w.w / 2, w.y + w.h / 2, 750);
  await settle(page);
  await page.waitForFunction(() => ['entrymenu.edit', 'entrymenu.delete']
    .every((id) => window.pathway.widgets().some((w) => w.id === id)), null, { timeout: 5000 });
}

test('phone: a long press opens the row menu; Delete is undoable; Copy text; a tap opens the entry', async () => {
  const browser = await launch(phone);
  try {
    const { page, context } = browser;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await startPhone(page);
    // Three entries: a list too short to scroll (a long press must work there too).
    await page.evaluate(() => window.pathway.addTestEntries(3));
    await press(page, 'nav.log', { touch: true });
    assert.equal(await screen(page), 'log');
    // A tap leaves no pointer resting on the screen, so nothing stays highlighted.
    let pointer = await page.evaluate(() => window.pathway.pointer());
    assert.equal(pointer.valid, false, 'the pointer left with the finger');
    assert.equal(pointer.hoveredId, 0, 'nothing hovered after a tap');

    const rowId = await firstRow(page);
    const entryId = rowId.slice('entry.'.length);
    const title = (await snapshot(page)).entries.find((e) => e.id === entryId).title;

    // Long press: the menu, with 44 px targets, beside the row rather than under the finger.
    await longPressWidget(page, rowId);
    assert.ok(await menuShown(page), `menu items registered (${await widgetIds(page)})`);
    assert.equal(await screen(page), 'log', 'a long press does not open the entry');
    const row = await widget(page, rowId);
    for (const id of MENU) {
      const w = await widget(page, id);
      assert.ok(w.h >= 44, `${id} is ${w.h} px high`);
      assert.ok(w.y >= row.y + row.h || w.y + w.h <= row.y, `${id} does not cover the pressed row`);
    }
    await page.screenshot({ path: path.join(outDir, 'web-phone-log-menu.png') });

    // Delete: gone from the portfolio, and undo (offered beside the message) brings it back.
    await press(page, 'entrymenu.delete', { touch: true });
    let snap = await snapshot(page);
    assert.equal(snap.entries.length, 2);
    assert.ok(!snap.entries.some((e) => e.id === entryId), 'the entry was deleted');
    assert.equal(await menuShown(page), false);
    await widget(page, 'log.undo');
    await page.screenshot({ path: path.join(outDir, 'web-phone-log-deleted.png') });
    await press(page, 'log.undo', { touch: true });
    snap = await snapshot(page);
    assert.equal(snap.entries.length, 3);
    assert.equal(snap.entries.find((e) => e.id === entryId).title, title);

    // The top bar's undo works the same way.
    await longPressWidget(page, rowId);
    await press(page, 'entrymenu.delete', { touch: true });
    assert.equal((await snapshot(page)).entries.length, 2);
    await press(page, 'action.undo', { touch: true });
    assert.ok((await snapshot(page)).entries.some((e) => e.id === entryId));

    // Copy text: ImGui's clipboard reaches the system clipboard.
    await longPressWidget(page, rowId);
    await press(page, 'entrymenu.copy', { touch: true });
    await page.waitForFunction((t) => window.pathway.lastCopied && window.pathway.lastCopied.startsWith(t), title);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(title + '\n'), `clipboard: ${JSON.stringify(copied)}`);
    assert.match(copied, /Hours: 1/);

    // Duplicate: the editor on a new draft with the same title, dated today.
    await longPressWidget(page, rowId);
    await press(page, 'entrymenu.duplicate', { touch: true });
    assert.equal(await screen(page), 'editor');
    await press(page, 'action.save', { touch: true });
    snap = await snapshot(page);
    assert.equal(snap.entries.length, 4);
    const copies = snap.entries.filter((e) => e.title === title);
    assert.equal(copies.length, 2);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    assert.ok(copies.some((e) => e.id !== entryId && e.date === today), 'the copy is dated today');

    // A short tap opens the entry, never the menu, and leaves nothing hovered.
    await press(page, 'nav.log', { touch: true });
    // The copy dated today moved this row down: wait for the Log's settled layout before
    // reading where the row is (under load the first frames after the switch were read; the
    // tap then landed beside the row and the Log stayed, in one loaded run).
    await settle(page, 4);
    await press(page, rowId, { touch: true });
    assert.equal(await screen(page), 'editor');
    assert.equal(await menuShown(page), false);
    pointer = await page.evaluate(() => window.pathway.pointer());
    assert.equal(pointer.valid, false);
    assert.equal(pointer.hoveredId, 0);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('desktop: a right click on a Log row opens the same menu', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const { page } = browser;
    await page.goto(server.url);
    await waitReady(page);
    await press(page, 'welcome.name');
    await page.keyboard.type('Morgan Invented');
    await press(page, 'welcome.start');
    await page.evaluate(() => window.pathway.addTestEntries(2));
    await press(page, 'nav.log');
    const rowId = await firstRow(page);
    const row = await widget(page, rowId);
    await page.mouse.click(row.x + row.w / 2, row.y + row.h / 2, { button: 'right' });
    await settle(page);
    await page.waitForFunction(() => window.pathway.widgets().some((w) => w.id === 'entrymenu.delete'));
    assert.ok(await menuShown(page));
    await press(page, 'entrymenu.delete');
    assert.equal((await snapshot(page)).entries.length, 1);
    await page.keyboard.press('Control+Z');
    await settle(page);
    assert.equal((await snapshot(page)).entries.length, 2);
  } finally {
    await browser.close();
  }
});

test('idle: the main loop pauses while nothing changes, and a tap resumes it', async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    await startPhone(page);
    await page.waitForFunction(() => window.pathway.saved(), null, { timeout: 5000 });
    await settle(page);
    await pause(500);
    const before = await page.evaluate(() => ({ loops: window.pathway.loopIterations(), frames: window.pathway.frames() }));
    await pause(2000);
    const idle = await page.evaluate(() => ({ loops: window.pathway.loopIterations(), frames: window.pathway.frames(), paused: window.pathway.paused() }));
    assert.ok(idle.loops - before.loops <= 3, `${idle.loops - before.loops} main-loop iterations in 2 s of idle`);
    assert.equal(idle.frames, before.frames, 'no frames drawn while idle');
    assert.equal(idle.paused, true);

    // Input still works: the tap resumes the loop, which draws the new screen.
    await press(page, 'nav.log', { touch: true });
    assert.equal(await screen(page), 'log');
    const after = await page.evaluate(() => ({ loops: window.pathway.loopIterations(), frames: window.pathway.frames() }));
    assert.ok(after.frames > idle.frames, 'the tap was drawn');

    // A timer the app asked for: while a field is edited the cursor blinks (about 2 Hz), and
    // nothing more.
    await press(page, 'log.search', { touch: true });
    assert.equal(await page.evaluate(() => window.pathway.wantsText()), true);
    await settle(page);
    const b0 = await page.evaluate(() => window.pathway.loopIterations());
    await pause(2000);
    const blink = (await page.evaluate(() => window.pathway.loopIterations())) - b0;
    assert.ok(blink >= 2 && blink <= 12, `${blink} iterations in 2 s with a blinking cursor`);
    // And it still types.
    await page.keyboard.insertText('Practice');
    await settle(page);
    assert.equal(await page.evaluate(() => window.pathway.paused()), true, 'paused again between blinks');
  } finally {
    await browser.close();
  }
});

test('IME composition: the composed text lands once', async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    await startPhone(page);
    await press(page, 'action.add-cpd', { touch: true });
    await press(page, 'entry.title', { touch: true });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'text-field');
    const cdp = await page.context().newCDPSession(page);
    const compose = async (steps, commit) => {
      for (const text of steps) {
        await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      }
      await cdp.send('Input.insertText', { text: commit });
    };
    // A dead-key accent, then a word converted from kana to kanji (the text changes shape).
    await compose(['c', 'ca', 'caf', 'cafe', 'café'], 'café');
    await page.keyboard.insertText(' ');
    await compose(['に', 'にほ', 'にほん', 'にほんご', '日本語'], '日本語');
    await settle(page);
    await cdp.detach();

    // Events a browser sends without the DevTools protocol: composition events and the input
    // events that carry the text (the field's value is what counts).
    await press(page, 'cpd.hours', { touch: true });
    await page.evaluate(() => {
      const el = window.pathway.textField();
      const fire = (type, data) => el.dispatchEvent(new CompositionEvent(type, { data, bubbles: true }));
      fire('compositionstart', '');
      for (const d of ['1', '1.', '1.5']) {
        fire('compositionupdate', d);
        el.value = d;
        el.dispatchEvent(new InputEvent('input', { data: d, inputType: 'insertCompositionText', isComposing: true, bubbles: true }));
      }
      fire('compositionend', '1.5');
      el.dispatchEvent(new InputEvent('input', { data: '1.5', inputType: 'insertFromComposition', bubbles: true }));
    });
    await settle(page);
    await press(page, 'action.save', { touch: true });
    const snap = await snapshot(page);
    assert.equal(snap.entries.length, 1);
    assert.equal(snap.entries[0].title, 'café 日本語');
    assert.equal(snap.entries[0].fields.hours, 1.5);
  } finally {
    await browser.close();
  }
});

test('visualViewport: the field being edited stays above the on-screen keyboard', async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    // A keyboard that shrinks only the visual viewport (as iOS and interactive-widget=
    // resizes-visual do): visualViewport is replaced before the page's script reads it.
    await page.addInitScript(() => {
      class FakeVisualViewport extends EventTarget {
        constructor() { super(); this.offsetLeft = 0; this.offsetTop = 0; this.pageLeft = 0; this.pageTop = 0; this.scale = 1; }
        get width() { return window.innerWidth; }
        get height() { return window.innerHeight - (window.keyboardHeight || 0); }
      }
      const vv = new FakeVisualViewport();
      Object.defineProperty(window, 'visualViewport', { configurable: true, get: () => vv });
      window.showKeyboard = (px) => { window.keyboardHeight = px; vv.dispatchEvent(new Event('resize')); };
    });
    await startPhone(page);
    await page.evaluate(() => window.pathway.newEntry('supervision'));
    await settle(page);
    const keyboard = 380;
    const visible = 844 - keyboard;
    // The lowest one-line field on the form, below where the keyboard's top will be.
    const target = await page.evaluate((top) => window.pathway.widgets()
      .filter((w) => w.text && !w.multiline && w.y + w.h > top)
      .sort((a, b) => b.y - a.y)[0], visible - 40);
    assert.ok(target, 'a field low on the editor screen');
    await press(page, target.id, { touch: true });
    assert.equal(await page.evaluate(() => window.pathway.wantsText()), true);

    await page.evaluate((px) => window.showKeyboard(px), keyboard);
    await settle(page);
    await page.waitForFunction((h) => Math.round(document.getElementById('canvas').getBoundingClientRect().height) === h, visible);
    await settle(page);
    const field = await page.evaluate((id) => window.pathway.fields().find((f) => f.id === id), target.id);
    assert.ok(field, `${target.id} is still drawn`);
    assert.ok(field.y >= 0 && field.y + field.h <= visible, `${target.id} at ${field.y}..${field.y + field.h}, visible 0..${visible}`);
    assert.ok(Math.abs(field.h - target.h) < 1, 'the whole field is visible, not a clipped sliver');
    const caret = await page.evaluate(() => window.pathway.caret());
    assert.ok(caret.visible && caret.y >= field.y - 1 && caret.y + caret.h <= field.y + field.h + 1, 'the caret is in the field');
    // The page's field followed the app's field (its caret is the browser's own).
    const box = await page.evaluate(() => window.pathway.textField().getBoundingClientRect().toJSON());
    assert.ok(Math.abs(box.top - field.y) < 2 && Math.abs(box.height - field.h) < 2,
      `page field at ${box.top}+${box.height}, app field at ${field.y}+${field.h}`);
    await page.screenshot({ path: path.join(outDir, 'web-phone-keyboard.png') });

    // Typing still reaches that field; closing the keyboard gives the space back.
    await page.keyboard.insertText('Practice supervisor');
    await settle(page);
    await page.evaluate(() => window.showKeyboard(0));
    await page.waitForFunction(() => Math.round(document.getElementById('canvas').getBoundingClientRect().height) === 844);
  } finally {
    await browser.close();
  }
});
