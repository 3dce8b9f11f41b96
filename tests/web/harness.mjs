// Shared set-up for the browser tests: a local server for build/web and Debian's Chromium
// driven by playwright-core (never a downloaded browser).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const playwrightDir = process.env.PLAYWRIGHT_DIR;
if (!playwrightDir || !fs.existsSync(playwrightDir)) {
  throw new Error('playwright-core not found: run scripts/setup.sh (make setup) and source scripts/env.sh');
}
export const { chromium } = require(playwrightDir);

export const webDir = path.resolve(process.argv[2] || 'build/web');
export const outDir = path.resolve(process.env.PATHWAY_TEST_OUT || 'build/test-output');
fs.mkdirSync(outDir, { recursive: true });

// Flags that work as root in a container; SwiftShader gives WebGL2 without a GPU.
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startServer(dir = webDir) {
  const port = await freePort();
  const proc = spawn('python3', ['scripts/serve.py', '--port', String(port), dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 15000);
    proc.stdout.on('data', (d) => { if (String(d).includes('running at')) { clearTimeout(timer); resolve(); } });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => proc.kill() };
}

/// A browser with its own fresh profile folder (so storage tests start empty).
/// `options` are Playwright context options (viewport, deviceScaleFactor, hasTouch, isMobile).
/// Pass a `userDataDir` to keep the profile (and its IndexedDB) across launches.
export async function launch(options = {}, userDataDir = null, extraArgs = []) {
  const keep = userDataDir !== null;
  const dir = userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: [...chromiumArgs, ...extraArgs], ...options,
  });
  const page = context.pages()[0] || await context.newPage();
  return {
    context, page, userDataDir: dir,
    close: async () => { await context.close(); if (!keep) fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

export async function waitReady(page) {
  await page.waitForFunction(() => window.pathway && window.pathway.ready === true, null, { timeout: 60000 });
  // Two animation frames so the first UI frame (and its widget rectangles) exist.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function widget(page, id) {
  try {
    const handle = await page.waitForFunction((wid) => {
      const w = window.pathway.widgets().find((x) => x.id === wid);
      return w || null;
    }, id, { timeout: 10000 });
    return await handle.jsonValue();
  } catch (e) {
    const screen = await page.evaluate(() => window.pathway.screen());
    const ids = await page.evaluate(() => window.pathway.widgets().map((w) => w.id).join(', '));
    await page.screenshot({ path: path.join(outDir, `missing-${id}.png`) });
    throw new Error(`no widget "${id}" on screen "${screen}" (visible: ${ids})`);
  }
}

/// Clicks (or taps) the centre of a widget the UI registered under `id`.
export async function press(page, id, { touch = false } = {}) {
  const w = await widget(page, id);
  const x = w.x + w.w / 2;
  const y = w.y + w.h / 2;
  if (touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
  await settle(page);
}

/// Waits until the app has processed every queued input event and drawn the result
/// (ImGui spreads a burst of events over several frames).
export async function settle(page, minFrames = 2) {
  await page.evaluate((n) => new Promise((resolve, reject) => {
    let frames = 0;
    const started = performance.now();
    const step = () => {
      ++frames;
      if (frames >= n && !window.pathway.busy()) return resolve();
      if (performance.now() - started > 10000) return reject(new Error('app stayed busy for 10 s'));
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }), minFrames);
}

export async function typeInto(page, id, text, opts = {}) {
  await press(page, id, opts);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

/// The phone the issue asks for: 390x844 CSS px, DPR 3, touch.
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

/// A finger drag from (x0, y0) to (x1, y1) in `steps` moves of `stepMs` each (real touch
/// events through the DevTools protocol; Playwright's touchscreen only taps).
export async function drag(page, x0, y0, x1, y1, { steps = 8, stepMs = 16, hold = false } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const point = (x, y) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  // Sent without waiting for each to be handled (a slow, software-rendered frame would hold
  // the finger still), each stamped as a finger moving a step every stepMs would be: the app
  // times taps, long presses and throws by when events happened, as on a phone.
  const t0 = Date.now() / 1000;
  const at = (i) => t0 + (i * stepMs) / 1000;
  const sent = [cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x0, y0), timestamp: at(0) })];
  for (let i = 1; i <= steps; ++i) {
    const t = i / steps;
    sent.push(cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t), timestamp: at(i) }));
  }
  // `hold`: the finger rests before lifting, so the list stops where it was dragged to.
  sent.push(cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: at(steps) + (hold ? 0.15 : 0) }));
  await Promise.all(sent);
  await cdp.detach();
}

/// Drags the content with a finger, and rests it before lifting, until the widget `id` is
/// wholly on screen between the top bar and the bottom bar (a phone shows a third of a screen
/// at a time). A widget not drawn yet is looked for further down, then back up.
export async function scrollIntoView(page, id, { top = 60 } = {}) {
  const { width, height } = page.viewportSize();
  let down = true;
  let before = '';
  for (let i = 0; i < 24; ++i) {
    const { w, nav, layout } = await page.evaluate((wid) => {
      const all = window.pathway.widgets();
      return {
        w: all.find((x) => x.id === wid) || null,
        nav: all.find((x) => x.id === 'nav.home') || null,
        layout: all.map((x) => `${x.id}@${Math.round(x.y)}`).join(' '),
      };
    }, id);
    const bottom = nav ? nav.y : height;
    if (w && w.y + w.h <= bottom && w.y >= top) return w;
    let by; // how far to move the content up (negative: down)
    if (w) by = w.y < top ? w.y - top - 8 : w.y + w.h - bottom + 8;
    else {
      if (layout === before) down = !down; // reached an end without finding it
      by = (down ? 1 : -1) * height * 0.3;
    }
    before = layout;
    by = Math.max(-height * 0.4, Math.min(height * 0.4, by));
    if (Math.abs(by) < 12) by = by < 0 ? -12 : 12; // past the touch slop
    const y0 = by > 0 ? height * 0.7 : height * 0.25;
    await drag(page, width / 2, y0, width / 2, y0 - by - (by > 0 ? 10 : -10), { steps: 12, hold: true });
    await settle(page, 3);
  }
  throw new Error(`could not scroll "${id}" into view`);
}

/// The desktop's way: the mouse wheel over the page's middle until the widget `id` is wholly
/// on screen (a widget below the fold is not drawn, so it is not registered until then).
export async function wheelIntoView(page, id) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height / 2);
  for (let i = 0; i < 24; ++i) {
    const w = await page.evaluate((wid) => window.pathway.widgets().find((x) => x.id === wid) || null, id);
    if (w && w.y >= 0 && w.y + w.h <= height) return w;
    await page.mouse.wheel(0, w && w.y < 0 ? -200 : 200);
    await settle(page, 3);
  }
  throw new Error(`could not scroll "${id}" into view with the wheel`);
}

/// A practitioner's portfolio as shared for review: Robin Invented with one CPD entry `id`.
export function writeSharedForReview(file, id, schema) {
  fs.writeFileSync(file, JSON.stringify({
    format: 'pathway-portfolio', schema,
    profile: { name: 'Robin Invented', stage: 'asye', setting: 'children', fte: 1 },
    entries: [{ id, kind: 'cpd', title: 'Court skills refresher', date: '2026-10-03',
      created: '2026-10-03T10:00:00Z', updated: '2026-10-03T10:00:00Z',
      fields: { hours: 3, learned: 'How to give evidence clearly.' } }],
  }));
}

/// Opens `file` through the Welcome screen's "Review a portfolio" and waits for the mentor screen.
export async function openForReview(page, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), press(page, 'welcome.review')]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => window.pathway.screen() === 'mentor', null, { timeout: 10000 });
  await settle(page, 3);
}

/// On the mentor screen: opens entry `id`, comments `text` on it and signs it off, then brings
/// "Save feedback file" back into view (the entry opens below the reviewer key's card, out of
/// sight at 900 px: the wheel).
export async function commentAndSignOff(page, id, text, screenshot) {
  await press(page, 'mentor.entry.' + id);
  await wheelIntoView(page, 'mentor.comment');
  await typeInto(page, 'mentor.comment', text);
  await press(page, 'mentor.add-comment');
  await wheelIntoView(page, 'mentor.sign');
  await press(page, 'mentor.sign');
  await page.screenshot({ path: path.join(outDir, screenshot) });
  await wheelIntoView(page, 'mentor.save');
}

/// A finger held still for `ms` (a long press).
export async function longPress(page, x, y, ms = 700) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
  await new Promise((r) => setTimeout(r, ms));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/// The id of the topmost entry row drawn (rows register as "entry.<id>").
export async function firstRow(page, prefix = 'entry.') {
  return page.evaluate((p) => {
    const rows = window.pathway.widgets().filter((w) => w.id.startsWith(p) && w.h > 0);
    const field = window.pathway.widgets().find((w) => w.id === 'log.search');
    const top = field ? field.y + field.h : 0;
    const visible = rows.filter((w) => w.y + w.h / 2 > top).sort((a, b) => a.y - b.y);
    return visible.length ? visible[0].id : null;
  }, prefix);
}

/// Opens the app in `page` and waits until it is ready; returns the list that collects the
/// page's uncaught errors (a test ends with assert.deepEqual(errors, [])).
export async function openApp(page, url) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await waitReady(page);
  return errors;
}
