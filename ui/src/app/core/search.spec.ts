import { NO_SEARCH_FILTERS, SearchHit, hitLink, searchParams, snippetHtml, titleHtml } from './search';

const hit = (over: Partial<SearchHit> = {}): SearchHit => ({
  kind: 'task', id: 't1', projectId: 'p1', projectKey: 'WEB', projectName: 'Website', title: 'Ship it', highlights: {}, ...over,
});

describe('the search box', () => {
  it('asks nothing for blank text without filters', () => {
    expect(searchParams('   ', NO_SEARCH_FILTERS)).toBeNull();
    expect(searchParams('', { status: 'done', mine: false })?.get('status')).toBe('done');
  });

  it('sends the text as typed, the filters and a limit; never more than the service accepts', () => {
    const p = searchParams('land ', { status: 'todo', mine: true })!;
    expect(p.get('q')).toBe('land ');
    expect(p.get('status')).toBe('todo');
    expect(p.get('assignee')).toBe('me');
    expect(p.get('limit')).toBe('8');
    expect(searchParams('x'.repeat(10_000), NO_SEARCH_FILTERS)!.get('q')!.length).toBe(256);
  });

  it('opens a task over its project and a project itself', () => {
    expect(hitLink(hit())).toBe('/tasks/t1');
    expect(hitLink(hit({ kind: 'project', id: 'p1' }))).toBe('/projects/p1');
  });

  it('shows the highlighted title and the first snippet from outside the title', () => {
    const h = hit({ highlights: { title: ['Ship <mark>it</mark>'], comments: ['c'], description: ['<mark>d</mark>'] } });
    expect(titleHtml(h)).toBe('Ship <mark>it</mark>');
    expect(snippetHtml(h)).toBe('<mark>d</mark>');
    expect(titleHtml(hit())).toBeNull();
    expect(snippetHtml(hit())).toBeNull();
  });
});
