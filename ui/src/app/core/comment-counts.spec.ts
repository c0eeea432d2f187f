import { Observable, Subject, of, throwError } from 'rxjs';
import { CollabApi } from './collab';
import { CommentCounts } from './comment-counts';

function fakeApi(answer: (projectId: string, ids: string[]) => Observable<Record<string, number>>) {
  const calls: { projectId: string; ids: string[] }[] = [];
  const api = {
    commentCounts: (projectId: string, ids: string[]) => {
      calls.push({ projectId, ids });
      return answer(projectId, ids);
    },
  } as unknown as CollabApi;
  return { api, calls };
}

describe('CommentCounts', () => {
  it('asks once per project and merges the answers', () => {
    const { api, calls } = fakeApi((_p, ids) => of(Object.fromEntries(ids.map((id) => [id, id.length]))));
    const c = new CommentCounts(api);
    c.load([{ id: 'a', projectId: 'p1' }, { id: 'bb', projectId: 'p2' }, { id: 'ccc', projectId: 'p1' }]);
    expect(calls).toEqual([{ projectId: 'p1', ids: ['a', 'ccc'] }, { projectId: 'p2', ids: ['bb'] }]);
    expect(c.counts()).toEqual({ a: 1, ccc: 3, bb: 2 });
  });

  it('splits a project of more than 200 tasks into calls of 200', () => {
    const { api, calls } = fakeApi(() => of({}));
    new CommentCounts(api).load(Array.from({ length: 450 }, (_, i) => ({ id: `t${i}`, projectId: 'p' })));
    expect(calls.map((x) => x.ids.length)).toEqual([200, 200, 50]);
  });

  it('drops the answer of an older load and shrugs off a failure', () => {
    const slow = new Subject<Record<string, number>>();
    let first = true;
    const { api } = fakeApi(() => {
      if (first) {
        first = false;
        return slow;
      }
      return throwError(() => new Error('down'));
    });
    const c = new CommentCounts(api);
    c.load([{ id: 'a', projectId: 'p' }]);
    c.load([{ id: 'a', projectId: 'p' }]);
    slow.next({ a: 9 });
    expect(c.counts()).toEqual({});
  });
});
