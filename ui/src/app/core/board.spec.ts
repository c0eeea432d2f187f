import { Columns, planKeyboardMove, planMove } from './board';
import { Task, TaskStatus } from './models';

function t(id: string, status: TaskStatus): Task {
  return { id, title: id, status, version: 1 } as Task;
}

function board(): Columns {
  return {
    todo: [t('a', 'todo'), t('b', 'todo'), t('c', 'todo')],
    in_progress: [t('d', 'in_progress')],
    done: [],
  };
}

const ids = (c: Columns, s: TaskStatus) => c[s].map((x) => x.id);

describe('board moves', () => {
  it('reorders within a column between the new neighbours, without a status change', () => {
    const p = planMove(board(), 'todo', 0, 'todo', 2)!;
    expect(ids(p.columns, 'todo')).toEqual(['b', 'c', 'a']);
    expect(p.body).toEqual({ position: { afterId: 'c', beforeId: null } });
  });

  it('moves to another column with its status and place', () => {
    const p = planMove(board(), 'todo', 1, 'in_progress', 0)!;
    expect(ids(p.columns, 'todo')).toEqual(['a', 'c']);
    expect(ids(p.columns, 'in_progress')).toEqual(['b', 'd']);
    expect(p.columns.in_progress[0].status).toBe('in_progress');
    expect(p.body).toEqual({ status: 'in_progress', position: { afterId: null, beforeId: 'd' } });
  });

  it('drops into an empty column at the end of the manual order', () => {
    const p = planMove(board(), 'in_progress', 0, 'done', 5)!;
    expect(p.toIndex).toBe(0);
    expect(p.body).toEqual({ status: 'done', position: { afterId: null, beforeId: null } });
  });

  it('does nothing for a card dropped where it was', () => {
    expect(planMove(board(), 'todo', 1, 'todo', 1)).toBeNull();
  });

  it('leaves the board it was given unchanged (the old one is restored on a refusal)', () => {
    const b = board();
    planMove(b, 'todo', 0, 'done', 0);
    expect(ids(b, 'todo')).toEqual(['a', 'b', 'c']);
    expect(b.todo[0].status).toBe('todo');
  });

  it('keyboard: up and down move one place, and stop at the ends', () => {
    expect(planKeyboardMove(board(), 'b', 'up')!.body.position).toEqual({ afterId: null, beforeId: 'a' });
    expect(planKeyboardMove(board(), 'b', 'down')!.body.position).toEqual({ afterId: 'c', beforeId: null });
    expect(planKeyboardMove(board(), 'a', 'up')).toBeNull();
    expect(planKeyboardMove(board(), 'c', 'down')).toBeNull();
  });

  it('keyboard: right and left move to the same place of the next column, or its end', () => {
    const p = planKeyboardMove(board(), 'c', 'right')!;
    expect(ids(p.columns, 'in_progress')).toEqual(['d', 'c']);
    expect(p.body).toEqual({ status: 'in_progress', position: { afterId: 'd', beforeId: null } });
    expect(planKeyboardMove(board(), 'a', 'left')).toBeNull();
  });

  it('keyboard: top and bottom', () => {
    expect(ids(planKeyboardMove(board(), 'c', 'top')!.columns, 'todo')).toEqual(['c', 'a', 'b']);
    expect(ids(planKeyboardMove(board(), 'a', 'bottom')!.columns, 'todo')).toEqual(['b', 'c', 'a']);
  });
});
