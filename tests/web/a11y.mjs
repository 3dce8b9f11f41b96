// Issue 13 in the browser: the canvas's screens as the accessibility tree sees them (the DOM
// mirror over the canvas, web/static/pathway-shell.js). axe-core on every screen at phone and
// desktop size in each theme; the main flow done by roles, names and keys alone (never a
// coordinate); the home screen's figures in Chromium's own accessibility tree. Loaded by run.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  launch, openForReview, outDir, press, scrollIntoView, settle, startServer, waitReady, writeSharedForReview, openApp,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const axeSource = fs.readFileSync(path.join(process.env.AXE_DIR || '.deps/node/node_modules/axe-core', 'axe.min.js'), 'utf8');

/// Serious or critical axe violations on the page as it is now, as readable lines.
async function axeProblems(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.html.slice(0, 100)).join(' | ')}`));
  return violations;
}

const THEMES = [['Light', { colorScheme: 'light' }], ['Dark', { colorScheme: 'dark' }],
  ['High contrast', { forcedColors: 'active' }]];

/// Runs `body(page, check, theme)` on a fresh page in each theme as the system asks for it;
/// `check(where)` adds axe's serious or critical violations there to `problems`. Page errors
/// fail the test.
async function inEveryTheme(options, problems, body) {
  for (const [theme, media] of THEMES) {
    const browser = await launch({ ...options, ...media });
    try {
      const { page } = browser;
      const errors = await openApp(page, server.url);
      await settle(page, 3);
      const check = async (where) => { for (const p of await axeProblems(page)) problems.push(`${theme} ${where}: ${p}`); };
      await body(page, check, theme);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  }
}

/// Activates a control as a keyboard or screen-reader user does: focus it, press Enter.
async function activate(page, role, name) {
  await page.getByRole(role, { name, exact: true }).press('Enter');
  await settle(page, 4);
}

/// Focuses the text field called `name`, waits for the page's editing field to take over, and
/// types `text` in place of what it held.
async function fill(page, name, text) {
  await page.getByRole('textbox', { name, exact: true }).focus();
  await editingField(page, name);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await settle(page, 2);
}
async function editingField(page, name) {
  await page.waitForFunction((n) => document.activeElement && document.activeElement.id === 'text-field' &&
    document.activeElement.getAttribute('aria-label') === n, name, { timeout: 5000 });
}
/// Presses Tab until the focus is on the textbox called `name` (ImGui scrolls it into view).
async function tabTo(page, name) {
  for (let i = 0; i < 20; ++i) {
    if (await page.evaluate((n) => document.activeElement && document.activeElement.getAttribute('aria-label') === n &&
      document.activeElement.id === 'text-field', name)) return;
    await page.keyboard.press('Tab');
    await settle(page, 3);
  }
  assert.fail(`Tab never reached the field "${name}"`);
}

async function start(page, name) {
  await page.goto(server.url);
  await waitReady(page);
  await settle(page, 3);
  assert.equal(await page.title(), 'Welcome \u2013 Pathway');
  await fill(page, 'Your name', name);
  await activate(page, 'button', 'Start my portfolio');
  assert.equal(await page.evaluate(() => window.pathway.screen()), 'home');
}

// Each theme as the system asks for it (the first theme follows prefers-color-scheme, and
// forced colours pick high contrast), then every screen through its navigation links.
for (const [size, options, nav] of [
  ['desktop', { viewport: { width: 1280, height: 800 } },
    ['Home', 'Learning log', 'Frameworks', 'Reviews', 'Settings', 'Share and import']],
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
    ['Home', 'Log', 'Progress', 'Reviews', 'Settings']],
]) {
  test(`${size}: every screen in every theme has no serious or critical axe violations`, async () => {
    const problems = [];
    await inEveryTheme(options, problems, async (page, check, theme) => {
      await check('welcome');
      await fill(page, 'Your name', 'Kit Invented');
      await activate(page, 'button', 'Start my portfolio');
      for (const link of nav) {
        await activate(page, 'link', link);
        await check(link);
      }
      // The theme the system asked for is the one Settings shows chosen.
      await activate(page, 'link', 'Settings');
      assert.equal(await page.evaluate((t) => window.pathway.semantics().some((n) => n[2] === t && (n[8] & 2) !== 0), theme) ||
        !(await page.evaluate((t) => window.pathway.semantics().some((n) => n[2] === t), theme)), true, `${theme} not chosen`);
      await activate(page, 'button', 'Add CPD');
      assert.equal(await page.title(), 'New entry \u2013 Pathway');
      await check('editor');
      await page.screenshot({ path: path.join(outDir, `a11y-${size}-${theme.replace(' ', '-').toLowerCase()}-editor.png`) });
    });
    assert.deepEqual(problems, []);
  });
}

// The screens a mentor and an academy use, which need no portfolio of one's own: the review
// screen (an entry open, with its comment field), the empty cohort screen, the cohort's table
// and a practitioner opened from it.
const cohortFixtures = path.resolve('tests/fixtures/cohort');
for (const [size, options] of [
  ['desktop', { viewport: { width: 1280, height: 900 } }],
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true }],
]) {
  test(`${size}: the review and cohort screens in every theme have no serious or critical axe violations`, async () => {
    const shared = path.join(outDir, `a11y-shared-${size}.json`);
    writeSharedForReview(shared, 'e-a11y-1', 3);
    const files = fs.readdirSync(cohortFixtures).filter((f) => f.endsWith('.json')).map((f) => path.join(cohortFixtures, f));
    const problems = [];
    await inEveryTheme(options, problems, async (page, check, theme) => {
      await openForReview(page, shared);
      await check('review');
      // On the phone the entries are below the reviewer's key: a finger scrolls them up.
      if (size === 'phone') await scrollIntoView(page, 'mentor.entry.e-a11y-1');
      await press(page, 'mentor.entry.e-a11y-1');
      await settle(page, 3);
      if (size === 'phone') await scrollIntoView(page, 'mentor.comment');
      await check('review, entry open');
      // Back to the welcome screen (nothing was changed, so nothing is asked).
      await page.goto(server.url);
      await waitReady(page);
      await settle(page, 3);
      assert.equal(await page.evaluate(() => window.pathway.screen()), 'welcome');
      await press(page, 'welcome.cohort');
      assert.equal(await page.evaluate(() => window.pathway.screen()), 'cohort');
      await check('cohort, empty');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), press(page, 'cohort.pick-files')]);
      await chooser.setFiles(files);
      await page.waitForFunction(() => window.pathway.widgets().some((w) => w.id === 'cohort.summary'), null, { timeout: 20000 });
      await settle(page, 3);
      await check('cohort');
      await page.screenshot({ path: path.join(outDir, `a11y-${size}-${theme.replace(' ', '-').toLowerCase()}-cohort.png`) });
      if (size === 'phone') await scrollIntoView(page, 'cohort.row.ben-example.json');
      await press(page, 'cohort.row.ben-example.json');
      assert.equal(await page.evaluate(() => window.pathway.screen()), 'mentor');
      await check('cohort, a practitioner');
    });
    assert.deepEqual(problems, []);
  });
}

test('desktop: the main flow by roles, names and keys alone: welcome, a CPD with every regulator field, log search, open, HTML export', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  try {
    const { page } = browser;
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await start(page, 'Ash Invented');
    await activate(page, 'button', 'Add CPD');
    assert.equal(await page.title(), 'New entry \u2013 Pathway');
    await fill(page, 'Title', 'Court skills for care proceedings');
    await fill(page, 'Date', '2026-11-20');
    // The type: a combo box; its options are buttons, the chosen one pressed.
    const type = page.getByRole('button', { name: 'Type of CPD', exact: true });
    assert.equal(await type.getAttribute('aria-haspopup'), 'listbox');
    await activate(page, 'button', 'Type of CPD');
    await activate(page, 'button', 'Course or training');
    assert.match(await page.evaluate(() => {
      const t = [...document.querySelectorAll('#a11y button')].find((b) => b.textContent === 'Type of CPD');
      return document.getElementById(t.getAttribute('aria-describedby')).textContent;
    }), /Course or training/);
    await fill(page, 'Hours', '3');
    await fill(page, 'Description and relevance', 'A day on giving evidence in court, relevant to my child protection cases.');
    // Further down the form: Tab on, as a keyboard user does; ImGui scrolls each into view.
    await tabTo(page, 'What I learnt');
    await page.keyboard.type('How to keep written evidence factual and to separate observation from analysis.');
    await tabTo(page, 'Impact on practice and people');
    await page.keyboard.type('My statements are shorter and clearer; a family told me they understood the plan.');
    await activate(page, 'button', 'Save');
    const snap = await page.evaluate(() => window.pathway.snapshot());
    assert.equal(snap.entries.length, 1);
    const e = snap.entries[0];
    assert.equal(e.title, 'Court skills for care proceedings');
    assert.equal(e.date, '2026-11-20');
    assert.equal(e.fields.type, 'course');
    assert.equal(e.fields.hours, 3);
    assert.match(e.fields.learned, /^How to keep written evidence factual/);
    assert.match(e.fields.impact, /^My statements are shorter/);
    // The saved message reaches the live region.
    assert.match(await page.locator('#a11y-live').textContent(), /Saved/);

    await activate(page, 'link', 'Learning log');
    assert.equal(await page.title(), 'Learning log \u2013 Pathway');
    await fill(page, 'Search', 'court');
    await page.keyboard.press('Escape');
    await settle(page, 4);
    const row = page.getByRole('button', { name: 'Court skills for care proceedings', exact: true });
    assert.match(await page.evaluate(() => {
      const r = [...document.querySelectorAll('#a11y button')].find((b) => b.textContent === 'Court skills for care proceedings');
      return document.getElementById(r.getAttribute('aria-describedby')).textContent;
    }), /CPD.*20 Nov 2026/);
    await row.press('Enter');
    await settle(page, 4);
    assert.equal(await page.title(), 'Edit entry \u2013 Pathway');
    assert.equal(await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue(), 'Court skills for care proceedings');

    await activate(page, 'link', 'Share and import');
    const download = page.waitForEvent('download');
    await activate(page, 'button', 'Export: Portfolio to print or send');
    const file = await (await download).path();
    const html = fs.readFileSync(file, 'utf8');
    assert.match(html, /Court skills for care proceedings/);
    assert.match(html, /separate observation from analysis/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('home: the renewal and ASYE figures are text in Chromium\'s accessibility tree', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const { page } = browser;
    await start(page, 'Jo Invented');
    await activate(page, 'link', 'Settings');
    await fill(page, 'ASYE start date', '2026-09-07');
    await activate(page, 'button', 'Save profile');
    await activate(page, 'link', 'Home');
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const named = nodes.filter((n) => !n.ignored && n.name && n.name.value).map((n) => `${n.role.value}: ${n.name.value}`);
    const has = (re) => named.some((s) => re.test(s));
    assert.ok(has(/^heading: Registration renewal$/), named.join('\n'));
    assert.ok(has(/^image: 0 of 2 pieces of CPD, peer reflection still needed$/), named.join('\n'));
    assert.ok(has(/^(StaticText|paragraph): Renew by \d+ Nov \d{4}/), named.join('\n'));
    assert.ok(has(/^heading: ASYE year$/), named.join('\n'));
    assert.ok(has(/^progressbar: Direct observations of practice: 0 of 3$/), named.join('\n'));
    assert.ok(has(/^(StaticText|paragraph): Next: 3-month review$/), named.join('\n'));
    assert.ok(has(/^link: Home$/));
    assert.ok(has(/^button: Add CPD$/));
    // The canvas itself is hidden from the tree: what it shows is read from the mirror.
    const canvasRole = await page.evaluate(() => document.getElementById('canvas').getAttribute('aria-hidden'));
    assert.equal(canvasRole, 'true');
  } finally {
    await browser.close();
  }
});

test('web: the theme and text size chosen in Settings are kept across a reload, as on the desktop', async () => {
  // Tall enough that Settings' appearance choices are on screen (the mirror has what is shown).
  const browser = await launch({ viewport: { width: 1280, height: 1600 } });
  try {
    const { page } = browser;
    await start(page, 'Lee Invented');
    await activate(page, 'link', 'Settings');
    await activate(page, 'button', 'Dark');
    await activate(page, 'button', 'Large');
    const pressed = (name) => page.evaluate((n) => window.pathway.semantics().some((x) => x[2] === n && (x[8] & 2) !== 0), name);
    assert.equal(await pressed('Dark'), true);
    await page.waitForFunction(() => window.pathway.saved(), null, { timeout: 5000 });
    await page.reload();
    await waitReady(page);
    await settle(page, 3);
    await activate(page, 'link', 'Settings');
    assert.equal(await pressed('Dark'), true, 'the theme came back');
    assert.equal(await pressed('Large'), true, 'the text size came back');
  } finally {
    await browser.close();
  }
});

// WCAG 2.2 1.4.10 (reflow) and 1.4.4 (resize text): at 320 px wide (a small phone, or 1280 px at
// 400 % zoom) with normal text, and at 640 px (1280 px at 200 %) with the largest text (twice
// normal), every screen of the phone's navigation and the editor reflow into one column: no
// control lies off the side, no button's label is cut and text wraps (pathway.clipped() lists
// what could not be read whole).
for (const [width, size] of [[320, null], [640, 'largest']]) {
  test(`phone at ${width} px with ${size || 'normal'} text: every screen reflows, nothing is cut off at the side`, async () => {
    const browser = await launch({ viewport: { width, height: 640 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    try {
      const { page } = browser;
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await start(page, 'Sam Invented');
      if (size) {
        await activate(page, 'link', 'Settings');
        await scrollIntoView(page, 'settings.text.' + size);
        await press(page, 'settings.text.' + size);
        await settle(page, 4);
        // The choice is kept and the fonts grew with it (the choice may have moved down).
        await scrollIntoView(page, 'settings.text.' + size);
        assert.ok(await page.evaluate(() => window.pathway.semantics().some((n) => n[2] === 'Largest' && (n[8] & 2))),
          'Largest is the chosen text size');
      }
      const problems = [];
      const look = async (where) => {
        const facts = await page.evaluate(() => ({
          off: window.pathway.widgets().filter((w) => w.w > 0 && (w.x < -1 || w.x + w.w > window.innerWidth + 1))
            .map((w) => `${w.id || '(text)'} at ${Math.round(w.x)}..${Math.round(w.x + w.w)}`),
          clipped: window.pathway.clipped(),
        }));
        for (const o of [...facts.off, ...facts.clipped]) problems.push(`${where}: ${o}`);
        await page.screenshot({ path: path.join(outDir, `a11y-${width}-${size || 'normal'}-${where.toLowerCase()}.png`) });
      };
      for (const [link, screen] of [['Home', 'home'], ['Log', 'log'], ['Progress', 'frameworks'], ['Reviews', 'reviews'],
        ['Settings', 'settings']]) {
        await activate(page, 'link', link);
        await page.waitForFunction((s) => window.pathway.screen() === s, screen, { timeout: 5000 });
        await settle(page, 3);
        await look(link);
      }
      await activate(page, 'button', 'Add CPD');
      await look('Editor');
      assert.deepEqual(problems, []);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
}
