import { Component, DestroyRef, ElementRef, inject, input, model, output, signal, viewChild } from '@angular/core';
import { Mentionable, CollabApi } from '../core/collab';
import { MentionMenu, MentionQuery, insertMention, mentionAt } from '../core/mention';

let nextId = 0;

/**
 * A comment text area that suggests project members after "@": the
 * suggestions are a listbox under the field (`aria-activedescendant`
 * follows the highlighted one, a live region counts them); ↑/↓ move,
 * Enter or Tab insert "@username", Escape closes the list and leaves the
 * dialog open. Ctrl+Enter sends.
 */
@Component({
  selector: 'tr-mention-input',
  template: `
    <div class="mention-wrap">
      <textarea #area [id]="fieldId()" [attr.aria-label]="label()" [value]="value()" [rows]="rows()" maxlength="10000" [attr.data-testid]="testId()"
        aria-autocomplete="list" [attr.aria-controls]="items().length ? listId : null"
        [attr.aria-activedescendant]="items().length ? listId + '-' + active() : null" [attr.aria-describedby]="describedBy() || null"
        (input)="typed()" (keydown)="keydown($event)" (blur)="closeSoon()" (click)="typed()"></textarea>
      @if (items().length) {
        <ul class="mention-list" role="listbox" [id]="listId" aria-label="People to mention" data-testid="mention-list">
          @for (m of items(); track m.userId; let i = $index) {
            <li role="option" [id]="listId + '-' + i" [attr.aria-selected]="i === active()" [class.active]="i === active()"
              (mousedown)="$event.preventDefault(); pick(i)" data-testid="mention-option">
              <strong>{{ m.displayName }}</strong>&nbsp;<span class="muted">&#64;{{ m.username }}</span>
            </li>
          }
        </ul>
      }
      <span class="sr-only" aria-live="polite">{{ items().length ? items().length + (items().length === 1 ? ' person' : ' people') + ' to mention: up and down arrows to choose, Enter to insert.' : '' }}</span>
    </div>
  `,
})
export class MentionInput {
  private readonly collab = inject(CollabApi);
  readonly value = model('');
  readonly projectId = input.required<string>();
  readonly label = input('Comment');
  readonly fieldId = input(`mention-input-${++nextId}`);
  readonly testId = input('comment-input');
  readonly rows = input(3);
  readonly describedBy = input('');
  readonly send = output<void>();

  protected readonly listId = `mention-list-${nextId}`;
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');
  private readonly menu = new MentionMenu<Mentionable>();
  protected readonly items = signal<Mentionable[]>([]);
  protected readonly active = signal(0);
  private query: MentionQuery | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  focus(): void {
    this.area().nativeElement.focus();
  }

  protected typed(): void {
    const el = this.area().nativeElement;
    this.value.set(el.value);
    const q = mentionAt(el.value, el.selectionStart ?? el.value.length);
    this.query = q;
    clearTimeout(this.timer);
    if (!q) {
      this.close();
      return;
    }
    const seq = ++this.seq;
    this.timer = setTimeout(() => {
      this.collab.mentionable(this.projectId(), q.query).subscribe({
        next: (items) => {
          if (seq !== this.seq || !this.query) return;
          this.menu.set(items);
          this.sync();
        },
        error: () => this.close(),
      });
    }, 150);
  }

  protected keydown(e: KeyboardEvent): void {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      this.send.emit();
      return;
    }
    const r = this.menu.key(e.key);
    if (!r) return;
    e.preventDefault();
    e.stopPropagation(); // Escape closes the list, not the dialog
    if (r === 'pick') this.pick(this.menu.active);
    else if (r === 'close') this.close();
    else this.sync();
  }

  protected pick(i: number): void {
    const m = this.menu.items[i];
    const q = this.query;
    const el = this.area().nativeElement;
    if (!m || !q) return;
    const r = insertMention(el.value, el.selectionStart ?? el.value.length, q, m.username);
    el.value = r.text;
    el.setSelectionRange(r.caret, r.caret);
    this.value.set(r.text);
    this.close();
  }

  protected closeSoon(): void {
    setTimeout(() => this.close(), 100);
  }

  private close(): void {
    this.seq++;
    this.query = null;
    this.menu.close();
    this.sync();
  }

  private sync(): void {
    this.items.set([...this.menu.items]);
    this.active.set(this.menu.active);
  }
}
