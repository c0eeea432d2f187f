// Browser check that sign-up never traps a new user (the login throttle
// and lost answers), against a running stack.
// Usage: BASE_URL=http://127.0.0.1:8080 node e2e/signup.mjs
//   1. Sign-up signs in from its own answer (no separate login request).
//   2. The answer to a sign-up is lost after the account was created: the
//      retry's email_taken is shown as "your account has been created" and
//      the page goes to sign in, where the account works.
//   3. The account is created but no session came (auth down, simulated by
//      dropping "session" from the real answer): the same.
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const run = Date.now().toString(36) + Math.floor(Math.random() * 1296).toString(36);
const password = `Sign up ${run} without traps`;
let step = 0;
const log = (m) => console.log(`${String(++step).padStart(2)}. ${m}`);
const fail = (m) => {
  throw new Error(m);
};

async function fillSignUp(page, name) {
  await page.goto(`${BASE_URL}/signup`);
  await page.getByTestId('signup-email').fill(`${name}@example.test`);
  await page.getByTestId('signup-username').fill(name);
  await page.getByTestId('signup-display-name').fill(`Test ${name}`);
  await page.getByTestId('signup-password').fill(password);
}

async function expectAccountExistsThenSignIn(page, name) {
  const alert = page.getByTestId('form-error');
  await alert.filter({ hasText: 'account has been created' }).waitFor({ state: 'visible' });
  if (await page.getByText('already exists').count()) fail('the page says the email already exists');
  await page.waitForURL(/\/login$/, { timeout: 15_000 });
  await page.getByTestId('login-login').fill(name);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/next-up$/); // where signing in lands
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, timeout: 30_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const fresh = async () => {
      const ctx = await browser.newContext();
      ctx.setDefaultTimeout(15_000);
      return ctx.newPage();
    };

    log('sign-up signs in from its own answer, without a login request');
    let page = await fresh();
    const logins = [];
    page.on('request', (r) => r.url().endsWith('/api/v1/auth/login') && logins.push(r.url()));
    await fillSignUp(page, `plain_${run}`);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(/\/projects$/);
    if (logins.length) fail(`sign-up sent ${logins.length} login request(s)`);

    log('the answer is lost after the account was created; the retry says it exists and goes to sign in');
    page = await fresh();
    const lost = `lost_${run}`;
    await fillSignUp(page, lost);
    let dropped = false;
    await page.route('**/api/v1/users', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the server creates the account...
      await route.abort('connectionreset'); // ...and the browser never hears back
    });
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('form-error').filter({ hasText: 'reach the server' }).waitFor({ state: 'visible' });
    await page.getByTestId('signup-submit').click();
    await expectAccountExistsThenSignIn(page, lost);

    log('the account is created but no session comes (auth down); told so and taken to sign in');
    page = await fresh();
    const nosession = `nosession_${run}`;
    await fillSignUp(page, nosession);
    await page.route('**/api/v1/users', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      delete body.session;
      body.sessionError = { code: 'auth_unavailable', message: 'signing in is not possible right now' };
      await route.fulfill({ response: res, json: body });
    });
    await page.getByTestId('signup-submit').click();
    await expectAccountExistsThenSignIn(page, nosession);
    console.log('PASS: sign-up is never trapped');
  } finally {
    await browser.close();
  }
}

const timer = setTimeout(() => {
  console.error('FAIL: took longer than 120s');
  process.exit(2);
}, 120_000);
main()
  .then(() => clearTimeout(timer))
  .catch((e) => {
    console.error(`FAIL at step ${step}: ${e.message}`);
    process.exit(1);
  });
