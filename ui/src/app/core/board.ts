import { PositionRequest, TaskInput } from './api';
import { STATUSES, Task, TaskStatus } from './models';

/** The cards of a board, per status column, each in manual order. */
export type Columns = Record<TaskStatus, Task[]>;

export function emptyColumns(): Columns {
  return { todo: [], in_progress: [], done: [] };
}

/** A card dropped (or moved by keyboard) from one place to another. */
export interface MovePlan {
  task: Task;
  /** The PATCH body: the new status when the column changed, and the position between the new neighbours. */
  body: TaskInput & { position: PositionRequest };
  /** The columns as they look after the move, shown before the server answers. */
  columns: Columns;
  to: TaskStatus;
  toIndex: number;
}

/**
 * Plans moving the card at `from[fromIndex]` to index `toIndex` of column
 * `to` (the index it has once there). Its neighbours there name its place
 * in the project's manual order (`afterId` the card above, `beforeId` the
 * card below); the other columns' tasks in between do not matter, as a key
 * between two neighbours sorts between them within the column too.
 * Null when the card does not move.
 */
export function planMove(cols: Columns, from: TaskStatus, fromIndex: number, to: TaskStatus, toIndex: number): MovePlan | null {
  const task = cols[from][fromIndex];
  if (!task) return null;
  if (from === to && fromIndex === toIndex) return null;
  const columns: Columns = { ...cols, [from]: cols[from].filter((_, i) => i !== fromIndex) };
  const dest = [...columns[to]];
  const at = Math.max(0, Math.min(toIndex, dest.length));
  const moved: Task = { ...task, status: to };
  dest.splice(at, 0, moved);
  columns[to] = dest;
  const position: PositionRequest = { afterId: dest[at - 1]?.id ?? null, beforeId: dest[at + 1]?.id ?? null };
  const body: MovePlan['body'] = { position };
  if (from !== to) body.status = to;
  return { task, body, columns, to, toIndex: at };
}

export type Direction = 'up' | 'down' | 'left' | 'right' | 'top' | 'bottom';

/**
 * The keyboard alternative to dragging: up/down move the card one place in
 * its column, top/bottom to either end, left/right to the same place (or
 * the end) of the neighbouring column. Null at an edge.
 */
export function planKeyboardMove(cols: Columns, taskId: string, dir: Direction): MovePlan | null {
  const from = STATUSES.find((s) => cols[s].some((t) => t.id === taskId));
  if (!from) return null;
  const i = cols[from].findIndex((t) => t.id === taskId);
  const col = STATUSES.indexOf(from);
  switch (dir) {
    case 'up':
      return i > 0 ? planMove(cols, from, i, from, i - 1) : null;
    case 'down':
      return i < cols[from].length - 1 ? planMove(cols, from, i, from, i + 1) : null;
    case 'top':
      return planMove(cols, from, i, from, 0);
    case 'bottom':
      return planMove(cols, from, i, from, cols[from].length - 1);
    case 'left':
    case 'right': {
      const to = STATUSES[col + (dir === 'left' ? -1 : 1)];
      return to ? planMove(cols, from, i, to, Math.min(i, cols[to].length)) : null;
    }
  }
}

/** Where a card is, for announcing it: "In progress, 2 of 5". */
export function placeOf(cols: Columns, status: TaskStatus, index: number): { index: number; count: number } {
  return { index: index + 1, count: cols[status].length };
}
