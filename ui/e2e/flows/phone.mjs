// The phone layout: 390 px (and 360 px) wide, as a new user's phone.
import { BASE_URL, checkScreen, expectUrl, fail, logIn, log, newContext, note, pages, PHONE, until } from '../lib.mjs';

export async function phone({ browser, password, userA, projectUrl }) {
  const ctx = await newContext(browser, PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const p = (pages.P = await ctx.newPage());
  p.on('dialog', (d) => d.accept());
  await p.goto(`${BASE_URL}/login`);
  await checkScreen(p, 'phone-login');
  const signUpLink = await p.locator('.topbar').getByRole('link', { name: 'Sign up' }).boundingBox();
  if (!signUpLink || signUpLink.x + signUpLink.width > PHONE.width) fail('the Sign up link of the top bar is not on screen when signed out');
  await logIn(p, userA.username, password);
  await p.waitForURL(/\/next-up$/);

  log('finding 6: at 390 px the top bar is one row, the first task is above the fold, no sideways scrolling');
  await p.goto(projectUrl + '/list');
  await p.getByTestId('task-row').first().waitFor();
  const bar = await p.locator('.topbar').boundingBox();
  if (bar.height > 60) fail(`the top bar is ${bar.height}px high`);
  const first = await p.getByTestId('task-row').first().boundingBox();
  note(`top bar ${bar.height}px; first task at ${Math.round(first.y)}–${Math.round(first.y + first.height)}px of ${PHONE.height}px`);
  if (first.y + first.height > PHONE.height) fail(`the first task ends at ${first.y + first.height}px, below the fold (${PHONE.height}px)`);
  const wide = await p.evaluate(() => document.documentElement.scrollWidth);
  if (wide > PHONE.width) fail(`the page is ${wide}px wide at ${PHONE.width}px`);
  if (await p.locator('.task-head').isVisible()) fail('the table header shows on a phone (cards expected)');
  await checkScreen(p, 'phone-project-list');

  log('finding 6: every tab is on screen and opens');
  for (const tab of ['tab-members', 'tab-labels', 'tab-activity', 'tab-settings', 'tab-tasks']) {
    const b = await p.getByTestId(tab).boundingBox();
    if (!b || b.x < 0 || b.x + b.width > PHONE.width) fail(`${tab} is off screen (${JSON.stringify(b)})`);
    await p.getByTestId(tab).click();
    await until(async () => (await p.getByTestId(tab).getAttribute('aria-selected')) === 'true', `${tab} did not open`);
  }

  log('the menu holds the navigation; My tasks shows status, priority and due without scrolling sideways');
  await p.getByTestId('nav-menu').click();
  await p.getByRole('menuitem', { name: 'My tasks' }).click();
  await expectUrl(p, /\/my-tasks/, 'My tasks from the menu');
  await p.goto(`${BASE_URL}/my-tasks?assignee=any`);
  const row = p.getByTestId('task-row').first();
  await row.waitFor();
  const rb = await row.boundingBox();
  if (rb.x + rb.width > PHONE.width) fail(`a My tasks card is ${rb.x + rb.width}px wide`);
  const status = await row.getByTestId('row-status').boundingBox();
  if (status.x + status.width > PHONE.width) fail('the status of a My tasks card is off screen');
  await checkScreen(p, 'phone-my-tasks');

  log('the task dialog and the board on a phone');
  await row.getByTestId('task-row-title').click();
  await p.getByTestId('task-editor').waitFor({ state: 'visible' });
  await checkScreen(p, 'phone-task-dialog');
  await p.getByTestId('editor-close').click();
  await p.goto(projectUrl + '/board');
  await p.getByTestId('board-card').first().waitFor();
  await checkScreen(p, 'phone-board');

  log('at 360 px: still one row of top bar and no sideways scrolling');
  await p.setViewportSize({ width: 360, height: 740 });
  await p.goto(projectUrl + '/list');
  await p.getByTestId('task-row').first().waitFor();
  const bar360 = await p.locator('.topbar').boundingBox();
  const wide360 = await p.evaluate(() => document.documentElement.scrollWidth);
  if (bar360.height > 60 || wide360 > 360) fail(`at 360px: top bar ${bar360.height}px high, page ${wide360}px wide`);
  await checkScreen(p, 'phone-360-project-list');
  await ctx.close();
  delete pages.P;
}
