// Helpers of the browser suite: steps, expectations, sign-up and log-in,
// axe-core on every screen, and screenshots kept as artifacts in e2e/out.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
export const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');
export const STEP_TIMEOUT_MS = 15_000;
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

const started = Date.now();
let step = 0;
export const pages = {};

export function currentStep() {
  return step;
}

export function log(msg) {
  step += 1;
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[${t}s] ${String(step).padStart(2)}. ${msg}`);
}

export function note(msg) {
  console.log(`        ${msg}`);
}

export function fail(msg) {
  throw new Error(msg);
}

export function elapsed() {
  return ((Date.now() - started) / 1000).toFixed(1);
}

/** Polls fn until it returns true (or a non-false value), failing with what() after the step timeout. */
export async function until(fn, what, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  fail(typeof what === 'function' ? await what() : what);
}

export async function expectText(locator, expected, what) {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ state: 'visible' });
  } catch {
    const actual = (await locator.allInnerTexts().catch(() => [])).join(' | ');
    fail(`${what}: expected to see "${expected}", saw "${actual}"`);
  }
}

export async function expectCount(locator, n, what) {
  let c = -1;
  await until(async () => (c = await locator.count()) === n, () => `${what}: expected ${n}, found ${c}`);
}

export async function expectValue(locator, expected, what) {
  let v = '';
  await until(async () => (v = await locator.inputValue().catch(() => '')) === expected, () => `${what}: expected "${expected}", found "${v}"`);
}

export async function expectUrl(page, re, what) {
  await until(async () => re.test(page.url()), () => `${what}: expected the address to match ${re}, it is ${page.url()}`);
}

export async function expectCountChip(page, status, n, prefix = 'count-') {
  const chip = page.getByTestId(`${prefix}${status}`);
  let text = '';
  await until(async () => new RegExp(`\\b${n}$`).test((text = (await chip.innerText().catch(() => '')).trim())), () => `status count ${status}: expected ${n}, chip reads "${text}"`);
}

export async function newContext(browser, viewport = DESKTOP, extra = {}) {
  const ctx = await browser.newContext({ viewport, ...extra });
  ctx.setDefaultTimeout(STEP_TIMEOUT_MS);
  ctx.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return ctx;
}

export async function logIn(page, login, pw) {
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(pw);
  await page.getByTestId('login-submit').click();
}

export async function signUp(page, u, password) {
  await page.goto(`${BASE_URL}/signup`);
  await page.getByTestId('signup-email').fill(u.email);
  await page.getByTestId('signup-username').fill(u.username);
  await page.getByTestId('signup-display-name').fill(u.name);
  await page.getByTestId('signup-password').fill(password);
  await page.getByTestId('signup-submit').click();
  await page.waitForURL(/\/projects$/);
}

/** Opens the account menu of the top bar and picks an item by test id. */
export async function accountMenu(page, item) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId(item).click();
}

export async function logOut(page) {
  await accountMenu(page, 'logout');
  await page.waitForURL(/\/login/);
}

export async function createProject(page, name, key, description = '') {
  await page.goto(`${BASE_URL}/projects`);
  await page.getByTestId('new-project').click();
  await page.getByTestId('project-name').fill(name);
  await page.getByTestId('project-key').fill(key);
  if (description) await page.getByTestId('project-description').fill(description);
  await page.getByTestId('project-create').click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/(list|board)$/);
  await expectText(page.getByTestId('project-title'), name, 'project page title');
  return page.url().replace(/\/(list|board)$/, '');
}

/** Adds a task with quick add and waits for its row. */
export async function quickAdd(page, line, expectTitle = line, rowTestId = 'task-row') {
  await page.getByTestId('task-title').fill(line);
  await page.getByTestId('task-create').click();
  await expectText(page.getByTestId(rowTestId), expectTitle, `the list after adding "${expectTitle}"`);
}

/** Calls the API with the page's own session, as another device of the same user would. */
export async function api(page, method, path, body, headers = {}) {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const { accessToken } = JSON.parse(localStorage.getItem('taskrocket.session'));
      const res = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body, headers },
  );
}

/** Changes the task titled `title` (in the project open in page) behind the UI's back; answers the HTTP status. */
export async function changeBehindTheUI(page, title, patch) {
  const pid = new URL(page.url()).pathname.split('/')[2];
  const list = await api(page, 'GET', `/api/v1/projects/${pid}/tasks?q=${encodeURIComponent(title)}`);
  const t = list.body.items[0];
  return (await api(page, 'PATCH', `/api/v1/tasks/${t.id}`, patch, { 'If-Match': `"${t.version}"` })).status;
}

// --- Artifacts: screenshots and axe-core ---------------------------------

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const axeResults = [];

/** Saves a screenshot of a main screen as e2e/out/<name>.png. */
export async function shot(page, name, fullPage = false) {
  mkdirSync(OUT, { recursive: true });
  await page.waitForTimeout(150); // let transitions settle
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page as it is, records the
 * result for the report, takes the screen's screenshot, and fails on any
 * serious or critical violation.
 */
export async function checkScreen(page, name) {
  await shot(page, name);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = r.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults.push({ screen: name, url: page.url(), violations: r });
  const summary = r.length ? r.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') : 'none';
  note(`axe ${name}: ${summary}`);
  if (bad.length) fail(`axe on ${name}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(' ; ')}`).join(' | ')}`);
}

export function writeAxeReport() {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'axe.json'), JSON.stringify(axeResults, null, 2));
  const lines = ['| screen | serious | critical | moderate | minor |', '|---|---|---|---|---|'];
  for (const s of axeResults) {
    const n = (impact) => s.violations.filter((v) => v.impact === impact).map((v) => v.id).join(', ') || '0';
    lines.push(`| ${s.screen} | ${n('serious')} | ${n('critical')} | ${n('moderate')} | ${n('minor')} |`);
  }
  writeFileSync(join(OUT, 'axe.md'), lines.join('\n') + '\n');
}

/** Screenshots of every open page, on failure. */
export async function failureScreenshots() {
  mkdirSync(OUT, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const [name, page] of Object.entries(pages)) {
    const file = join(OUT, `failure-${stamp}-${name}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
      console.error(`        screenshot: ${file} (${page.url()})`);
    } catch {
      /* page already gone */
    }
  }
}
