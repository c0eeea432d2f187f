// The browser suite of the TaskRocket web UI, against a running stack.
// Usage: BASE_URL=http://127.0.0.1:8080 npm run e2e
// Prints one line per step, exits non-zero on failure, and leaves in e2e/out
// a screenshot of every main screen, axe.json / axe.md (axe-core results per
// screen) and, on failure, a screenshot of every open page.
import { chromium } from 'playwright-core';
import { BASE_URL, checkScreen, currentStep, elapsed, expectText, fail, failureScreenshots, log, newContext, pages, writeAxeReport } from './lib.mjs';
import { coreSolo, coreTeam } from './flows/core.mjs';
import { daily } from './flows/daily.mjs';
import { phone } from './flows/phone.mjs';
import { collab } from './flows/collab.mjs';
import { priorities } from './flows/priorities.mjs';
import { search } from './flows/search.mjs';
import { calendar } from './flows/calendar.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TOTAL_TIMEOUT_MS = 660_000;

const run = Date.now().toString(36) + Math.floor(Math.random() * 1296).toString(36);
const env = {
  run,
  password: `Orbital launch ${run} window`,
  newPassword: `Second stage ${run} ignition`,
  userA: { username: `alice_${run}`, email: `alice_${run}@example.test`, name: `Alice ${run}` },
  userB: { username: `bob_${run}`, email: `bob_${run}@example.test`, name: `Bob ${run}` },
  projectName: `Launch pad ${run}`,
  projectKey: ('E' + run.toUpperCase().replace(/[^A-Z0-9]/g, '')).slice(0, 10),
  task1: `Fuel the rocket ${run}`,
  task2: `Check the weather ${run}`,
};

async function main() {
  // chromium.launch gives every run a fresh temporary profile (user-data-dir).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  env.browser = browser;
  try {
    log('the sign-up page, signed out: an address that is not one is pointed out');
    const guest = await (await newContext(browser)).newPage();
    await guest.goto(`${BASE_URL}/signup`);
    await guest.getByTestId('signup-email').fill('not-an-email');
    await guest.getByTestId('signup-username').focus();
    await expectText(guest.getByTestId('field-error'), 'Enter an e-mail address', 'sign-up with "not-an-email"');
    if (!(await guest.getByTestId('signup-submit').isDisabled())) fail('sign-up can be sent with "not-an-email"');
    await checkScreen(guest, 'signup');
    await guest.context().close();

    // UI_FLOWS=collab (or priorities, search, calendar; comma-separated) runs only the flows named (the others need the core flows first).
    const only = (process.env.UI_FLOWS || '').split(',').filter(Boolean);
    if (!only.length) {
      Object.assign(env, await coreSolo(env));
      const { projectUrl } = await daily(env);
      await phone({ ...env, projectUrl });
      await coreTeam(env);
    }
    if (!only.length || only.includes('collab')) await collab(env);
    if (!only.length || only.includes('priorities')) await priorities(env);
    if (!only.length || only.includes('search')) await search(env);
    if (!only.length || only.includes('calendar')) await calendar(env);
    log('all steps passed');
  } catch (e) {
    await failureScreenshots();
    throw e;
  } finally {
    writeAxeReport();
    await browser.close().catch(() => undefined);
  }
}

const watchdog = setTimeout(async () => {
  console.error(`FAIL: the run took longer than ${TOTAL_TIMEOUT_MS / 1000}s (at step ${currentStep()})`);
  await failureScreenshots();
  writeAxeReport();
  process.exit(2);
}, TOTAL_TIMEOUT_MS);

let failure = null;
try {
  await main().catch((e) => {
    failure = e;
  });
} finally {
  clearTimeout(watchdog);
}
void pages;
if (failure) {
  console.error(`FAIL at step ${currentStep()}: ${failure instanceof Error ? failure.message.split('\n')[0] : failure}`);
  process.exit(1);
}
console.log(`OK: UI flows passed in ${elapsed()}s`);
