import { Component, input } from '@angular/core';

/** A task's comment count as a chip (icon and number; read out as "n comments"). */
@Component({
  selector: 'tr-comment-count',
  template: `<span class="chip comments-chip" data-testid="comment-count"><svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z"/></svg><span aria-hidden="true"> {{ n() }}</span><span class="sr-only">{{ n() === 1 ? '1 comment' : n() + ' comments' }}</span></span>`,
})
export class CommentCount {
  readonly n = input.required<number>();
}
