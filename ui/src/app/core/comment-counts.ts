import { signal } from '@angular/core';
import { CollabApi } from './collab';

/**
 * The comment counts of the tasks a screen shows: one comment-counts call per
 * project (and per 200 tasks). Counts are extra: a screen stands without them,
 * so a failed call leaves them out. An answer to an older load is dropped.
 */
export class CommentCounts {
  readonly counts = signal<Record<string, number>>({});
  private seq = 0;

  constructor(private readonly collab: CollabApi) {}

  load(tasks: readonly { id: string; projectId: string }[]): void {
    const seq = ++this.seq;
    const byProject = new Map<string, string[]>();
    for (const t of tasks) byProject.set(t.projectId, [...(byProject.get(t.projectId) ?? []), t.id]);
    for (const [projectId, ids] of byProject) {
      for (let i = 0; i < ids.length; i += 200) {
        this.collab.commentCounts(projectId, ids.slice(i, i + 200)).subscribe({
          next: (counts) => {
            if (seq === this.seq) this.counts.update((c) => ({ ...c, ...counts }));
          },
          error: () => undefined,
        });
      }
    }
  }
}
