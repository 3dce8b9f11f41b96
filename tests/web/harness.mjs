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

export async function startServer() {
  const port = await freePort();
  const proc = spawn('python3', ['scripts/serve.py', '--port', String(port), webDir], {
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
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs,
  });
  return { context, userDataDir, close: async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); } };
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
  const handle = await page.waitForFunction((wid) => {
    const w = window.pathway.widgets().find((x) => x.id === wid);
    return w || null;
  }, id, { timeout: 10000 });
  return handle.jsonValue();
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

export async function settle(page, frames = 4) {
  await page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), frames);
}

export async function typeInto(page, id, text, opts = {}) {
  await press(page, id, opts);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}
