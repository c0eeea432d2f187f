// The web app as a daily tool, on a project of its own: long titles, quick
// add, field messages, filters in the URL, the task dialog, shortcuts,
// bulk actions, the board, tabs, names, focus ring, dark mode, token
// renewal and logging out.
import {
  BASE_URL, accountMenu, api, checkScreen, createProject, expectCount, expectText, expectUrl, expectValue, fail, logIn, logOut, log,
  newContext, note, pages, quickAdd, until,
} from '../lib.mjs';
import { contrastOfFocusRing, dragCard } from './page-checks.mjs';

export async function daily({ browser, run, password, userA }) {
  const ctx = await newContext(browser);
  const p = (pages.D = await ctx.newPage());
  // Confirms (unsaved edits, deletions): answered by `answer`, counted.
  const confirms = { answer: true, seen: [] };
  p.on('dialog', (d) => {
    confirms.seen.push(d.message());
    return confirms.answer ? d.accept() : d.dismiss();
  });
  // Angular's runtime warnings (NG0…, such as NG0953 seen when a page reloaded itself) fail the run.
  const ngWarnings = [];
  p.on('console', (m) => {
    if ((m.type() === 'warning' || m.type() === 'error') && /NG0\d+/.test(m.text())) ngWarnings.push(m.text().slice(0, 200));
  });
  await p.goto(`${BASE_URL}/login`);
  await logIn(p, userA.username, password);
  await p.waitForURL(/\/next-up$/);
  const name = `Daily ${run}`;
  const projectUrl = await createProject(p, name, ('D' + run.toUpperCase().replace(/[^A-Z0-9]/g, '')).slice(0, 10));
  const listUrl = projectUrl + '/list';
  const row = (title) => p.getByTestId('task-row').filter({ hasText: title });

  log('finding 1: a long unbroken title wraps; the row and the page keep their width');
  const url = 'https://example.test/' + 'a1b2c3d4e5'.repeat(17);
  await quickAdd(p, url);
  await until(async () => (await p.evaluate(() => document.documentElement.scrollWidth)) <= 1280, 'the page became wider than the window');
  const box = await row(url).getByTestId('row-status').boundingBox();
  if (!box || box.x + box.width > 1280) fail(`the status of the long-titled task is off screen (${JSON.stringify(box)})`);

  log('quick add with magic: a preview of what was understood, then the task as understood');
  await p.getByTestId('task-title').fill('Fix login !high #bug @me tomorrow 17:00');
  await expectText(p.getByTestId('preview-priority'), 'High', 'preview of the priority');
  await expectText(p.getByTestId('preview-tag'), '#bug (new tag)', 'preview of the tag');
  await expectText(p.getByTestId('preview-assignee'), userA.name, 'preview of the assignee');
  await expectText(p.getByTestId('preview-due'), '5:00', 'preview of the due time');
  await p.getByTestId('task-create').click();
  await expectText(row('Fix login'), 'high', 'priority of the magic task');
  await expectText(row('Fix login'), '#bug', 'tag of the magic task');
  await expectText(row('Fix login').getByTestId('task-assignees'), 'You', 'assignee of the magic task');
  await expectValue(p.getByTestId('task-title'), '', 'quick add after adding');

  log('finding 4: after adding a Done task with "More", the next task is To do with no priority again');
  await p.getByTestId('quick-more').click();
  await p.getByTestId('task-status').selectOption('done');
  await p.getByTestId('task-priority').selectOption('urgent');
  await quickAdd(p, 'Already shipped');
  await expectValue(row('Already shipped').getByTestId('row-status'), 'done', 'status of the Done task');
  await expectValue(p.getByTestId('task-status'), 'todo', 'status field after adding');
  await expectValue(p.getByTestId('task-priority'), 'none', 'priority field after adding');
  await quickAdd(p, 'Plain task');
  await expectValue(row('Plain task').getByTestId('row-status'), 'todo', 'status of the next task');
  await expectText(row('Plain task'), 'none', 'priority of the next task');

  log('finding 4: field messages; what was typed survives every error');
  await p.getByTestId('task-title').fill('');
  await p.getByTestId('task-create').click();
  await expectText(p.getByTestId('task-form').getByTestId('field-error'), 'Enter a title', 'message for an empty title');
  if ((await p.getByTestId('task-title').getAttribute('aria-invalid')) !== 'true') fail('the empty title is not marked aria-invalid');
  await p.getByTestId('task-title').fill('Review @nobody_here');
  await p.getByTestId('task-create').click();
  await expectText(p.getByTestId('task-form').getByTestId('field-error'), '@nobody_here is not a member', 'message for an unknown assignee');
  await expectValue(p.getByTestId('task-title'), 'Review @nobody_here', 'quick add after an unknown assignee');
  await p.getByTestId('task-title').fill('Bidi \u202e override');
  await p.getByTestId('task-create').click();
  await p.getByTestId('form-error').waitFor({ state: 'visible' });
  const serverMsg = (await p.getByTestId('form-error').innerText()).trim();
  if (!/^[A-Z]/.test(serverMsg) || !/[.!?]$/.test(serverMsg)) fail(`the server's message is not a sentence: "${serverMsg}"`);
  await expectValue(p.getByTestId('task-title'), 'Bidi \u202e override', 'quick add after a refused task');
  note(`server message shown: "${serverMsg}"`);
  await p.getByTestId('task-title').fill('');

  log('finding 5: filters and sort are in the URL; reload and Back follow it');
  await p.getByTestId('filter-priority').selectOption('high');
  await expectUrl(p, /[?&]priority=high/, 'priority filter in the URL');
  await expectCount(p.getByTestId('task-row'), 1, 'rows with priority high');
  await p.getByTestId('sort').selectOption('due');
  await expectUrl(p, /sort=due/, 'sort in the URL');
  await p.reload();
  await expectCount(p.getByTestId('task-row'), 1, 'rows with priority high after a reload');
  await expectValue(p.getByTestId('filter-priority'), 'high', 'priority filter after a reload');
  await expectValue(p.getByTestId('sort'), 'due', 'sort after a reload');
  await p.goBack();
  await p.goBack();
  await expectUrl(p, /\/list$/, 'the URL after Back twice');
  await expectCount(p.getByTestId('task-row'), 4, 'rows after Back');

  log('finding 3: the task dialog is a route; focus goes in, is trapped, and comes back; Escape closes it');
  await checkScreen(p, 'project-list');
  const titleLink = row('Fix login').getByTestId('task-row-title');
  await titleLink.focus();
  await p.keyboard.press('Enter');
  await expectUrl(p, /\/list\/tasks\/[0-9a-f-]{36}$/, 'the task URL');
  const dialog = p.getByTestId('task-editor');
  await dialog.waitFor({ state: 'visible' });
  await expectValue(p.getByTestId('edit-title'), 'Fix login', 'the dialog title field');
  const insideDialog = () => p.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
  if (!(await insideDialog())) fail('the focus did not move into the dialog');
  for (let i = 0; i < 25; i++) {
    await p.keyboard.press('Tab');
    if (!(await insideDialog())) fail(`Tab #${i + 1} left the dialog`);
  }
  await checkScreen(p, 'task-dialog');
  await p.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await expectUrl(p, /\/list$/, 'the URL after Escape');
  const back = await p.evaluate(() => document.activeElement?.textContent?.trim());
  if (back !== 'Fix login') fail(`the focus did not return to the task's link (it is on "${back}")`);

  log('finding 3: unsaved edits are not dropped without asking (Escape, backdrop, Back)');
  await titleLink.click();
  await dialog.waitFor({ state: 'visible' });
  await p.getByTestId('edit-title').fill('Fix login (draft)');
  confirms.answer = false;
  confirms.seen.length = 0;
  await p.keyboard.press('Escape');
  await until(async () => confirms.seen.length === 1, 'no confirm on Escape with unsaved edits');
  await p.mouse.click(5, 890); // the backdrop
  await until(async () => confirms.seen.length === 2, () => `no confirm on a backdrop click with unsaved edits (${JSON.stringify(confirms.seen)})`);
  await p.goBack();
  await until(async () => confirms.seen.length === 3, () => `no confirm on Back with unsaved edits (confirms: ${JSON.stringify(confirms.seen)}, at ${p.url()})`);
  await dialog.waitFor({ state: 'visible' });
  await expectUrl(p, /\/tasks\/[0-9a-f-]{36}$/, 'the URL after a refused Back');
  await expectValue(p.getByTestId('edit-title'), 'Fix login (draft)', 'the edit after a refused close');
  confirms.answer = true;
  await p.goBack();
  await dialog.waitFor({ state: 'hidden' });
  await expectUrl(p, /\/list$/, 'the URL after Back');
  await expectCount(row('Fix login (draft)'), 0, 'rows with the discarded title');
  await p.goForward();
  await dialog.waitFor({ state: 'visible' });
  await p.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  log('keyboard: ? lists the shortcuts; n, /, j, k, x, Escape, 2, Enter and e work on the list');
  await p.locator('h1').click();
  await p.keyboard.press('?');
  await expectText(p.getByTestId('shortcut-help'), 'New task', 'the shortcut overlay');
  await checkScreen(p, 'shortcut-help');
  await p.keyboard.press('Escape');
  await p.getByTestId('shortcut-help').waitFor({ state: 'hidden' });
  await p.keyboard.press('n');
  await until(async () => p.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'task-title'), 'n did not focus quick add');
  await p.locator('h1').click();
  await p.keyboard.press('/');
  await until(async () => p.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'filter-q'), '/ did not focus the filter');
  await p.locator('h1').click();
  const titles = (await p.getByTestId('task-row-title').allInnerTexts()).map((t) => t.trim());
  const focused = () => p.evaluate(() => document.activeElement?.textContent?.trim());
  await p.keyboard.press('j');
  const first = await until(async () => titles.includes(await focused()) && (await focused()), 'j did not go to a task');
  const i = titles.indexOf(first);
  const [there, key, backKey] = i < titles.length - 1 ? [titles[i + 1], 'j', 'k'] : [titles[i - 1], 'k', 'j'];
  await p.keyboard.press(key);
  await until(async () => (await focused()) === there, `${key} did not go to the next task`);
  await p.keyboard.press(backKey);
  await until(async () => (await focused()) === first, `${backKey} did not come back`);
  await p.keyboard.press('x');
  await p.getByTestId('bulk-bar').waitFor({ state: 'visible' });
  await p.keyboard.press('Escape');
  await p.getByTestId('bulk-bar').waitFor({ state: 'hidden' });
  await p.keyboard.press('2');
  await expectValue(row(first).getByTestId('row-status'), 'in_progress', '2 on the current task');
  await p.keyboard.press('1');
  await expectValue(row(first).getByTestId('row-status'), 'todo', '1 on the current task');
  await p.keyboard.press('e');
  await dialog.waitFor({ state: 'visible' });
  await until(async () => p.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'edit-title'), 'e did not open the task with its title in focus');
  await p.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  log('bulk: status for two tasks, then a priority change that partly fails is reported by task');
  await row('Plain task').getByTestId('task-select').check();
  await row('Fix login').getByTestId('task-select').check();
  await p.getByTestId('bulk-status').selectOption('done');
  await expectText(p.getByTestId('toast'), 'Status: 2 tasks done.', 'the bulk status toast');
  await expectValue(row('Plain task').getByTestId('row-status'), 'done', 'Plain task after the bulk change');
  await expectValue(row('Fix login').getByTestId('row-status'), 'done', 'Fix login after the bulk change');
  await row('Plain task').getByTestId('task-select').check();
  await row('Fix login').getByTestId('task-select').check();
  const pid = projectUrl.split('/').pop();
  const list = await api(p, 'GET', `/api/v1/projects/${pid}/tasks?q=Plain`);
  const plain = list.body.items[0];
  await api(p, 'PATCH', `/api/v1/tasks/${plain.id}`, { description: 'changed elsewhere' }, { 'If-Match': `"${plain.version}"` });
  await p.getByTestId('bulk-priority').selectOption('urgent');
  await expectText(p.getByTestId('toast'), '1 of 2 tasks done, 1 failed', 'the partial failure toast');
  await expectText(p.getByTestId('toast'), '“Plain task”: changed elsewhere', 'the failed task named');
  await expectText(row('Fix login'), 'urgent', 'the task that was changed');
  await p.getByTestId('bulk-delete').click();
  await expectCount(row('Plain task'), 0, 'rows of the bulk-deleted task');
  await row('Fix login').getByTestId('task-select').check();
  await p.getByTestId('bulk-assignee').selectOption('-');
  await expectText(p.getByTestId('toast'), 'Unassign: 1 task done.', 'the bulk unassign toast');
  await until(async () => (await row('Fix login').getByTestId('task-assignees').innerText()).trim() === '', 'Fix login still has assignees');

  log('finding 7: one name per control, a visible focus ring (>= 3:1), tabs with aria-selected and arrow keys');
  await expectCount(p.getByRole('link', { name: 'Edit task “Fix login”', exact: true }), 1, 'links named Edit task “Fix login”');
  await expectCount(p.getByRole('button', { name: 'Delete task “Already shipped”', exact: true }), 1, 'buttons named Delete task “Already shipped”');
  const ring = await contrastOfFocusRing(p, '[data-testid="filter-q"]');
  note(`focus ring of a text field (light): ${ring.toFixed(2)}:1`);
  if (ring < 3) fail(`the focus ring of a text field has ${ring.toFixed(2)}:1 contrast`);
  const tasksTab = p.getByTestId('tab-tasks');
  if ((await tasksTab.getAttribute('aria-selected')) !== 'true') fail('the Tasks tab is not aria-selected');
  await tasksTab.focus();
  await p.keyboard.press('ArrowRight');
  await expectUrl(p, /\/members$/, 'ArrowRight on the tabs');
  await until(async () => (await p.getByTestId('tab-members').getAttribute('aria-selected')) === 'true', 'Members is not aria-selected');
  await p.keyboard.press('End');
  await expectUrl(p, /\/settings$/, 'End on the tabs');
  await p.keyboard.press('Home');
  await expectUrl(p, /\/list$/, 'Home on the tabs');

  log('finding 5: the top bar\'s search finds titles in all the user\'s projects; a title opens over the results');
  await p.getByTestId('global-search').fill('Fix login');
  await p.getByTestId('global-search').press('Enter');
  await expectUrl(p, /\/my-tasks\?.*assignee=any/, 'the search URL');
  await expectText(p.getByTestId('task-row'), 'Fix login', 'the search results');
  await expectText(row('Fix login').getByTestId('task-project'), name, 'the project of the result');
  await row('Fix login').getByTestId('task-row-title').click();
  await expectUrl(p, /\/my-tasks\/tasks\/[0-9a-f-]{36}/, 'a result opened');
  await p.getByTestId('task-editor').waitFor({ state: 'visible' });
  await p.keyboard.press('Escape');
  await p.getByTestId('task-editor').waitFor({ state: 'hidden' });
  await expectUrl(p, /\/my-tasks\?/, 'the results after closing the task');
  await p.goto(listUrl);
  await p.getByTestId('task-row').first().waitFor();

  log('finding 4: an invitation by e-mail checks the address before sending');
  await p.getByTestId('tab-members').click();
  await p.getByTestId('invite-by').selectOption('email');
  await p.getByTestId('invite-who').fill('not-an-email');
  await p.getByTestId('invite-submit').click();
  await expectText(p.getByTestId('invite-form').getByTestId('field-error'), 'Enter an e-mail address', 'message for a bad address');
  await expectCount(p.getByTestId('invite-notice'), 0, 'invitations sent to "not-an-email"');
  await checkScreen(p, 'members');
  await p.getByTestId('tab-labels').click();
  await expectText(p.getByTestId('labels-tags'), 'bug', 'the tag made by quick add');
  await checkScreen(p, 'labels');

  log('finding 2: a renewed access token (here, by another tab) reloads nothing and keeps the tab');
  await p.getByTestId('tab-members').click();
  await p.getByTestId('member-row').first().waitFor();
  let projectReads = 0;
  const countReads = (r) => {
    if (new URL(r.url()).pathname === `/api/v1/projects/${pid}`) projectReads += 1;
  };
  p.on('request', countReads);
  await p.evaluate(async () => {
    const s = JSON.parse(localStorage.getItem('taskrocket.session'));
    const res = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) });
    const pair = await res.json();
    localStorage.setItem('taskrocket.session', JSON.stringify({ ...s, ...pair }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'taskrocket.session' }));
  });
  await p.waitForTimeout(1500);
  p.off('request', countReads);
  if (projectReads) fail(`the project was read ${projectReads} more time(s) after the token renewal`);
  await expectUrl(p, /\/members$/, 'the tab after the token renewal');
  await p.getByTestId('invite-form').waitFor({ state: 'visible' });

  log('finding 2: a token renewed in this tab (a refused token, refreshed by the interceptor) reloads nothing either');
  let refreshes = 0;
  const countRefresh = (r) => {
    if (r.url().endsWith('/api/v1/auth/refresh')) refreshes += 1;
  };
  p.on('request', countRefresh);
  p.on('request', countReads);
  await p.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('taskrocket.session'));
    s.accessToken = 'eyJhbGciOiJFZERTQSJ9.eyJleHAiOjk5OTk5OTk5OTl9.aW52YWxpZA';
    localStorage.setItem('taskrocket.session', JSON.stringify(s));
    window.dispatchEvent(new StorageEvent('storage', { key: 'taskrocket.session' }));
  });
  await p.getByTestId('tab-labels').click();
  await p.getByTestId('tab-members').click(); // the invitations are read again: 401, refresh, retry
  await p.getByTestId('invite-form').waitFor({ state: 'visible' });
  await until(async () => refreshes === 1, () => `expected one refresh, saw ${refreshes}`);
  await p.waitForTimeout(1000);
  p.off('request', countRefresh);
  p.off('request', countReads);
  if (projectReads) fail(`the project was read ${projectReads} more time(s) after the token was renewed in this tab`);
  await expectUrl(p, /\/members$/, 'the tab after the renewal in this tab');

  log('the board: drag between columns, keyboard moves, the Move menu; the view is remembered');
  await p.getByTestId('tab-tasks').click();
  await p.getByTestId('view-board').click();
  await expectUrl(p, /\/board$/, 'the board URL');
  const col = (s) => p.getByTestId(`column-${s}`);
  const card = (title) => p.getByTestId('board-card').filter({ hasText: title });
  await expectText(col('todo').getByTestId('board-card'), 'https://example.test/', 'the To do column');
  await checkScreen(p, 'board');
  await quickAdd(p, 'Second card', 'Second card', 'board-card');
  await dragCard(p, card('Second card'), col('in_progress'));
  await expectText(col('in_progress').getByTestId('board-card'), 'Second card', 'the In progress column after a drag');
  await until(async () => (await api(p, 'GET', `/api/v1/projects/${pid}/tasks?q=Second`)).body.items[0].status === 'in_progress', 'the dragged card was not saved as In progress');
  const order = async (s) => col(s).getByTestId('task-row-title').allInnerTexts();
  const todoBefore = await order('todo');
  note(`To do before the keyboard move: ${todoBefore.map((t) => t.slice(0, 20)).join(' | ')}`);
  await quickAdd(p, 'Third card', 'Third card', 'board-card');
  const before = await order('todo');
  const at = before.indexOf('Third card');
  if (at < 1) fail(`the new card is not below another in To do: ${before.join(' | ')}`);
  await card('Third card').getByTestId('task-row-title').focus();
  await p.keyboard.press('Alt+ArrowUp');
  await until(async () => (await order('todo'))[at - 1] === 'Third card', async () => `Alt+ArrowUp did not move the card up: ${(await order('todo')).join(' | ')}`);
  await until(async () => p.evaluate(() => document.activeElement?.textContent?.trim() === 'Third card'), 'the focus did not follow the moved card');
  const savedOrder = async () => (await api(p, 'GET', `/api/v1/projects/${pid}/tasks?status=todo&sort=position`)).body.items.map((t) => t.title);
  await until(async () => (await savedOrder())[at - 1] === 'Third card', async () => `the keyboard move was not saved: ${(await savedOrder()).join(' | ')}`);
  await p.reload();
  await until(async () => (await order('todo'))[at - 1] === 'Third card', async () => `the keyboard move was not saved: ${(await order('todo')).join(' | ')}`);
  await card('Third card').getByTestId('card-move').click();
  await p.getByTestId('move-to-done').click();
  await expectText(col('done').getByTestId('board-card'), 'Third card', 'the Done column after the Move menu');
  await p.goto(projectUrl);
  await expectUrl(p, /\/board$/, 'the project opened again (the view remembered)');

  log('dark mode: following the system, and pinned with the switch');
  await p.emulateMedia({ colorScheme: 'dark' });
  const bg = () => p.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await until(async () => isDark(await bg()), async () => `the page is not dark with a dark system (${await bg()})`);
  await checkScreen(p, 'board-dark');
  await p.emulateMedia({ colorScheme: 'light' });
  await accountMenu(p, 'theme-dark');
  await until(async () => isDark(await bg()), 'the page is not dark after choosing Dark');
  await p.getByTestId('view-list').click();
  await p.getByTestId('task-row').first().waitFor();
  const ringDark = await contrastOfFocusRing(p, '[data-testid="filter-q"]');
  note(`focus ring of a text field (dark): ${ringDark.toFixed(2)}:1`);
  if (ringDark < 3) fail(`the focus ring in dark mode has ${ringDark.toFixed(2)}:1 contrast`);
  await checkScreen(p, 'project-list-dark');
  await p.getByTestId('task-row-title').first().click();
  await p.getByTestId('task-editor').waitFor({ state: 'visible' });
  await checkScreen(p, 'task-dialog-dark');
  await p.keyboard.press('Escape');
  await accountMenu(p, 'theme-system');

  log('finding 2: logging out from a project page sends no request that fails');
  const failed = [];
  p.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  await logOut(p);
  await p.waitForTimeout(1000);
  if (failed.length) fail(`logging out sent failing requests: ${failed.join(', ')}`);
  if (ngWarnings.length) fail(`Angular warned: ${ngWarnings.join(' | ')}`);
  await ctx.close();
  delete pages.D;
  return { projectUrl: listUrl.replace(/\/list$/, '') };
}

function isDark(rgb) {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 60;
}
