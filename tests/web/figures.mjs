// Measures the web page in headless Chromium: time from navigation to the first drawn frame,
// and idle cost (main-loop iterations, frames drawn and main-thread busy time while nothing
// happens).
// Usage: node tests/web/figures.mjs build/web   (prints JSON; scripts/web-figures.sh wraps it)
import { launch, settle, startServer, waitReady } from './harness.mjs';

const runs = Number(process.env.PATHWAY_FIGURE_RUNS || 3);
const idleSeconds = Number(process.env.PATHWAY_IDLE_SECONDS || 5);
const server = await startServer();
const out = { firstFrameMs: [], readyMs: [], idle: null };
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
} finally {
  server.stop();
}
out.firstFrameMedianMs = [...out.firstFrameMs].sort((a, b) => a - b)[Math.floor(out.firstFrameMs.length / 2)];
console.log(JSON.stringify(out));
