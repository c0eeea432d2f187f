// The core flows, as before this suite grew: identity, a project with tasks,
// filters, a stale edit, token refresh, invitations, My tasks, ownership
// transfer, profile, password change and log out everywhere.
import {
  BASE_URL, accountMenu, changeBehindTheUI, checkScreen, expectCount, expectCountChip, expectText, expectValue,
  fail, logIn, logOut, log, newContext, note, pages, signUp,
} from '../lib.mjs';

/** User A alone: account, project, tasks, filters, a stale edit, a token refresh. Answers what the team part needs. */
export async function coreSolo({ browser, run, password, userA, projectName, projectKey, task1, task2 }) {
  const ctxA = await newContext(browser);
  const a = (pages.A = await ctxA.newPage());
  a.on('dialog', (d) => d.accept());

  log(`user A (${userA.username}) signs up at ${BASE_URL}/signup`);
  await signUp(a, userA, password);
  await expectText(a.getByTestId('current-user'), userA.name, 'top bar after sign-up');
  await checkScreen(a, 'projects-empty');

  log('user A logs out');
  await logOut(a);
  await checkScreen(a, 'login');

  log('a wrong password shows the error message');
  await a.getByTestId('login-login').fill(userA.username);
  await a.getByTestId('login-password').fill(password + ' nope');
  await a.getByTestId('login-submit').click();
  const err = a.getByTestId('form-error');
  await err.waitFor({ state: 'visible' });
  const errText = (await err.innerText()).trim();
  if (!errText) fail('the login error message is empty');
  if (!/\/login/.test(a.url())) fail('a failed login left the login page');
  note(`error shown: "${errText}"`);

  log('user A logs in with the e-mail address');
  await a.getByTestId('login-login').fill(userA.email);
  await a.getByTestId('login-password').fill(password);
  await a.getByTestId('login-submit').click();
  await a.waitForURL(/\/next-up$/);
  await expectText(a.getByTestId('current-user'), userA.name, 'top bar after login');
  await a.getByTestId('nav-next-up').waitFor({ state: 'visible' });
  await a.locator('.topnav').getByRole('link', { name: 'Projects', exact: true }).click();
  await a.waitForURL(/\/projects$/);

  log(`user A creates project "${projectName}" (${projectKey})`);
  await a.getByTestId('new-project').click();
  await a.getByTestId('project-name').fill(projectName);
  await a.getByTestId('project-key').fill(projectKey);
  await a.getByTestId('project-description').fill('Everything for the first launch.');
  await a.getByTestId('project-create').click();
  await a.waitForURL(/\/projects\/[0-9a-f-]{36}\/list$/);
  await expectText(a.getByTestId('project-title'), projectName, 'project page title');
  const projectUrl = a.url();
  await checkScreen(a, 'project-list-empty');

  log('user A creates two tasks');
  await a.getByTestId('task-title').fill(task1 + ' !high');
  await a.getByTestId('task-create').click();
  await expectText(a.getByTestId('task-row'), task1, 'task list after the first task');
  await a.getByTestId('task-title').fill(task2);
  await a.getByTestId('task-create').click();
  await expectText(a.getByTestId('task-row'), task2, 'task list after the second task');
  await expectCount(a.getByTestId('task-row'), 2, 'task rows');
  await expectCountChip(a, 'todo', 2);
  await expectCountChip(a, 'in_progress', 0);

  log(`user A moves "${task1}" to In progress; the counts follow`);
  const row1 = a.getByTestId('task-row').filter({ hasText: task1 });
  await row1.getByTestId('row-status').selectOption('in_progress');
  await expectCountChip(a, 'in_progress', 1);
  await expectCountChip(a, 'todo', 1);

  log('user A filters: status In progress, then text in the title');
  await a.getByTestId('filter-status').selectOption('in_progress');
  await expectCount(a.getByTestId('task-row'), 1, 'rows with status In progress');
  await expectText(a.getByTestId('task-row'), task1, 'the In progress row');
  await a.getByTestId('filter-status').selectOption('');
  await expectCount(a.getByTestId('task-row'), 2, 'rows without a status filter');
  await a.getByTestId('filter-q').fill('weather');
  await expectCount(a.getByTestId('task-row'), 1, 'rows matching "weather"');
  await expectText(a.getByTestId('task-row'), task2, 'the row matching "weather"');
  await a.getByTestId('filter-q').fill('');
  await expectCount(a.getByTestId('task-row'), 2, 'rows after clearing the search');

  log('reloading the page keeps user A signed in');
  await a.reload();
  await expectText(a.getByTestId('project-title'), projectName, 'project page after reload');
  await expectText(a.getByTestId('current-user'), userA.name, 'top bar after reload');
  if (a.url() !== projectUrl) fail(`reload moved to ${a.url()}`);

  log('user A edits a task that changed elsewhere: told so, then saves on the fresh version');
  await a.getByRole('link', { name: `Edit task “${task2}”` }).click();
  await a.getByTestId('task-editor').waitFor({ state: 'visible' });
  const bumped = await changeBehindTheUI(a, task2, { priority: 'urgent' });
  if (bumped !== 200) fail(`changing the task behind the editor's back answered ${bumped}`);
  const renamed = `${task2} (renamed)`;
  await a.getByTestId('edit-title').fill(renamed);
  await a.getByTestId('edit-save').click();
  await a.getByTestId('editor-notice').waitFor({ state: 'visible' });
  await expectValue(a.getByTestId('edit-priority'), 'urgent', 'the editor did not reload the latest version');
  await a.getByTestId('edit-title').fill(renamed);
  await a.getByTestId('edit-save').click();
  await a.getByTestId('task-editor').waitFor({ state: 'hidden' });
  await expectText(a.getByTestId('task-row'), renamed, 'the renamed task');

  log('a refused access token is refreshed once for many concurrent requests');
  let refreshes = 0;
  a.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/refresh')) refreshes += 1;
  });
  await a.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('taskrocket.session'));
    s.accessToken = 'eyJhbGciOiJFZERTQSJ9.eyJleHAiOjk5OTk5OTk5OTl9.aW52YWxpZA';
    localStorage.setItem('taskrocket.session', JSON.stringify(s));
  });
  await a.reload();
  await expectText(a.getByTestId('project-title'), projectName, 'project page after the token refresh');
  await expectCount(a.getByTestId('task-row'), 2, 'task rows after the token refresh');
  if (refreshes !== 1) fail(`expected exactly 1 refresh call, saw ${refreshes}`);

  return { a, projectUrl };
}

/** User B joins A's project; My tasks; ownership transfer; profile; password; log out everywhere. */
export async function coreTeam({ browser, a, run, password, newPassword, userA, userB, projectName, projectKey, projectUrl, task1, task2 }) {
  const ctxB = await newContext(browser);
  const b = (pages.B = await ctxB.newPage());
  b.on('dialog', (d) => d.accept());
  log(`user B (${userB.username}) signs up in a second browser context`);
  await signUp(b, userB, password);

  log('user A invites user B by username');
  await a.getByTestId('tab-members').click();
  await a.getByTestId('invite-by').selectOption('username');
  await a.getByTestId('invite-who').fill(userB.username);
  await a.getByTestId('invite-submit').click();
  await a.getByTestId('invite-notice').waitFor({ state: 'visible' });
  await expectText(a.getByTestId('pending-invitation'), userB.username, 'pending invitations');

  log('user B sees the invitation on "My invitations" and accepts it');
  await b.locator('.topnav').getByRole('link', { name: 'My invitations' }).click();
  await b.waitForURL(/\/invitations$/);
  const inv = b.getByTestId('invitation').filter({ hasText: projectName });
  await inv.waitFor({ state: 'visible' });
  await inv.getByTestId('invitation-accept').click();
  await b.getByTestId('joined-notice').waitFor({ state: 'visible' });
  await checkScreen(b, 'invitations');

  log('user B finds the project in the list, opens it and sees A\'s tasks');
  await b.locator('.topnav').getByRole('link', { name: 'Projects', exact: true }).click();
  await b.waitForURL(/\/projects$/);
  const card = b.getByTestId('project-card').filter({ hasText: projectName });
  await card.waitFor({ state: 'visible' });
  await checkScreen(b, 'projects');
  await card.click();
  await expectText(b.getByTestId('project-title'), projectName, 'project page for B');
  await expectCount(b.getByTestId('task-row'), 2, 'task rows seen by B');
  await expectText(b.getByTestId('task-row'), task1, 'B sees task 1');
  await expectText(b.getByTestId('task-row'), task2, 'B sees task 2');

  log(`user A assigns "${task1}" to themself in the task editor`);
  await a.getByTestId('tab-tasks').click();
  await a.getByRole('link', { name: `Edit task “${task1}”` }).click();
  await a.getByTestId('task-editor').waitFor({ state: 'visible' });
  await a.locator('label.check').filter({ hasText: `${userA.name} @${userA.username} (you)` }).getByTestId('assignee-option').check();
  await a.getByTestId('edit-save').click();
  await a.getByTestId('task-editor').waitFor({ state: 'hidden' });
  await expectText(a.getByTestId('task-row').filter({ hasText: task1 }).getByTestId('task-assignees'), 'You', 'assignees of task 1');

  log('"My tasks" lists only the task assigned to A, with its project');
  await a.getByTestId('nav-my-tasks').click();
  await a.waitForURL(/\/my-tasks$/);
  await expectText(a.getByTestId('task-row'), task1, 'My tasks');
  await expectCount(a.getByTestId('task-row'), 1, 'rows on My tasks');
  await checkScreen(a, 'my-tasks');
  const myRow = a.getByTestId('task-row').filter({ hasText: task1 });
  await expectText(myRow.getByTestId('task-project'), projectName, 'project name on the My tasks row');
  await expectText(myRow.getByTestId('task-project'), projectKey, 'project key on the My tasks row');
  await expectValue(myRow.getByTestId('row-status'), 'in_progress', 'status on the My tasks row');
  await expectCountChip(a, 'in_progress', 1, 'my-count-');
  await a.getByTestId('filter-status').selectOption('todo');
  await expectText(a.getByTestId('no-tasks'), 'No tasks assigned to you', 'My tasks filtered to To do');
  await a.getByTestId('filter-status').selectOption('');
  await expectCount(a.getByTestId('task-row'), 1, 'rows on My tasks without a status filter');

  log('user A marks it Done on "My tasks"; the project\'s counts follow');
  await a.getByTestId('task-row').filter({ hasText: task1 }).getByTestId('row-status').selectOption('done');
  await expectCountChip(a, 'done', 1, 'my-count-');
  await expectCountChip(a, 'in_progress', 0, 'my-count-');
  await expectValue(a.getByTestId('task-row').filter({ hasText: task1 }).getByTestId('row-status'), 'done', 'status after the change');
  await a.getByTestId('task-row').filter({ hasText: task1 }).getByTestId('task-project').click();
  await a.waitForURL(projectUrl);
  await expectText(a.getByTestId('project-title'), projectName, 'project page from My tasks');
  await expectCountChip(a, 'done', 1);
  await expectCountChip(a, 'in_progress', 0);
  await expectCountChip(a, 'todo', 1);

  log('an inline status change on a task that changed elsewhere is refused and the row keeps its status');
  const stale = a.getByTestId('task-row').filter({ hasText: task2 });
  await expectValue(stale.getByTestId('row-status'), 'todo', 'status of task 2 before the change');
  const bumped2 = await changeBehindTheUI(a, task2, { priority: 'low' });
  if (bumped2 !== 200) fail(`changing the task behind the list's back answered ${bumped2}`);
  await stale.getByTestId('row-status').selectOption('in_progress');
  await expectText(a.getByTestId('notice'), 'changed elsewhere', 'notice after a stale status change');
  await expectText(stale, 'low', 'the reloaded row');
  await expectValue(stale.getByTestId('row-status'), 'todo', 'status shown after the refused change');
  await expectCountChip(a, 'todo', 1);
  await expectCountChip(a, 'in_progress', 0);

  log('"My tasks" of user B is empty: nothing is assigned to B');
  await b.getByTestId('nav-my-tasks').click();
  await b.waitForURL(/\/my-tasks$/);
  await expectText(b.getByTestId('no-tasks'), 'No tasks assigned to you', 'My tasks of B');
  await b.goBack();
  await b.waitForURL(projectUrl);

  log('user A makes user B the owner: A loses the owner controls');
  await a.getByTestId('tab-members').click();
  await a.getByTestId('invite-form').waitFor({ state: 'visible' });
  await a.getByTestId('member-make-owner').waitFor();
  await checkScreen(a, 'members-team');
  await a.getByTestId('member-row').filter({ hasText: userB.username }).getByTestId('member-make-owner').click();
  await expectText(a.getByTestId('member-row').filter({ hasText: userB.username }).getByTestId('member-role'), 'owner', 'B\'s role seen by A');
  await expectText(a.getByTestId('member-row').filter({ hasText: userA.username }).getByTestId('member-role'), 'participant', 'A\'s role seen by A');
  await expectCount(a.getByTestId('invite-form'), 0, 'invite forms shown to A');
  await expectCount(a.getByTestId('member-make-owner'), 0, '"Make owner" buttons shown to A');
  await a.getByTestId('leave-project').waitFor({ state: 'visible' });
  await a.getByTestId('tab-settings').click();
  await a.getByTestId('settings-not-owner').waitFor({ state: 'visible' });
  await expectCount(a.getByTestId('archive-toggle'), 0, 'archive buttons shown to A');

  log('user B reloads the project and has the owner controls');
  await b.reload();
  await expectText(b.getByTestId('project-title'), projectName, 'project page for B after the transfer');
  await b.getByTestId('tab-members').click();
  await b.getByTestId('invite-form').waitFor({ state: 'visible' });
  await expectText(b.getByTestId('member-row').filter({ hasText: userB.username }).getByTestId('member-role'), 'owner', 'B\'s role seen by B');
  await b.getByTestId('tab-settings').click();
  await b.getByTestId('archive-toggle').waitFor({ state: 'visible' });
  await checkScreen(b, 'settings');
  await expectCount(b.getByTestId('settings-not-owner'), 0, '"only the owner" notes shown to B');

  log('user A changes the display name on the profile; the top bar follows');
  const renamedA = `Alice Renamed ${run}`;
  await accountMenu(a, 'menu-profile');
  await a.waitForURL(/\/profile$/);
  await checkScreen(a, 'profile');
  await expectValue(a.getByTestId('profile-display-name'), userA.name, 'display name on the profile');
  await a.getByTestId('profile-display-name').fill(renamedA);
  await a.getByTestId('profile-save').click();
  await a.getByTestId('profile-saved').waitFor({ state: 'visible' });
  await expectText(a.getByTestId('current-user'), renamedA, 'top bar after renaming');

  log('the sessions list shows this session');
  await expectCount(a.getByTestId('session-current'), 1, 'sessions marked "This device"');

  log('user A changes the password with the current one');
  await a.getByTestId('password-current').fill(password);
  await a.getByTestId('password-new').fill(newPassword);
  await a.getByTestId('password-submit').click();
  await a.getByTestId('password-saved').waitFor({ state: 'visible' });

  log('after logging out, the old password is refused and the new one works');
  await logOut(a);
  await logIn(a, userA.username, password);
  await a.getByTestId('form-error').waitFor({ state: 'visible' });
  if (!(await a.getByTestId('form-error').innerText()).trim()) fail('the login error message is empty');
  if (!/\/login/.test(a.url())) fail('a login with the old password left the login page');
  await logIn(a, userA.username, newPassword);
  await a.waitForURL(/\/next-up$/);
  await expectText(a.getByTestId('current-user'), renamedA, 'top bar after logging in with the new password');

  log('user A signs in in a second browser context too');
  const ctxA2 = await newContext(browser);
  const a2 = (pages.A2 = await ctxA2.newPage());
  await a2.goto(`${BASE_URL}/login`);
  await logIn(a2, userA.email, newPassword);
  await a2.waitForURL(/\/next-up$/);
  await expectText(a2.getByTestId('current-user'), renamedA, 'top bar of the second context');

  log('"Log out everywhere" sends A to /login, and the second context on its next action');
  await accountMenu(a, 'menu-profile');
  await a.waitForURL(/\/profile$/);
  await expectCount(a.getByTestId('session-row'), 2, 'sessions listed');
  await expectCount(a.getByTestId('session-current'), 1, 'sessions marked "This device"');
  await a.getByTestId('logout-all').click();
  await a.waitForURL(/\/login/);
  await expectCount(a.getByTestId('current-user'), 0, 'top bar user after logging out everywhere');
  await a2.getByTestId('nav-my-tasks').click();
  await a2.waitForURL(/\/login/);
  await expectCount(a2.getByTestId('current-user'), 0, 'top bar user in the second context');
}
