import { signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { Task } from '../core/models';
import { TaskCursor } from './task-cursor';

const task = (id: string) => ({ id, title: id }) as Task;

function cursor(ids: string[]) {
  const tasks = signal(ids.map(task));
  const navigated: unknown[][] = [];
  const router = { navigate: (...a: unknown[]) => (navigated.push(a), Promise.resolve(true)) } as unknown as Router;
  return { c: new TaskCursor(() => tasks(), router, {} as ActivatedRoute), tasks, navigated };
}

describe('TaskCursor (current task and selection of a list or board)', () => {
  it('j/k walk the tasks in order and stop at the ends', () => {
    const { c } = cursor(['a', 'b', 'c']);
    c.move(1);
    expect(c.currentId()).toBe('a');
    c.move(1);
    c.move(1);
    c.move(1);
    expect(c.currentId()).toBe('c');
    c.move(-1);
    expect(c.currentId()).toBe('b');
  });

  it('k with no current task starts from the last', () => {
    const { c } = cursor(['a', 'b']);
    c.move(-1);
    expect(c.currentId()).toBe('b');
  });

  it('x selects the current task; select all and clear', () => {
    const { c } = cursor(['a', 'b']);
    c.move(1);
    c.toggleCurrent();
    expect(c.selectedTasks().map((t) => t.id)).toEqual(['a']);
    c.toggleAll();
    expect(c.allSelected()).toBe(true);
    c.toggleAll();
    expect(c.selected().size).toBe(0);
  });

  it('keeps only the failed tasks selected after a bulk action', () => {
    const { c } = cursor(['a', 'b']);
    c.toggleAll();
    c.afterBulk([{ task: task('a') }, { task: task('b'), error: { status: 412, code: 'version_mismatch', message: '', fields: {}, details: {} } }]);
    expect([...c.selected()]).toEqual(['b']);
  });

  it('Enter and e open the current task (e with the title in focus)', () => {
    const { c, navigated } = cursor(['a']);
    c.open(false);
    expect(navigated.length).toBe(0);
    c.move(1);
    c.open(true);
    expect(navigated[0][0]).toEqual(['tasks', 'a']);
    expect((navigated[0][1] as { queryParams: object }).queryParams).toEqual({ edit: 1 });
  });
});
