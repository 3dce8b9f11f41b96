// Issue 15: the theme and text size belong to ui::Runner, shared with the desktop, and are kept
// through Host::savePreferences (on the web: localStorage, "pathway-preferences"). Chosen in
// Settings, they come back after a reload on the first frames (the fonts built at that size),
// they win over the system's colour scheme, and another tab of the same browser starts with
// them. `node --test tests/web/preferences.mjs build/web`
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, press, settle, startServer, typeInto, waitReady, wheelIntoView, openApp } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

/// True when the choice `id` (named `name`) is shown pressed (the semantics' state bit 2); it is
/// scrolled into view first (the semantics hold only what is drawn; large text pushes it down).
const pressed = async (page, name) => {
  const ids = { 'Dark': 'settings.theme.dark', 'Light': 'settings.theme.light', 'High contrast': 'settings.theme.high-contrast',
    'Small': 'settings.text.small', 'Normal': 'settings.text.normal', 'Largest': 'settings.text.largest' };
  await wheelIntoView(page, ids[name]);
  await settle(page, 3);
  return page.evaluate((n) => window.pathway.semantics().some((x) => x[2] === n && (x[8] & 2) !== 0), name);
};
/// The height of the navigation's Home link: it grows with the text size the fonts were built at.
const navHeight = async (page) => page.evaluate(() => {
  const w = window.pathway.widgets().find((x) => x.id === 'nav.home');
  return w ? w.h : 0;
});
const stored = (page) => page.evaluate(() => JSON.parse(window.localStorage.getItem('pathway-preferences') || 'null'));

async function choose(page, id) {
  await wheelIntoView(page, id);
  await press(page, id);
  await settle(page, 3);
}

async function showAppearance(page) {
  await press(page, 'nav.settings');
}

async function reloadPage(page) {
  await page.waitForFunction(() => window.pathway.saved(), null, { timeout: 5000 });
  await page.reload();
  await waitReady(page);
  await settle(page, 3);
}

test('web: the theme and text size come back after a reload, over the system\'s dark scheme, and in a new tab', async () => {
  const browser = await launch({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  try {
    const { page, context } = browser;
    const errors = await openApp(page, server.url);
    await typeInto(page, 'welcome.name', 'Avery Invented');
    await press(page, 'welcome.start');
    assert.equal(await page.evaluate(() => window.pathway.screen()), 'home');
    assert.equal(await stored(page), null, 'nothing is kept before a choice is made');
    const normal = await navHeight(page);
    assert.ok(normal > 0);

    // Nothing chosen yet: the first theme follows the system (dark), at the normal size.
    await showAppearance(page);
    assert.equal(await pressed(page, 'Dark'), true, 'the system\'s dark scheme');
    assert.equal(await pressed(page, 'Normal'), true);

    await choose(page, 'settings.theme.high-contrast');
    await choose(page, 'settings.text.largest');
    assert.equal(await pressed(page, 'High contrast'), true);
    assert.equal(await pressed(page, 'Largest'), true);
    const largest = await navHeight(page);
    assert.ok(largest > normal * 1.5, `the fonts were built at the largest size (${normal} -> ${largest})`);
    assert.deepEqual(await stored(page), { theme: 'high-contrast', text_size: 34 });

    // A reload: the first frames are already at that size and in that theme.
    await reloadPage(page);
    assert.equal(await page.evaluate(() => window.pathway.screen()), 'home');
    assert.equal(await navHeight(page), largest, 'the text size came back with the first frames');
    await showAppearance(page);
    assert.equal(await pressed(page, 'High contrast'), true, 'the theme came back');
    assert.equal(await pressed(page, 'Largest'), true, 'the text size came back');

    // Light chosen against the system's dark scheme, and the small size: the choice wins.
    await choose(page, 'settings.theme.light');
    await choose(page, 'settings.text.small');
    const small = await navHeight(page);
    assert.ok(small < normal, `small text (${small}) is smaller than normal (${normal})`);
    await reloadPage(page);
    assert.equal(await navHeight(page), small);
    await showAppearance(page);
    assert.equal(await pressed(page, 'Light'), true, 'the chosen light theme, not the system\'s dark');
    assert.equal(await pressed(page, 'Small'), true);

    // Another tab of the same browser starts with them (the device's preferences).
    const other = await context.newPage();
    await other.goto(server.url);
    await waitReady(other);
    await settle(other, 3);
    assert.equal(await navHeight(other), small);
    await showAppearance(other);
    assert.equal(await pressed(other, 'Light'), true);
    assert.equal(await pressed(other, 'Small'), true);
    await other.close();
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
