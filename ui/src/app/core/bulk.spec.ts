import { HttpErrorResponse } from '@angular/common/http';
import { firstValueFrom, of, throwError } from 'rxjs';
import { bulkSummary, runBulk } from './bulk';
import { Task } from './models';

const task = (id: string): Task => ({ id, title: 'Task ' + id, version: 3 }) as Task;
const httpError = (status: number, code: string) => new HttpErrorResponse({ status, error: { error: { code, message: code.replace(/_/g, ' ') } } });

describe('bulk actions', () => {
  it('reports every task done', async () => {
    const items = await firstValueFrom(runBulk([task('a'), task('b')], (t) => of({ ...t, version: 4 })));
    expect(items.every((i) => !i.error && i.saved?.version === 4)).toBe(true);
    expect(bulkSummary('Status', items)).toEqual({ text: 'Status: 2 tasks done.', kind: 'success' });
  });

  it('goes on after a failure and names each failed task with advice', async () => {
    const items = await firstValueFrom(
      runBulk([task('a'), task('b'), task('c')], (t) =>
        t.id === 'b' ? throwError(() => httpError(412, 'version_mismatch')) : t.id === 'c' ? throwError(() => httpError(409, 'project_archived')) : of(t),
      ),
    );
    const s = bulkSummary('Priority', items);
    expect(s.kind).toBe('error');
    expect(s.text).toContain('Priority: 1 of 3 tasks done, 2 failed.');
    expect(s.text).toContain('“Task b”: changed elsewhere since the list was loaded');
    expect(s.text).toContain('“Task c”: This project is archived');
  });

  it('counts a deletion answered 404 as done (already gone with its parent)', async () => {
    const items = await firstValueFrom(runBulk([task('a')], () => throwError(() => httpError(404, 'task_not_found')), true));
    expect(items[0].error).toBeUndefined();
  });

  it('sends no more than six requests at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const op = () =>
      new Promise<Task>((resolve) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight--;
          resolve(task('x'));
        }, 5);
      });
    const tasks = Array.from({ length: 20 }, (_, i) => task(String(i)));
    const { from } = await import('rxjs');
    const items = await firstValueFrom(runBulk(tasks, () => from(op())));
    expect(items.length).toBe(20);
    expect(peak).toBe(6);
  });
});
