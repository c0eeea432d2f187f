// Priority rules: the owner writes "due within 24 h -> urgent" in the
// project's settings, previews it and saves it; the assignee sees the task
// raised to the top of Next up (the landing page after sign-in), with the
// reason, and is notified.
import { BASE_URL, api, checkScreen, createProject, expectText, fail, log, logIn, newContext, note, pages, signUp, until } from '../lib.mjs';

async function bellCount(page) {
  return page.evaluate(() => Number(document.querySelector('[data-testid="bell-count"]')?.textContent?.trim() || 0));
}

export async function priorities({ browser, run, password }) {
  const owner = { username: `pia_${run}`, email: `pia_${run}@example.test`, name: `Pia ${run}` };
  const assignee = { username: `rex_${run}`, email: `rex_${run}@example.test`, name: `Rex ${run}` };
  const soonTitle = `Ship the patch ${run}`;
  const laterTitle = `Plan the quarter ${run}`;

  const o = (pages.P = await (await newContext(browser)).newPage());
  const a = (pages.R = await (await newContext(browser)).newPage());
  o.on('dialog', (d) => void d.accept());

  log(`owner ${owner.username} and assignee ${assignee.username} sign up; the owner makes a project with two tasks for the assignee`);
  await signUp(o, owner, password);
  await signUp(a, assignee, password);
  const me = await api(a, 'GET', '/api/v1/me');
  const projectUrl = await createProject(o, `Priorities ${run}`, ('P' + run.toUpperCase().replace(/[^A-Z0-9]/g, '')).slice(0, 10));
  const pid = projectUrl.match(/projects\/([0-9a-f-]{36})/)[1];
  const added = await api(o, 'POST', `/api/v1/projects/${pid}/members`, { userId: me.body.id, role: 'participant' });
  if (added.status !== 201) fail(`adding the assignee: HTTP ${added.status}`);
  const inHours = (h) => new Date(Date.now() + h * 3600_000).toISOString();
  for (const [title, priority, due] of [[soonTitle, 'low', 20], [laterTitle, 'high', 120]]) {
    const r = await api(o, 'POST', `/api/v1/projects/${pid}/tasks`, { title, priority, dueAt: inHours(due), assigneeIds: [me.body.id] });
    if (r.status !== 201) fail(`creating "${title}": HTTP ${r.status}`);
  }

  log('the assignee signs in again and lands on Next up: the high task first');
  await a.goto(`${BASE_URL}/login`);
  await a.evaluate(() => localStorage.removeItem('taskrocket.session'));
  await a.goto(`${BASE_URL}/login`);
  await logIn(a, assignee.username, password);
  await a.waitForURL(/\/next-up$/);
  const firstTitle = async () => (await a.getByTestId('next-up-title').first().innerText()).trim();
  await until(async () => {
    await a.getByTestId('next-up-refresh').click();
    return (await a.getByTestId('next-up-item').count()) === 2 && (await firstTitle()) === laterTitle;
  }, async () => `Next up starts with "${await firstTitle().catch(() => '')}"`, 20_000);
  await checkScreen(a, 'next-up');
  await a.getByTestId('bell').waitFor({ state: 'visible' });
  const bellBefore = await bellCount(a);

  log('the owner previews "due within 24 h -> urgent" in the project settings, then saves it');
  await o.goto(`${projectUrl.replace(/\/(list|board)$/, '')}/settings`);
  await o.getByTestId('priority-rules').waitFor({ state: 'visible' });
  await o.getByTestId('rule-kind').selectOption('due_within');
  await o.getByTestId('rule-hours').fill('24');
  await o.getByTestId('rule-effect').selectOption('at_least');
  await o.getByTestId('rule-level').selectOption('urgent');
  await o.getByTestId('rule-preview').click();
  await expectText(o.getByTestId('rule-preview-item'), soonTitle, 'the preview names the task due soon');
  await checkScreen(o, 'priority-rules');
  await o.getByTestId('rule-save').click();
  await expectText(o.getByTestId('rule'), 'due within 24 h', 'the saved rule');

  log('the assignee sees the task due soon first, urgent, with the reason, and is notified');
  await until(async () => {
    await a.getByTestId('next-up-refresh').click();
    return (await firstTitle()) === soonTitle;
  }, async () => `Next up starts with "${await firstTitle()}"`, 20_000);
  await expectText(a.getByTestId('next-up-priority').first(), 'Urgent', 'the raised priority');
  await expectText(a.getByTestId('next-up-reason').first(), 'raised by rule: due within 24 h', 'the reason');
  await until(async () => (await bellCount(a)) > bellBefore, async () => `the assignee's bell still reads ${await bellCount(a)}`, 30_000);
  note(`bell ${bellBefore} -> ${await bellCount(a)}`);

  log('the task shows its effective priority and the reason');
  await a.getByTestId('next-up-title').first().click();
  await expectText(a.getByTestId('effective-priority'), 'raised by rule: due within 24 h', 'the task dialog');
  await o.context().close();
  await a.context().close();
}
