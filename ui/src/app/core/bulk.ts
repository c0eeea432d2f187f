import { Observable, catchError, from, map, mergeMap, of, toArray } from 'rxjs';
import { ApiError, toApiError } from './errors';
import { Task } from './models';

/** How one task of a bulk action fared. */
export interface BulkItem {
  task: Task;
  /** The task as saved (a change), or undefined (a deletion). */
  saved?: Task;
  error?: ApiError;
}

/** Requests in flight at once: enough to be quick, few enough not to swamp the API's rate limit. */
export const BULK_CONCURRENCY = 6;

/**
 * Runs `op` for every task, several at a time, and collects every outcome
 * (a failure never stops the others). Each request carries the version the
 * list showed (If-Match), so a task changed elsewhere is refused, not
 * overwritten. A deletion answered 404 counts as done: the task was already
 * gone (deleted with its parent, or elsewhere).
 */
export function runBulk(tasks: readonly Task[], op: (t: Task) => Observable<Task | unknown>, deleting = false): Observable<BulkItem[]> {
  return from(tasks).pipe(
    mergeMap(
      (task) =>
        op(task).pipe(
          map((r): BulkItem => ({ task, saved: deleting ? undefined : (r as Task) })),
          catchError((err: unknown) => {
            const error = toApiError(err);
            return of<BulkItem>(deleting && error.status === 404 ? { task } : { task, error });
          }),
        ),
      BULK_CONCURRENCY,
    ),
    toArray(),
  );
}

/**
 * What to tell the user after a bulk action: all done, or how many failed
 * and why, each failed task by name, with the advice its error calls for.
 */
export function bulkSummary(what: string, items: readonly BulkItem[]): { text: string; kind: 'success' | 'error' } {
  const failed = items.filter((i) => i.error);
  const n = items.length;
  const tasks = (k: number) => `${k} task${k === 1 ? '' : 's'}`;
  if (failed.length === 0) return { text: `${what}: ${tasks(n)} done.`, kind: 'success' };
  const reasons = failed.slice(0, 5).map((i) => `“${i.task.title}”: ${reason(i.error as ApiError)}`);
  if (failed.length > 5) reasons.push(`and ${failed.length - 5} more.`);
  const head = `${what}: ${n - failed.length} of ${tasks(n)} done, ${failed.length} failed.`;
  return { text: [head, ...reasons].join('\n'), kind: 'error' };
}

function reason(e: ApiError): string {
  if (e.status === 412) return 'changed elsewhere since the list was loaded; the list is reloaded, try again.';
  if (e.status === 404) return 'no longer exists.';
  return e.message;
}
