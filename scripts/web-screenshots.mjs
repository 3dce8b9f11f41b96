// Phone screenshots of the web page (390x844 CSS px, DPR 3, touch) into screenshots/:
// home, log, a CPD editor, a reflection editor (short and long), and an ASYE portfolio's
// Reviews, self-assessment and comparison screens. Needs a built page (make build-web).
// Usage: source scripts/env.sh && node scripts/web-screenshots.mjs [build/web] [screenshots]
import fs from 'node:fs';
import path from 'node:path';

import { launch, phone, press, scrollIntoView, settle, startServer, waitReady } from '../tests/web/harness.mjs';

/// About 300 invented words in three paragraphs.
function longReflection() {
  const p1 = 'After the child protection conference I kept going back over how I had presented the ' +
    "family's progress. I had prepared a careful chronology and an analysis of risk and protective " +
    'factors, but in the room I noticed that I was reading from my notes rather than speaking to the ' +
    'parents, and their faces told me that they felt talked about, not talked with.';
  const p2 = 'Thinking about it with the PCF in mind, this is about professional leadership as much as ' +
    'communication. I want the plan to be something the family recognises as theirs, so I will share ' +
    'a draft with them two days before the next review, ask them to mark what they disagree with, and ' +
    'bring those points to the meeting as questions rather than as conflicts to be managed.';
  const p3 = 'What surprised me most was how much the chair relied on my summary. It showed me that a ' +
    "newly qualified worker's analysis carries real weight, and that I must be as careful with hope " +
    'as with risk: naming what has improved, with evidence, is part of a fair assessment.';
  return [p1, p2, p3].join('\n\n');
}

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
  // A long reflection typed into the free-text field: it wraps and grows (nothing out of sight).
  await press(page, 'reflection.free.text', { touch: true });
  await page.keyboard.insertText(longReflection());
  await shot('long-reflection');
  await press(page, 'action.cancel', { touch: true });
  // The add menu's ids differ between layouts (see above): opened directly.
  await page.evaluate(() => window.pathway.newEntry('cpd'));
  await press(page, 'entry.title', { touch: true });
  await page.keyboard.insertText('Court skills workshop');
  await shot('cpd-editor');
  await press(page, 'action.cancel', { touch: true });
  // An ASYE portfolio (the schema-4 fixture: supervisor, assessor, goals, self-assessment),
  // imported through the Share screen's own backup import, replacing the one above.
  const v4 = fs.readFileSync(new URL('../tests/fixtures/portfolio-v4.json', import.meta.url));
  await page.evaluate((bytes) => window.pathway.receiveFile('import.json', new Uint8Array(bytes), 'portfolio-v4.json'),
    [...v4]);
  await settle(page, 3);
  await scrollIntoView(page, 'import.replace');
  await press(page, 'import.replace', { touch: true });
  await press(page, 'import.replace', { touch: true }); // "Yes, replace my portfolio"
  await press(page, 'nav.reviews', { touch: true });
  await shot('reviews');
  await scrollIntoView(page, 'self.open');
  await press(page, 'self.open', { touch: true });
  await shot('self-assessment');
  await press(page, 'self.back', { touch: true });
  await scrollIntoView(page, 'self.compare');
  await press(page, 'self.compare', { touch: true });
  await shot('self-assessment-compare');
} finally {
  await browser.close();
  server.stop();
}
