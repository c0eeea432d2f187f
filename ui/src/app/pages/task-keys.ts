import { Shortcut } from '../core/shortcuts';
import { STATUSES, STATUS_LABEL, TaskStatus } from '../core/models';

/** What a task screen offers to the keyboard. */
export interface TaskScreenKeys {
  newTask(): void;
  focusFilter(): void;
  setCurrentStatus(s: TaskStatus): void;
}

/** The moves over the current task and the selection (TaskCursor). */
export interface TaskCursorKeys {
  move(step: 1 | -1): void;
  open(edit: boolean): void;
  toggleCurrent(): void;
  escape(): void;
}

/** The task shortcuts shared by the list and the board (n, /, j, k, Enter, e, x, 1–3, Escape). */
export function taskShortcuts(t: TaskScreenKeys, c: TaskCursorKeys): Shortcut[] {
  const g = 'Tasks';
  return [
    { key: 'n', label: 'New task (quick add)', group: g, run: (e) => (e.preventDefault(), t.newTask()) },
    { key: '/', label: 'Filter this list', group: g, run: (e) => (e.preventDefault(), t.focusFilter()) },
    { key: 'j', label: 'Next task', group: g, run: () => c.move(1) },
    { key: 'k', label: 'Previous task', group: g, run: () => c.move(-1) },
    { key: 'Enter', label: 'Open the current task', group: g, run: (e) => { if (!(e.target instanceof HTMLAnchorElement || e.target instanceof HTMLButtonElement)) { e.preventDefault(); c.open(false); } } },
    { key: 'e', label: 'Edit the current task', group: g, run: (e) => (e.preventDefault(), c.open(true)) },
    { key: 'x', label: 'Select or unselect the current task', group: g, run: () => c.toggleCurrent() },
    ...STATUSES.map((s, i) => ({ key: String(i + 1), label: `Status: ${STATUS_LABEL[s]}`, group: g, run: () => t.setCurrentStatus(s) })),
    { key: 'Escape', label: 'Clear the selection', group: g, run: () => c.escape() },
  ];
}
