import { Shortcut } from '../core/shortcuts';
import { STATUSES, STATUS_LABEL, TaskStatus } from '../core/models';

/** What a screen with a current task offers to the keyboard. */
export interface TaskKeyTarget {
  newTask(): void;
  focusFilter(): void;
  move(step: 1 | -1): void;
  open(edit: boolean): void;
  toggleCurrent(): void;
  setCurrentStatus(s: TaskStatus): void;
  escape(): void;
}

/** The task shortcuts shared by the list and the board (n, /, j, k, Enter, e, x, 1–3, Escape). */
export function taskShortcuts(t: TaskKeyTarget): Shortcut[] {
  const g = 'Tasks';
  return [
    { key: 'n', label: 'New task (quick add)', group: g, run: (e) => (e.preventDefault(), t.newTask()) },
    { key: '/', label: 'Filter this list', group: g, run: (e) => (e.preventDefault(), t.focusFilter()) },
    { key: 'j', label: 'Next task', group: g, run: () => t.move(1) },
    { key: 'k', label: 'Previous task', group: g, run: () => t.move(-1) },
    { key: 'Enter', label: 'Open the current task', group: g, run: (e) => { if (!(e.target instanceof HTMLAnchorElement || e.target instanceof HTMLButtonElement)) { e.preventDefault(); t.open(false); } } },
    { key: 'e', label: 'Edit the current task', group: g, run: (e) => (e.preventDefault(), t.open(true)) },
    { key: 'x', label: 'Select or unselect the current task', group: g, run: () => t.toggleCurrent() },
    ...STATUSES.map((s, i) => ({ key: String(i + 1), label: `Status: ${STATUS_LABEL[s]}`, group: g, run: () => t.setCurrentStatus(s) })),
    { key: 'Escape', label: 'Clear the selection', group: g, run: () => t.escape() },
  ];
}
