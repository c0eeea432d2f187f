// Comments, mentions, the live bell, the inbox, hostile Markdown, e-mail
// preferences, activity and history: two people in two browser contexts.
import {
  BASE_URL, api, checkScreen, createProject, expectCount, expectText, expectUrl, fail, logIn, log, newContext, note, pages, quickAdd, until,
} from '../lib.mjs';

const MAILPIT_URL = (process.env.MAILPIT_URL || '').replace(/\/$/, '');

/** Messages Mailpit holds for an address whose subject contains `subject`. */
async function mails(address, subject) {
  const res = await fetch(`${MAILPIT_URL}/api/v1/search?query=${encodeURIComponent('to:' + address)}`);
  if (!res.ok) fail(`mailpit search: HTTP ${res.status}`);
  const body = await res.json();
  return (body.messages || []).filter((m) => (m.Subject || '').includes(subject));
}

/**
 * Signs up; when the account is made but the automatic sign-in is not (a
 * busy machine: the page says so and goes to /login), signs in. Sign-up
 * itself is the core flows' subject, not this one's.
 */
export async function join(page, u, password) {
  await page.goto(`${BASE_URL}/signup`);
  await page.getByTestId('signup-email').fill(u.email);
  await page.getByTestId('signup-username').fill(u.username);
  await page.getByTestId('signup-display-name').fill(u.name);
  await page.getByTestId('signup-password').fill(password);
  await page.getByTestId('signup-submit').click();
  await page.waitForURL(/\/(projects|login)/, { timeout: 30_000 });
  if (/\/login/.test(page.url())) {
    note(`${u.username}: signed up, then signed in by hand`);
    await logIn(page, u.username, password);
    await page.waitForURL(/\/next-up$/);
  }
}

async function bellCount(page) {
  return page.evaluate(() => Number(document.querySelector('[data-testid="bell-count"]')?.textContent?.trim() || 0));
}

export async function collab({ browser, run, password }) {
  const userC = { username: `cleo_${run}`, email: `cleo_${run}@example.test`, name: `Cleo ${run}` };
  const userD = { username: `dev_${run}`, email: `dev_${run}@example.test`, name: `Dev ${run}` };
  const taskTitle = `Review the checklist ${run}`;

  const c = (pages.C = await (await newContext(browser)).newPage());
  const d = (pages.D = await (await newContext(browser)).newPage());
  // Any alert, confirm or prompt a hostile comment could open is recorded; confirms of this flow are accepted.
  const dialogs = [];
  for (const p of [c, d]) {
    p.on('dialog', (dlg) => {
      if (dlg.type() !== 'confirm') dialogs.push(`${dlg.type()}: ${dlg.message()}`);
      void dlg.accept();
    });
  }

  log(`users C (${userC.username}) and D (${userD.username}) sign up; C creates a project and a task and D joins it`);
  await join(c, userC, password);
  await join(d, userD, password);
  const projectUrl = await createProject(c, `Comments ${run}`, ('C' + run.toUpperCase().replace(/[^A-Z0-9]/g, '')).slice(0, 10));
  const projectId = projectUrl.split('/').pop();
  await quickAdd(c, taskTitle);
  const inv = await api(c, 'POST', `/api/v1/projects/${projectId}/invitations`, { username: userD.username, role: 'participant' });
  if (inv.status !== 201) fail(`invitation: HTTP ${inv.status} ${JSON.stringify(inv.body)}`);
  const acc = await api(d, 'POST', `/api/v1/invitations/${inv.body.invitation.id}/accept`);
  if (acc.status !== 200) fail(`accepting the invitation: HTTP ${acc.status} ${JSON.stringify(acc.body)}`);
  await d.goto(`${BASE_URL}/projects`);
  await d.getByTestId('bell').waitFor({ state: 'visible' });
  const before = await bellCount(d);
  note(`D's bell before: ${before}`);

  log('C opens the task: comments, composer; "@" suggests members, arrows and Enter insert the mention');
  await c.getByTestId('task-row-title').filter({ hasText: taskTitle }).click();
  await c.getByTestId('comment-input').waitFor({ state: 'visible' });
  await c.getByTestId('comments-empty').waitFor({ state: 'visible' });
  const input = c.getByTestId('comment-input');
  await input.fill('Could you check the valves, @');
  await input.press('End');
  await input.pressSequentially(userD.username.slice(0, 3));
  await c.getByTestId('mention-list').waitFor({ state: 'visible' });
  const active = await input.getAttribute('aria-activedescendant');
  if (!active) fail('the field does not point at the highlighted suggestion (aria-activedescendant)');
  await checkScreen(c, 'comment-mention');
  await expectText(c.getByTestId('mention-option'), userD.username, 'the suggestions');
  // Escape closes the list and leaves the dialog open.
  await input.press('Escape');
  await expectCount(c.getByTestId('mention-list'), 0, 'suggestion lists after Escape');
  await c.getByTestId('task-editor').waitFor({ state: 'visible' });
  await input.pressSequentially(userD.username.slice(3, 4));
  await c.getByTestId('mention-list').waitFor({ state: 'visible' });
  const options = await c.getByTestId('mention-option').allInnerTexts();
  const idx = options.findIndex((t) => t.includes('@' + userD.username));
  if (idx < 0) fail(`D is not among the suggestions: ${options.join(' | ')}`);
  for (let i = 0; i < idx; i++) await input.press('ArrowDown');
  await input.press('Enter');
  const text = await input.inputValue();
  if (!text.endsWith(`@${userD.username} `)) fail(`after Enter the comment reads "${text}"`);
  await input.pressSequentially('please?');

  log('C previews the comment, then posts it');
  await c.getByTestId('comment-preview-toggle').click();
  await expectText(c.getByTestId('comment-preview'), `@${userD.username}`, 'the preview');
  await c.getByTestId('comment-preview-toggle').click();
  await c.getByTestId('comment-post').click();
  await expectText(c.getByTestId('comment-body'), 'check the valves', 'the posted comment');
  await c.getByTestId('comment-body').locator('.mention').first().waitFor({ state: 'visible' });
  await checkScreen(c, 'task-comments');

  log("D's bell counts the mention live, without a reload; the inbox opens the comment");
  await until(async () => (await bellCount(d)) > before, async () => `D's bell still reads ${await bellCount(d)}`, 30_000);
  const label = await d.getByTestId('bell').getAttribute('aria-label');
  if (!/unread/.test(label || '')) fail(`the bell's name does not say what is unread: "${label}"`);
  await checkScreen(d, 'bell-unread');
  await d.getByTestId('bell').click();
  const item = d.getByTestId('inbox-item').filter({ hasText: 'mentioned you' });
  await item.first().waitFor({ state: 'visible' });
  await checkScreen(d, 'inbox');
  await item.first().click();
  await expectUrl(d, /\/tasks\/[0-9a-f-]{36}/, 'the address after opening the notification');
  await expectText(d.locator('.comment.target'), 'check the valves', 'the comment the notification led to');
  await until(async () => (await bellCount(d)) === before, async () => `D's bell reads ${await bellCount(d)} after opening the notification`);

  log('the mention was e-mailed to D (e-mail on for mentions by default)');
  if (MAILPIT_URL) {
    await until(async () => (await mails(userD.email, 'mentioned you')).length === 1, 'no mention e-mail for D in Mailpit', 30_000);
  } else note('MAILPIT_URL not set: the e-mail checks are skipped');

  log('D reacts with 👍 and follows/unfollows the task');
  await d.getByTestId('reaction-add').first().click();
  await d.getByTestId('reaction-option').first().click();
  const reaction = d.getByTestId('reaction').first();
  await expectText(reaction, '1', 'the reaction count');
  if ((await reaction.getAttribute('aria-pressed')) !== 'true') fail('the reaction is not shown as D\'s');
  await reaction.click();
  await expectCount(d.getByTestId('reaction'), 0, 'reactions after D takes it back');
  const follow = d.getByTestId('follow-toggle');
  await follow.waitFor({ state: 'visible' });
  const was = (await follow.innerText()).trim();
  const flipped = was === 'Follow' ? 'Unfollow' : 'Follow';
  await follow.click();
  await until(async () => (await follow.innerText()).trim() === flipped, `the follow button after "${was}"`);
  await follow.click();
  await until(async () => (await follow.innerText()).trim() === was, `the follow button after "${flipped}"`);

  log('a hostile comment is shown as text: no script runs, no alert, no javascript: link');
  const hostile = 'Try <img src=x onerror="window.__pwned=1;alert(1)"> and <script>window.__pwned=2</script> and [this](javascript:window.__pwned=3) end';
  await d.getByTestId('comment-input').fill(hostile);
  await d.getByTestId('comment-preview-toggle').click();
  await expectText(d.getByTestId('comment-preview'), 'end', 'the preview of the hostile comment');
  await d.getByTestId('comment-preview-toggle').click();
  await d.getByTestId('comment-post').click();
  await expectCount(d.getByTestId('comment'), 2, 'comments after the hostile one');
  await c.reload();
  await expectCount(c.getByTestId('comment'), 2, 'comments C sees after reloading');
  for (const [name, p] of [['C', c], ['D', d]]) {
    const found = await p.evaluate(() => ({
      flag: window.__pwned ?? null,
      img: document.querySelectorAll('.comment-body img[onerror], .comment-body img[src="x"]').length,
      script: document.querySelectorAll('.comment-body script').length,
      js: [...document.querySelectorAll('.comment-body a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') || '')).length,
    }));
    if (found.flag !== null || found.img || found.script || found.js) fail(`${name}: the hostile comment got through: ${JSON.stringify(found)}`);
  }
  const link = d.getByTestId('comment-body').last().getByText('this');
  if (await link.count()) await link.first().click().catch(() => undefined);
  await d.waitForTimeout(300);
  if ((await d.evaluate(() => window.__pwned ?? null)) !== null || dialogs.length) fail(`something ran: ${dialogs.join(' | ')}`);

  log('D turns e-mail off for mentions in the profile; the next mention arrives in the app but not by e-mail');
  await d.goto(`${BASE_URL}/profile`);
  const pref = d.getByTestId('pref-mention-email');
  await pref.waitFor({ state: 'visible' });
  if (!(await pref.isChecked())) fail('e-mail for mentions is off by default');
  await pref.uncheck();
  await until(async () => {
    const r = await api(d, 'GET', '/api/v1/notifications/preferences');
    return r.body?.kinds?.mention?.email === false;
  }, 'the preference was not saved');
  await checkScreen(d, 'profile-notifications');
  const beforeSecond = await bellCount(d);
  await c.getByTestId('comment-input').fill(`One more thing, @${userD.username}: the seals.`);
  await c.getByTestId('comment-post').click();
  await expectCount(c.getByTestId('comment'), 3, 'comments after the second mention');
  log('C shows the newest comments first, then the oldest first again');
  await c.getByTestId('comments-order').click();
  await until(async () => /the seals/.test((await c.getByTestId('comment-body').first().textContent()) ?? ''), 'the newest comment is not first after "Newest first"');
  await expectCount(c.getByTestId('comment'), 3, 'comments newest first');
  await c.getByTestId('comments-order').click();
  await until(async () => /check the valves/.test((await c.getByTestId('comment-body').first().textContent()) ?? ''), 'the oldest comment is not first again');
  await until(async () => (await bellCount(d)) > beforeSecond, async () => `D's bell still reads ${await bellCount(d)} after the second mention`, 30_000);
  if (MAILPIT_URL) {
    await d.waitForTimeout(3000); // an e-mail would be sent with the in-app notification
    const m = await mails(userD.email, 'mentioned you');
    if (m.length !== 1) fail(`D has ${m.length} mention e-mails, want still 1 after turning them off`);
  }

  log('the notifications page, the comment counts in the list, the task history and the project activity');
  await d.getByTestId('bell').click();
  await d.getByTestId('inbox-all').click();
  await d.waitForURL(/\/notifications$/);
  await expectText(d.getByTestId('notification-row'), 'mentioned you', 'the notifications page');
  await checkScreen(d, 'notifications');
  await d.getByTestId('page-read-all').click();
  await until(async () => (await bellCount(d)) === 0, 'the bell after "Mark all read"');

  await c.goto(`${projectUrl}/list`);
  await expectText(c.getByTestId('task-row').filter({ hasText: taskTitle }).getByTestId('comment-count'), '3', 'the comment count on the row');
  await c.getByTestId('view-board').click();
  await expectText(c.getByTestId('board-card').filter({ hasText: taskTitle }).getByTestId('comment-count'), '3', 'the comment count on the board card');
  await c.getByTestId('view-list').click();
  await c.getByTestId('task-row-title').filter({ hasText: taskTitle }).click();
  await c.getByTestId('history').locator('summary').click();
  await expectText(c.getByTestId('activity-item'), `commented on “${taskTitle}”`, 'the task history');
  await checkScreen(c, 'task-history');
  await c.keyboard.press('Escape');
  await c.getByTestId('tab-activity').click();
  await expectText(c.getByTestId('activity-item'), 'created', 'the project activity');
  await checkScreen(c, 'project-activity');

  await c.context().close();
  await d.context().close();
}
