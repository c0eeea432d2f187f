import { Subject, of, throwError } from 'rxjs';
import { HttpErrorResponse } from '@angular/common/http';
import { Task, TaskList } from './models';
import { TaskListState } from './task-list';

function task(id: string): Task {
  return { id, title: 'Task ' + id } as Task;
}

function page(ids: string[], nextCursor?: string): TaskList {
  return { items: ids.map(task), nextCursor, counts: { todo: ids.length, in_progress: 0, done: 0 } };
}

describe('TaskListState', () => {
  it('shows the first page with its counts and cursor', () => {
    const s = new TaskListState(() => of(page(['a', 'b'], 'c1')));
    s.reload();
    expect(s.tasks().map((t) => t.id)).toEqual(['a', 'b']);
    expect(s.total()).toBe(2);
    expect(s.nextCursor()).toBe('c1');
    expect(s.loading()).toBe(false);
  });

  it('never lets a slow answer to an old filter replace a newer one', () => {
    const answers: Subject<TaskList>[] = [];
    const s = new TaskListState(() => {
      const a = new Subject<TaskList>();
      answers.push(a);
      return a;
    });
    s.reload(); // old filter
    s.reload(); // new filter
    answers[1].next(page(['new']));
    answers[0].next(page(['old']));
    expect(s.tasks().map((t) => t.id)).toEqual(['new']);
  });

  it('appends the next page without repeating rows', () => {
    let call = 0;
    const s = new TaskListState((cursor) => of(cursor ? page(['b', 'c']) : page(['a', 'b'], 'c1')).pipe((o) => (call++, o)));
    s.reload();
    s.loadMore();
    expect(s.tasks().map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(s.nextCursor()).toBeUndefined();
    expect(call).toBe(2);
  });

  it('keeps the rows and says why when a read fails', () => {
    let fail = false;
    const s = new TaskListState(() =>
      fail ? throwError(() => new HttpErrorResponse({ status: 503, error: { error: { code: 'projects_unavailable', message: 'x' } } })) : of(page(['a'])),
    );
    s.reload();
    fail = true;
    s.reload();
    expect(s.tasks().map((t) => t.id)).toEqual(['a']);
    expect(s.error()?.code).toBe('projects_unavailable');
    expect(s.error()?.message).toBe('The service is busy. Try again in a moment.');
    expect(s.loading()).toBe(false);
  });

  it('replaces a saved task in place and drops deleted ones', () => {
    const s = new TaskListState(() => of(page(['a', 'b'])));
    s.reload();
    s.replace({ ...task('b'), title: 'Renamed' });
    s.remove(new Set(['a']));
    expect(s.tasks().map((t) => t.title)).toEqual(['Renamed']);
  });

  it('waits for typing to pause before reloading', async () => {
    let reads = 0;
    const s = new TaskListState(() => (reads++, of(page([]))));
    s.queueReload(20);
    s.queueReload(20);
    s.queueReload(20);
    await new Promise((r) => setTimeout(r, 60));
    expect(reads).toBe(1);
    s.dispose();
  });
});
