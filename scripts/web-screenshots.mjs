// Phone screenshots of the web page (390x844 CSS px, DPR 3, touch) into screenshots/:
// home, log, a CPD editor and a reflection editor. Needs a built page (make build-web).
// Usage: source scripts/env.sh && node scripts/web-screenshots.mjs [build/web] [screenshots]
import fs from 'node:fs';
import path from 'node:path';

import { launch, phone, press, settle, startServer, waitReady } from '../tests/web/harness.mjs';

const outDir = path.resolve(process.argv[3] || 'screenshots');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launch(phone);
try {
  const { page } = browser;
  await page.goto(server.url);
  await waitReady(page);
  const shot = async (name) => {
    await settle(page);
    const file = path.join(outDir, `web-phone-${name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  };
  // A portfolio with a little in it, typed through the hidden field like a phone keyboard.
  await press(page, 'welcome.name', { touch: true });
  await page.keyboard.insertText('Sam Example');
  await press(page, 'welcome.start', { touch: true });
  await page.evaluate(() => window.pathway.addTestEntries(12));
  await shot('home');
  await press(page, 'nav.log', { touch: true });
  await shot('log');
  // The reflection editor (opened directly: the add menu's ids differ between layouts).
  await page.evaluate(() => window.pathway.newEntry('reflection'));
  await shot('reflection');
  await press(page, 'action.cancel', { touch: true });
  await press(page, 'action.add-cpd', { touch: true });
  await press(page, 'entry.title', { touch: true });
  await page.keyboard.insertText('Court skills workshop');
  await shot('cpd-editor');
} finally {
  await browser.close();
  server.stop();
}
