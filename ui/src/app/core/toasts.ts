import { Injectable, signal } from '@angular/core';

export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

/**
 * Short messages about something that just happened (a task moved, a bulk
 * change), shown in a live region of the shell. Errors stay until closed;
 * the others close after a few seconds. Messages that belong to one field
 * or form are shown there instead, not as toasts.
 */
@Injectable({ providedIn: 'root' })
export class Toasts {
  readonly items = signal<Toast[]>([]);
  private seq = 0;

  show(text: string, kind: ToastKind = 'info', ms = kind === 'error' ? 0 : 5000): number {
    const id = ++this.seq;
    this.items.update((l) => [...l.slice(-3), { id, kind, text }]);
    if (ms > 0) setTimeout(() => this.close(id), ms);
    return id;
  }

  close(id: number): void {
    this.items.update((l) => l.filter((t) => t.id !== id));
  }
}
