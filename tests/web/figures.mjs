// Measures the web page in headless Chromium: time from navigation to the first drawn frame,
// and idle cost (main-loop iterations, frames drawn and main-thread busy time while nothing
// happens).
// Usage: node tests/web/figures.mjs build/web   (prints JSON; scripts/web-figures.sh wraps it)
import { launch, press, settle, startServer, typeInto, waitReady } from './harness.mjs';

const runs = Number(process.env.PATHWAY_FIGURE_RUNS || 3);
const idleSeconds = Number(process.env.PATHWAY_IDLE_SECONDS || 5);
const server = await startServer();
const out = { firstFrameMs: [], readyMs: [], idle: null, editorFrameMs: null };
try {
  for (let i = 0; i < runs; ++i) {
    // A fresh profile each time: a first visit (no service worker, nothing cached).
    const b = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
    try {
      const { page } = b;
      await page.goto(server.url);
      await page.waitForFunction(() => window.pathway && window.pathway.firstFrameMs !== null, null, { timeout: 60000 });
      out.firstFrameMs.push(Math.round(await page.evaluate(() => window.pathway.firstFrameMs)));
      if (i === runs - 1) {
        await waitReady(page);
        await settle(page);
        await new Promise((r) => setTimeout(r, 1000));
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
        const frames0 = await page.evaluate(() => window.pathway.frames());
        const loops0 = await page.evaluate(() => window.pathway.loopIterations());
        const m0 = await metric();
        await new Promise((r) => setTimeout(r, idleSeconds * 1000));
        const m1 = await metric();
        const frames1 = await page.evaluate(() => window.pathway.frames());
        const loops1 = await page.evaluate(() => window.pathway.loopIterations());
        out.idle = {
          seconds: idleSeconds,
          framesDrawn: frames1 - frames0,
          loopIterations: loops1 - loops0,
          mainThreadBusyPercent: +(100 * (m1.TaskDuration - m0.TaskDuration) / idleSeconds).toFixed(2),
          scriptPercent: +(100 * (m1.ScriptDuration - m0.ScriptDuration) / idleSeconds).toFixed(2),
        };
      }
    } finally {
      await b.close();
    }
  }
  // One editor frame while a 5,000-word reflection is being edited (the page's textarea over
  // the field): the mean CPU time of 60 frames drawn at once.
  const b = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  try {
    const { page } = b;
    await page.goto(server.url);
    await waitReady(page);
    await typeInto(page, 'welcome.name', 'Bench Invented', { touch: true });
    await press(page, 'welcome.start', { touch: true });
    const ok = await page.evaluate(() => window.pathway.newEntry('reflection'));
    await settle(page);
    const f = await page.evaluate(() => window.pathway.fields().find((x) => x.id === 'reflection.free.text'));
    if (ok && f) {
      await page.touchscreen.tap(f.x + 20, f.y + 10);
      await settle(page);
      const pool = ['the', 'family', 'said', 'supervision', 'helped', 'me', 'reflect', 'on', 'practice,', 'and', 'risk.'];
      const text = Array.from({ length: 5000 }, (_, i) => pool[(i * 7 + Math.floor(i / 3)) % pool.length]).join(' ');
      await page.keyboard.insertText(text);
      await settle(page);
      await page.evaluate(() => window.pathway.benchFrames(10)); // warm
      out.editorFrameMs = +(await page.evaluate(() => window.pathway.benchFrames(60))).toFixed(3);
    }
  } finally {
    await b.close();
  }
  // Issue 13: publishing the semantics for the DOM mirror on the Log with 10,000 entries while
  // it scrolls a notch a frame (so the rows and their elements change each frame).
  const c = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const { page } = c;
    await page.goto(server.url);
    await waitReady(page);
    await typeInto(page, 'welcome.name', 'Bench Invented');
    await press(page, 'welcome.start');
    await page.evaluate(() => window.pathway.addTestEntries(10000));
    await press(page, 'nav.log');
    await settle(page, 3);
    const row = await page.evaluate(() => window.pathway.widgets().find((w) => w.id.startsWith('entry.')));
    if (row) {
      await page.evaluate(([x, y]) => window.pathway.benchSemantics(20, x, y), [row.x + 40, row.y + 10]); // warm
      out.semantics = await page.evaluate(([x, y]) => window.pathway.benchSemantics(120, x, y), [row.x + 40, row.y + 10]);
    }
  } finally {
    await c.close();
  }
} finally {
  server.stop();
}
out.firstFrameMedianMs = [...out.firstFrameMs].sort((a, b) => a - b)[Math.floor(out.firstFrameMs.length / 2)];
console.log(JSON.stringify(out));
