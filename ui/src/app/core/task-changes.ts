import { Injectable } from '@angular/core';
import { Subject } from 'rxjs';
import { Task } from './models';

/** A task saved or deleted somewhere in the app. */
export type TaskChange = { kind: 'saved'; task: Task } | { kind: 'deleted'; id: string };

/**
 * Tells the screens showing tasks that one changed elsewhere in this tab
 * (the task dialog saved it, a bulk action deleted it), so they update
 * without each knowing the others.
 */
@Injectable({ providedIn: 'root' })
export class TaskChanges {
  private readonly subject = new Subject<TaskChange>();
  readonly changes$ = this.subject.asObservable();

  saved(task: Task): void {
    this.subject.next({ kind: 'saved', task });
  }

  deleted(id: string): void {
    this.subject.next({ kind: 'deleted', id });
  }
}
