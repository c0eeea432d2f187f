// The global search box: results as the user types, a misspelt word still
// finding the task, the matches highlighted, a filter, and the task opened
// from a result. Needs the search service's index to have the task (fed by
// events, so the flow waits for it to appear).
import { BASE_URL, api, checkScreen, createProject, expectText, expectUrl, expectValue, fail, log, newContext, pages, quickAdd, until } from '../lib.mjs';
import { join } from './collab.mjs';

export async function search({ browser, run, password }) {
  const ctx = await newContext(browser);
  const p = (pages.S = await ctx.newPage());
  const user = { username: `sam_${run}`, email: `sam_${run}@example.test`, name: `Sam ${run}` };
  await join(p, user, password);
  const key = ('S' + run.toUpperCase().replace(/[^A-Z0-9]/g, '')).slice(0, 10);
  const projectUrl = await createProject(p, `Observatory ${run}`, key);
  const word = `telescope${run.replace(/[^a-z0-9]/g, '')}`;
  const title = `Calibrate the ${word} mirror`;
  await quickAdd(p, title);
  await quickAdd(p, `Order more coffee ${run}`);
  const pid = new URL(projectUrl).pathname.split('/')[2];
  const found = await api(p, 'GET', `/api/v1/projects/${pid}/tasks?q=${encodeURIComponent('Calibrate')}`);
  const taskId = found.body.items[0].id;

  log('search: "/" focuses the box; a misspelt word finds the task as it is typed');
  // The projects screen: lists of tasks take "/" for their own filter.
  await p.goto(`${BASE_URL}/projects`);
  await p.getByTestId('new-project').waitFor();
  await p.evaluate(() => document.activeElement?.blur());
  await p.keyboard.press('/');
  await until(async () => (await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'global-search', '"/" did not focus the search box');
  const misspelt = 'calibrte ' + word.slice(0, word.length - 3); // a typo, then a word still being typed
  await p.keyboard.type(misspelt, { delay: 30 });
  const result = p.getByTestId('search-result').filter({ hasText: title });
  await until(async () => (await result.count()) > 0, `no result for "${misspelt}"`, 30_000);
  const marked = await result.first().locator('mark').allTextContents();
  if (!marked.some((m) => m.toLowerCase() === 'calibrate')) fail(`the misspelt word is not highlighted: ${JSON.stringify(marked)}`);
  await expectText(p.getByTestId('search-count'), 'result', 'the number of results');
  await checkScreen(p, 'search');

  log('search: a status filter without matches empties the list, "Any" brings the task back');
  await p.getByTestId('search-status').selectOption('done');
  await until(async () => (await p.getByTestId('search-result').count()) === 0, 'a Done filter still lists the To do task');
  await expectText(p.getByTestId('search-count'), 'No results', 'the count under a filter with no match');
  await p.getByTestId('search-status').selectOption('');
  await until(async () => (await result.count()) > 0, 'the task did not come back without the filter');

  log('search: ArrowDown and Enter open the task');
  await p.getByTestId('global-search').focus();
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('Enter');
  await expectUrl(p, new RegExp(`/tasks/${taskId}`), 'the opened result');
  await p.getByTestId('task-editor').waitFor({ state: 'visible' });
  await expectValue(p.getByTestId('edit-title'), title, 'the opened task');
  await p.keyboard.press('Escape');
  await ctx.close();
}
