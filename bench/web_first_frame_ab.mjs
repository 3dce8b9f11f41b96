// Time from navigation to the first drawn frame of two builds of the web page, measured in
// turns (A, B, A, B, ...) so that whatever else the machine is doing weighs on both alike.
// Each load is a first visit (a fresh browser profile: no service worker, nothing cached),
// phone emulation 390x844 at DPR 3, as tests/web/figures.mjs measures it.
// Usage: source scripts/env.sh && node bench/web_first_frame_ab.mjs DIR_A DIR_B [ROUNDS]
// Prints JSON: each build's runs and median, and B's median over A's.
import { launch, startServer } from '../tests/web/harness.mjs';

const [dirA, dirB] = [process.argv[2], process.argv[3]];
const rounds = Number(process.argv[4] || 7);
if (!dirA || !dirB) {
  console.error('usage: node bench/web_first_frame_ab.mjs DIR_A DIR_B [ROUNDS]');
  process.exit(2);
}
const servers = [await startServer(dirA), await startServer(dirB)];
const runs = [[], []];
async function firstFrame(url) {
  const b = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  try {
    await b.page.goto(url);
    await b.page.waitForFunction(() => window.pathway && window.pathway.firstFrameMs !== null, null, { timeout: 60000 });
    return Math.round(await b.page.evaluate(() => window.pathway.firstFrameMs));
  } finally {
    await b.close();
  }
}
try {
  for (let i = 0; i < rounds; ++i)
    for (const k of i % 2 ? [1, 0] : [0, 1]) runs[k].push(await firstFrame(servers[k].url));
} finally {
  for (const s of servers) s.stop();
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const [ma, mb] = runs.map(median);
console.log(JSON.stringify({ a: { dir: dirA, runs: runs[0], medianMs: ma }, b: { dir: dirB, runs: runs[1], medianMs: mb },
  ratio: Number((mb / ma).toFixed(3)) }, null, 1));
