// Issue 11's browser tests: writing in the browser's own field. While the app edits a text
// field a real <textarea>/<input> lies exactly over it (visible, spell-checked, the phone's
// keyboard at full power); every input event reaches the draft; nothing typed is lost, at phone
// size with touch and at desktop size with mouse and keyboard.
// Run by run.mjs (node's test runner).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { drag, launch, outDir, phone, press, settle, startServer, typeInto, waitReady } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

/// About 300 invented words.
function words(n) {
  const pool = ['the', 'family', 'said', 'that', 'supervision', 'helped', 'me', 'reflect', 'on', 'how',
    'practice', 'changed', 'after', 'a', 'difficult', 'visit,', 'and', 'I', 'noticed', 'my',
    'assumptions', 'about', 'risk.', 'Next', 'time', "I'll", 'ask', 'earlier', 'well-being', 'questions'];
  const out = [];
  for (let i = 0; i < n; ++i) out.push(pool[(i * 7 + Math.floor(i / 3)) % pool.length]);
  return out.join(' ');
}

const fieldValue = (page, id) => page.evaluate((i) => window.pathway.fieldValue(i), id);
const field = (page, id) => page.evaluate((i) => window.pathway.fields().find((f) => f.id === i) || null, id);
/// The focused element and how it sits over the app's field `id`.
async function overlayOver(page, id) {
  return page.evaluate((i) => {
    const el = document.activeElement;
    const f = window.pathway.fields().find((x) => x.id === i);
    const c = document.getElementById('canvas').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return {
      tag: el.tagName, id: el.id, spellcheck: el.spellcheck, lang: el.lang, label: el.getAttribute('aria-label'),
      autocorrect: el.getAttribute('autocorrect'), autocapitalize: el.getAttribute('autocapitalize'),
      inputmode: el.getAttribute('inputmode'), enterkeyhint: el.getAttribute('enterkeyhint'),
      visible: s.display !== 'none' && s.visibility !== 'hidden' && s.opacity === '1',
      rect: { x: r.x, y: r.y, w: r.width, h: r.height },
      field: f ? { x: c.x + f.fx, y: c.y + f.fy, w: f.fw, h: f.fh } : null,
    };
  }, id);
}
function assertOver(o, what) {
  assert.ok(o.field, `${what}: the app's field is drawn`);
  for (const k of ['x', 'y', 'w', 'h']) {
    assert.ok(Math.abs(o.rect[k] - o.field[k]) <= 2, `${what}: ${k} ${o.rect[k]} vs the field's ${o.field[k]}`);
  }
}

async function start(page, opts) {
  await page.goto(server.url);
  await waitReady(page);
  await typeInto(page, 'welcome.name', 'Robin Invented', opts);
  await press(page, 'welcome.start', opts);
  assert.equal(await page.evaluate(() => window.pathway.screen()), 'home');
  await page.evaluate(() => window.pathway.newEntry('reflection'));
  await settle(page);
}

test('phone: a reflection typed into a real textarea over the field, wrapped and kept', async () => {
  const browser = await launch(phone);
  try {
    const { page } = browser;
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await start(page, { touch: true });

    await press(page, 'reflection.free.text', { touch: true });
    let o = await overlayOver(page, 'reflection.free.text');
    assert.equal(o.tag, 'TEXTAREA');
    assert.ok(o.visible, 'the textarea is visible');
    assert.equal(o.spellcheck, true);
    assert.equal(o.lang, 'en-GB');
    assert.equal(o.autocorrect, 'on');
    assert.equal(o.autocapitalize, 'sentences');
    assert.equal(o.label, 'Your reflection');
    assertOver(o, 'tapped');

    const text = words(300);
    await page.keyboard.insertText(text);
    await settle(page);
    assert.equal(await fieldValue(page, 'reflection.free.text'), text, 'every word is in the draft');
    const grown = await field(page, 'reflection.free.text');
    assert.ok(grown.fh > 400, `the field grew with its ${300} words (${grown.fh} px)`);
    o = await overlayOver(page, 'reflection.free.text');
    assertOver(o, 'after 300 words');
    // The textarea needs no inner scrolling: the field is as tall as its text.
    const inner = await page.evaluate(() => {
      const el = window.pathway.textField();
      return { scroll: el.scrollHeight, client: el.clientHeight, width: el.scrollWidth, cw: el.clientWidth };
    });
    assert.ok(inner.scroll <= inner.client + 2, `no hidden lines (${inner.scroll} > ${inner.client})`);
    assert.ok(inner.width <= inner.cw + 1, 'no sideways scrolling');
    await page.screenshot({ path: path.join(outDir, 'web-phone-writing.png') });

    // Autocorrect replaces a word: the browser changes the text and says so in an input event.
    await page.evaluate(() => {
      const el = window.pathway.textField();
      const at = el.value.indexOf('supervision');
      el.setRangeText('Supervision', at, at + 'supervision'.length, 'end');
      el.dispatchEvent(new InputEvent('input', { inputType: 'insertReplacementText', data: 'Supervision', bubbles: true }));
    });
    await settle(page);
    const corrected = text.replace('supervision', 'Supervision');
    assert.equal(await fieldValue(page, 'reflection.free.text'), corrected);

    // A finger dragged over the textarea scrolls the form under it, and the textarea moves with
    // the field. The caret (at the end of 300 words) keeps the form scrolled to its bottom, so
    // the finger drags it back down.
    const saveAt = async () => (await overlayOver(page, 'reflection.free.text')).rect.y; // the field's top
    const before = await saveAt();
    assert.equal(await page.evaluate(() => document.elementFromPoint(195, 300).id), 'text-field', 'the finger lands on the textarea');
    await drag(page, 195, 300, 195, 560, { steps: 12, hold: true });
    await settle(page, 4);
    const afterScroll = await saveAt();
    assert.ok(afterScroll > before + 50, `the form scrolled (the field's top at ${before} -> ${afterScroll})`);
    o = await overlayOver(page, 'reflection.free.text');
    assertOver(o, 'after scrolling');
    assert.equal(o.id, 'text-field', 'still editing');

    // Leaving the field keeps the draft; a reload brings it back.
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await page.evaluate(() => window.pathway.textField()), null);
    await page.waitForFunction(() => window.pathway.saved(), null, { timeout: 10000 });
    await page.reload();
    await waitReady(page);
    await page.evaluate(() => window.pathway.newEntry('reflection')); // resumes the draft
    await settle(page);
    assert.equal(await fieldValue(page, 'reflection.free.text'), corrected, 'the draft survived a reload');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('desktop: mouse and keyboard, every character kept, Tab and Escape, saved exactly', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const { page } = browser;
    await start(page, {});
    await press(page, 'reflection.free.text');
    let o = await overlayOver(page, 'reflection.free.text');
    assert.equal(o.tag, 'TEXTAREA');
    assert.ok(o.visible);
    assert.equal(o.spellcheck, true);
    assertOver(o, 'clicked');

    // Text SDL would drop (composition, inserted text): typed "Zoë Wójcik £20 €5 Łukasz".
    const names = 'Zoë Wójcik £20 €5 Łukasz Nguyễn';
    await page.keyboard.insertText(names);
    await settle(page);
    assert.equal(await fieldValue(page, 'reflection.free.text'), names);
    // A composition: a dead-key accent, then kana converted to kanji.
    const cdp = await page.context().newCDPSession(page);
    await page.keyboard.insertText(' ');
    for (const t of ['c', 'ca', 'caf', 'cafe', 'café']) {
      await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
    }
    await cdp.send('Input.insertText', { text: 'café' });
    await page.keyboard.insertText(' ');
    for (const t of ['に', 'にほ', 'にほん', '日本語']) {
      await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
    }
    await cdp.send('Input.insertText', { text: '日本語' });
    await cdp.detach();
    // Real key presses too, with a Backspace.
    await page.keyboard.type(' okk', { delay: 5 });
    await page.keyboard.press('Backspace');
    await settle(page);
    const expected = names + ' café 日本語 ok';
    assert.equal(await fieldValue(page, 'reflection.free.text'), expected);

    // The wheel over the textarea scrolls the form under it; the textarea moves with the field.
    const top0 = (await overlayOver(page, 'reflection.free.text')).rect.y;
    await page.mouse.move(o.rect.x + 40, top0 + 20);
    await page.mouse.wheel(0, 300);
    await settle(page, 4);
    o = await overlayOver(page, 'reflection.free.text');
    assert.ok(o.rect.y < top0 - 50, `the form scrolled under the wheel (${top0} -> ${o.rect.y})`);
    assertOver(o, 'after the wheel');
    assert.equal(o.id, 'text-field', 'still editing');

    // Tab moves through the form's controls as in any page (the critical-reflection checkbox,
    // then the framework search, scrolled into view); Shift+Tab comes back; Escape leaves.
    const tabUntil = async (id, key) => {
      const seen = [];
      for (let i = 0; i < 6; ++i) {
        await page.keyboard.press(key);
        await settle(page, 4);
        const now = await page.evaluate(() => window.pathway.editingId());
        seen.push(now);
        if (now === id) return seen;
      }
      throw new Error(`${key} never reached ${id}: ${JSON.stringify(seen)}`);
    };
    const forward = await tabUntil('tags.search', 'Tab');
    assert.ok(forward.length >= 2, 'a control that is not a text field lies between (a checkbox)');
    o = await overlayOver(page, 'tags.search');
    assert.equal(o.tag, 'INPUT');
    assert.equal(o.inputmode, 'search');
    assert.equal(o.spellcheck, false);
    assertOver(o, 'after Tab');
    assert.deepEqual(await tabUntil('reflection.free.text', 'Shift+Tab'), [...forward.slice(0, -1).reverse(), 'reflection.free.text']);
    assert.equal(await fieldValue(page, 'reflection.free.text'), expected, 'nothing lost on the way');
    // Shift was let go on the page's field, where SDL does not listen: it is not left held (a
    // held Shift turned every wheel after it sideways).
    o = await overlayOver(page, 'reflection.free.text');
    await page.mouse.move(o.rect.x + 40, o.rect.y + 20);
    await page.mouse.wheel(0, -150);
    await settle(page, 4);
    const o2 = await overlayOver(page, 'reflection.free.text');
    assert.ok(o2.rect.y > o.rect.y + 30, `the wheel still scrolls up and down (${o.rect.y} -> ${o2.rect.y})`);
    o = o2;
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await page.evaluate(() => window.pathway.wantsText()), false, 'Escape leaves the field');
    assert.equal(await page.evaluate(() => window.pathway.textField()), null);

    await page.mouse.move(600, 400); // back up to the title
    const titleShown = () => page.evaluate(() => window.pathway.widgets().some((w) => w.id === 'entry.title' && w.y > 100));
    for (let i = 0; i < 20 && !(await titleShown()); ++i) {
      await page.mouse.wheel(0, -300);
      await settle(page, 2);
    }
    await typeInto(page, 'entry.title', 'Names typed exactly');
    const title = await overlayOver(page, 'entry.title');
    assert.equal(title.tag, 'INPUT');
    await press(page, 'action.save');
    const snap = await page.evaluate(() => window.pathway.snapshot());
    assert.equal(snap.entries.length, 1);
    assert.equal(snap.entries[0].title, 'Names typed exactly');
    assert.equal(snap.entries[0].fields['free.text'], expected);
  } finally {
    await browser.close();
  }
});
