// The calendar: a weekly recurring task made with the recurrence editor in
// the task dialog (a refused rule shown next to its field first), its
// dates in the month view, an occurrence created by the calendar service's
// schedule and completed (then shown as a done task) while the next dates
// stay on the calendar; a meeting with an attendee made in the week view,
// answered by the attendee; a feed address from the profile that answers
// text/calendar with that meeting; a task with a due date dragged to
// another day and moved back with Alt+arrow.
import { join } from 'node:path';
import { BASE_URL, OUT, api, checkScreen, createProject, expectText, expectUrl, fail, log, newContext, note, pages, until } from '../lib.mjs';
import { join as joinAs } from './collab.mjs';

/** "YYYY-MM-DDTHH:mm:ss" in UTC, `ms` from now. */
function utcWall(ms) {
  return new Date(Date.now() + ms).toISOString().slice(0, 19);
}

export async function calendar({ browser, run, password }) {
  const owner = { username: `vera_${run}`, email: `vera_${run}@example.test`, name: `Vera ${run}` };
  const guest = { username: `walt_${run}`, email: `walt_${run}@example.test`, name: `Walt ${run}` };
  const title = `Water the ferns ${run}`;
  const meetingTitle = `Launch review ${run}`;

  const o = (pages.V = await (await newContext(browser, undefined, { permissions: ['clipboard-read', 'clipboard-write'] })).newPage());
  const g = (pages.W = await (await newContext(browser)).newPage());
  o.on('dialog', (d) => void d.accept());
  await joinAs(o, owner, password);
  await joinAs(g, guest, password);
  const projectUrl = await createProject(o, `Greenhouse ${run}`, ('G' + run.toUpperCase().replace(/[^A-Z0-9]/g, '')).slice(0, 10));
  const pid = projectUrl.match(/projects\/([0-9a-f-]{36})/)[1];
  const guestMe = (await api(g, 'GET', '/api/v1/me')).body;
  const added = await api(o, 'POST', `/api/v1/projects/${pid}/members`, { userId: guestMe.id, role: 'participant' });
  if (added.status !== 201) fail(`adding ${guest.username} to the project: HTTP ${added.status}`);
  const made = await api(o, 'POST', `/api/v1/projects/${pid}/tasks`, { title });
  if (made.status !== 201) fail(`creating "${title}": HTTP ${made.status}`);
  const source = made.body;

  log('calendar: the recurrence editor shows a refused rule next to its field (series_too_long)');
  await o.goto(`${BASE_URL}/tasks/${source.id}`);
  await o.getByTestId('task-editor').waitFor({ state: 'visible' });
  await o.getByTestId('repeat-open').click();
  await o.getByTestId('rep-kind').selectOption('custom');
  await o.getByTestId('rep-freq').selectOption('WEEKLY');
  await o.getByTestId('rep-end-count').check();
  await o.getByTestId('rep-count').fill('5000');
  await o.getByTestId('repeat-timezone').selectOption('UTC');
  await o.getByTestId('repeat-save').click();
  await expectText(o.getByTestId('task-repeat').getByTestId('field-error'), 'at most 3,660', 'the message next to "Times" for COUNT=5000');
  await checkScreen(o, 'task-repeat');

  log('calendar: a weekly preset from 25 seconds from now; the server says what it is');
  await o.getByTestId('rep-kind').selectOption('preset');
  await o.getByTestId('rep-preset').selectOption('weekly');
  await o.getByTestId('rep-end-never').check();
  const startWall = utcWall(25_000);
  await o.getByTestId('repeat-start').fill(startWall);
  await o.getByTestId('repeat-save').click();
  await expectText(o.getByTestId('series-summary'), 'every week', 'the series summary from the server');
  const summary = (await o.getByTestId('series-summary').innerText()).trim();
  note(`the server's summary: "${summary}"`);
  const series = (await api(o, 'GET', `/api/v1/calendar/series?projectId=${pid}`)).body.items.find((s) => s.taskId === source.id);
  if (!series || series.rrule !== 'FREQ=WEEKLY') fail(`the series: ${JSON.stringify(series)}`);
  await o.keyboard.press('Escape');

  log('calendar: the month view shows its dates; next month has at least four of them');
  await o.getByTestId('nav-calendar').click();
  await o.waitForURL(/\/calendar/);
  const entries = o.getByTestId('cal-entry').filter({ hasText: title });
  await until(async () => (await entries.count()) >= 1, 'no date of the recurring task in this month');
  await checkScreen(o, 'calendar-month');
  await o.getByTestId('cal-next').click();
  await until(async () => (await entries.count()) >= 4, async () => `next month shows ${await entries.count()} dates of the weekly task`);
  await o.getByTestId('cal-today').click();

  log('calendar: the schedule creates the first occurrence (a copy of the task); it is completed, the next dates stay');
  const dueAt = new Date(startWall + 'Z').toISOString().replace(/\.000Z$/, 'Z');
  let occurrence;
  await until(async () => {
    const list = await api(o, 'GET', `/api/v1/projects/${pid}/tasks?limit=100`);
    occurrence = list.body.items.find((t) => t.id !== source.id && t.title === title && t.dueAt === dueAt);
    return !!occurrence;
  }, `no occurrence due at ${dueAt} was created`, 90_000);
  await o.goto(`${BASE_URL}/calendar/tasks/${occurrence.id}`);
  await o.getByTestId('task-editor').waitFor({ state: 'visible' });
  await o.getByTestId('edit-status').selectOption('done');
  await o.getByTestId('edit-save').click();
  await o.getByTestId('task-editor').waitFor({ state: 'detached' });
  await until(async () => (await api(o, 'GET', `/api/v1/tasks/${occurrence.id}`)).body.status === 'done', 'the occurrence was not completed');
  const nextWeek = new Date(Date.parse(dueAt) + 7 * 86_400_000).toISOString();
  const next = await api(o, 'GET', `/api/v1/calendar?from=${encodeURIComponent(dueAt)}&to=${encodeURIComponent(new Date(Date.parse(dueAt) + 8 * 86_400_000).toISOString())}`);
  const nextEntry = next.body.entries.find((e) => e.kind === 'task' && e.title === title && Date.parse(e.start) === Date.parse(nextWeek));
  if (!nextEntry) fail(`the next date (${nextWeek}) is not in the calendar: ${JSON.stringify(next.body.entries)}`);
  await o.goto(`${BASE_URL}/calendar?view=week&date=${nextWeek.slice(0, 10)}`);
  await until(async () => (await entries.count()) >= 1, 'next week’s date is not in the week view');
  // The calendar learns of tasks from the tasks service's events: the
  // completed occurrence is there as its task, shown done.
  const real = o.locator(`[data-task-id="${occurrence.id}"]`);
  await until(async () => {
    await o.goto(`${BASE_URL}/calendar?view=week&date=${dueAt.slice(0, 10)}`);
    await entries.first().waitFor({ state: 'visible' });
    return (await real.count()) > 0 && (await real.first().evaluate((el) => el.classList.contains('done')));
  }, 'the completed occurrence is not on the calendar as a task shown done');

  log('calendar: a meeting with an attendee, made in the week view');
  await o.getByTestId('new-meeting').click();
  await o.getByTestId('meeting-editor').waitFor({ state: 'visible' });
  await expectUrl(o, /\/calendar\/meetings\/new\?.*day=\d{4}-\d{2}-\d{2}/, 'the new meeting dialog');
  await o.getByTestId('meeting-title').fill(meetingTitle);
  await o.getByTestId('meeting-project').selectOption(pid);
  await o.getByTestId('meeting-attendee').first().check();
  await o.getByTestId('meeting-location').fill('Greenhouse 2');
  await checkScreen(o, 'meeting-editor');
  await o.getByTestId('meeting-save').click();
  await o.getByTestId('meeting-editor').waitFor({ state: 'detached' });
  await expectUrl(o, /\/calendar\?view=week/, 'the calendar after saving the meeting');
  const meetingEntry = o.getByTestId('cal-entry').filter({ hasText: meetingTitle });
  await until(async () => (await meetingEntry.count()) === 1, 'the meeting is not in the week view');
  await checkScreen(o, 'calendar-week');

  log('calendar: the attendee sees the meeting and accepts it');
  await g.goto(`${BASE_URL}/calendar?view=week`);
  const guestEntry = g.getByTestId('cal-entry').filter({ hasText: meetingTitle });
  await guestEntry.first().click();
  await g.getByTestId('meeting-respond').waitFor({ state: 'visible' });
  await expectText(g.getByTestId('meeting-my-response'), 'Not answered', 'the attendee’s answer before');
  await g.getByTestId('respond-accepted').click();
  await expectText(g.getByTestId('meeting-my-response'), 'Accepted', 'the attendee’s answer after');
  await expectUrl(g, /\/calendar\/meetings\/[0-9a-f-]{36}/, 'the opened meeting');
  await g.goBack();
  await g.getByTestId('meeting-editor').waitFor({ state: 'detached' });
  await expectUrl(g, /\/calendar\?view=week$/, 'the calendar after Back');

  log('calendar: a feed address from the profile answers text/calendar with the meeting');
  await o.goto(`${BASE_URL}/profile`);
  await o.getByTestId('feed-name').fill('Phone');
  await o.getByTestId('feed-create').click();
  const url = await o.getByTestId('feed-url').inputValue();
  if (!/\/api\/v1\/calendar\/feed\/trcal_[A-Za-z0-9_-]+\.ics$/.test(url)) fail(`the feed address: "${url}"`);
  await o.getByTestId('feed-copy').click();
  await expectText(o.getByTestId('feed-copy'), 'Copied', 'the copy button');
  await o.getByTestId('feed-tokens').screenshot({ path: join(OUT, 'profile-feed-section.png') });
  // At the top: scrolled down, the sticky top bar covers the notification settings' checkboxes, which axe counts against their target size.
  await o.evaluate(() => window.scrollTo(0, 0));
  await checkScreen(o, 'profile-feed');
  const res = await o.context().request.get(url);
  const type = res.headers()['content-type'] || '';
  const body = await res.text();
  if (res.status() !== 200 || !type.startsWith('text/calendar')) fail(`the feed: HTTP ${res.status()} ${type}`);
  if (!body.includes('BEGIN:VCALENDAR') || !body.includes(meetingTitle)) fail('the feed does not hold the meeting');

  log('calendar: regenerating replaces the address; the old one answers 404');
  await o.getByTestId('feed-regenerate').first().click();
  await until(async () => (await o.getByTestId('feed-url').inputValue()) !== url, 'the address did not change');
  const old = await o.context().request.get(url);
  if (old.status() !== 404) fail(`the replaced address answers HTTP ${old.status()}`);

  log('calendar: a task with a due date moves to another day by dragging, and back with Alt+arrow');
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setUTCHours(15, 30, 0, 0);
  const dated = (await api(o, 'POST', `/api/v1/projects/${pid}/tasks`, { title: `Repot the cactus ${run}`, dueAt: tomorrow.toISOString(), timezone: 'UTC' })).body;
  const calendarUrl = `${BASE_URL}/projects/${pid}/calendar?view=week&date=${tomorrow.toISOString().slice(0, 10)}`;
  await o.goto(calendarUrl);
  await o.getByTestId('calendar').waitFor({ state: 'visible' });
  const card = o.locator(`[data-task-id="${dated.id}"]`);
  // The task reaches the calendar through the tasks service's events.
  await until(async () => {
    await o.goto(calendarUrl);
    await o.getByTestId('calendar').waitFor({ state: 'visible' });
    return (await card.count()) > 0;
  }, 'the task with a due date is not on the calendar');
  const from = await card.boundingBox();
  // The next day, or the day before when tomorrow is a Sunday (the week shown ends there).
  const shift = tomorrow.getUTCDay() === 0 ? -1 : 1;
  const targetDay = new Date(tomorrow.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
  const to = await o.locator(`[data-day="${targetDay}"]`).boundingBox();
  await o.mouse.move(from.x + 10, from.y + from.height / 2);
  await o.mouse.down();
  await o.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
  await o.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 20 });
  await o.waitForTimeout(200);
  await o.mouse.up();
  const want = new Date(tomorrow.getTime() + shift * 86_400_000).toISOString().replace(/\.000Z$/, 'Z');
  const dueOf = async () => (await api(o, 'GET', `/api/v1/tasks/${dated.id}`)).body.dueAt;
  await until(async () => (await dueOf()) === want, async () => `the dragged task is due ${await dueOf()}, want ${want} (a day over, still 15:30)`);
  const moved = o.locator(`[data-day="${targetDay}"] [data-task-id="${dated.id}"]`);
  // The calendar's own view of the task follows the tasks service's event:
  // until it has, a reload may still show the task on its old day.
  await until(async () => {
    if ((await moved.count()) > 0) return true;
    await o.goto(calendarUrl);
    await o.getByTestId('calendar').waitFor({ state: 'visible' });
    return (await moved.count()) > 0;
  }, 'the dragged task is not shown on its new day');
  note(`dragged: due ${want}`);
  await moved.focus();
  await o.keyboard.press(shift === 1 ? 'Alt+ArrowLeft' : 'Alt+ArrowRight');
  const back = tomorrow.toISOString().replace(/\.000Z$/, 'Z');
  await until(async () => (await dueOf()) === back, async () => `after Alt+arrow the task is due ${await dueOf()}, want ${back}`);
  note(`Alt+arrow: due ${back} again`);
  await o.context().close();
  await g.context().close();
}
