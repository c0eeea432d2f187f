import { CdkMenu, CdkMenuItem, CdkMenuTrigger } from '@angular/cdk/menu';
import { Component, ElementRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { CollabApi, Comment, REACTIONS, REACTION_NAMES, Reaction } from '../core/collab';
import { ApiError, toApiError } from '../core/errors';
import { previewMarkdown } from '../core/markdown-preview';
import { SessionStore } from '../core/session';
import { formatInstant } from '../core/time';
import { Toasts } from '../core/toasts';
import { MentionInput } from './mention-input';

/**
 * A task's comments in the task dialog: oldest first (or newest first), 50 at a time with
 * "Load more"; a composer with "@" suggestions and a preview; edit and
 * delete of one's own (the project's owner may delete any); reactions,
 * one per person per emoji. A comment is shown as the server's sanitised
 * `html`; what is typed is only ever previewed through the escaping
 * previewer (core/markdown-preview.ts).
 */
@Component({
  selector: 'tr-task-comments',
  imports: [MentionInput, CdkMenu, CdkMenuItem, CdkMenuTrigger],
  template: `
    <section class="comments" aria-labelledby="comments-title" data-testid="comments">
      <div class="row between">
        <h3 id="comments-title">Comments @if (total() !== null) { <span class="badge" data-testid="comments-total">{{ total() }}</span> }</h3>
        <button type="button" class="btn small ghost" (click)="toggleOrder()" [title]="order() === 'oldest' ? 'Show the newest comments first' : 'Show the oldest comments first'" data-testid="comments-order">{{ order() === 'oldest' ? 'Oldest first' : 'Newest first' }}</button>
      </div>
      @if (error(); as e) {
        <p class="alert error" role="alert">{{ e.message }} <button type="button" class="btn small" (click)="load()">Retry</button></p>
      }
      @if (loading() && comments().length === 0) {
        <div aria-busy="true"><span class="sr-only">Loading the comments…</span><div class="skeleton"></div></div>
      }
      <ol class="comment-list" [attr.aria-label]="order() === 'oldest' ? 'Comments, oldest first' : 'Comments, newest first'">
        @for (c of comments(); track c.id) {
          <li class="comment" [id]="'comment-' + c.id" [class.target]="c.id === targetId()" data-testid="comment" tabindex="-1">
            <div class="comment-head">
              <strong>{{ c.author.displayName }}</strong>
              @if (c.author.username) { <span class="muted small">&#64;{{ c.author.username }}</span> }
              <span class="muted small">· {{ fmt(c.createdAt) }}</span>
              @if (c.edited) { <span class="muted small" [title]="'Edited ' + fmt(c.editedAt)" data-testid="comment-edited">(edited)</span> }
            </div>
            @if (editingId() === c.id) {
              <tr-mention-input [projectId]="c.projectId" [(value)]="editDraft" [label]="'Edit your comment of ' + fmt(c.createdAt)" testId="comment-edit-input" (send)="saveEdit(c)" />
              <div class="row">
                <button type="button" class="btn small primary" (click)="saveEdit(c)" [disabled]="busy()" data-testid="comment-edit-save">Save</button>
                <button type="button" class="btn small" (click)="editingId.set(null)">Cancel</button>
              </div>
            } @else {
              <div class="comment-body md" [innerHTML]="c.html" data-testid="comment-body"></div>
            }
            <div class="row tight comment-actions">
              @for (r of c.reactions; track r.emoji) {
                <button type="button" class="btn small reaction" [class.mine]="r.reactedByMe" [attr.aria-pressed]="r.reactedByMe" (click)="toggle(c, r.emoji, r.reactedByMe)"
                  [disabled]="readOnly()" [attr.aria-label]="reactionLabel(r)" data-testid="reaction">{{ r.emoji }} {{ r.count }}</button>
              }
              @if (!readOnly()) {
                <button type="button" class="btn small ghost" [cdkMenuTriggerFor]="picker" [cdkMenuTriggerData]="{ $implicit: c }" [attr.aria-label]="'Add a reaction to the comment by ' + c.author.displayName + ', ' + fmt(c.createdAt)" data-testid="reaction-add">☺+</button>
              }
              <span class="grow"></span>
              @if (!readOnly() && c.author.id === meId()) {
                <button type="button" class="btn small ghost" (click)="startEdit(c)" [attr.aria-label]="'Edit your comment of ' + fmt(c.createdAt)" data-testid="comment-edit">Edit</button>
              }
              @if (!readOnly() && (c.author.id === meId() || canModerate())) {
                <button type="button" class="btn small ghost danger" (click)="remove(c)" [attr.aria-label]="'Delete the comment by ' + c.author.displayName + ', ' + fmt(c.createdAt)" data-testid="comment-delete">Delete</button>
              }
            </div>
          </li>
        } @empty {
          @if (!loading() && !error()) { <li class="muted small" data-testid="comments-empty">No comments yet.</li> }
        }
      </ol>
      @if (nextCursor()) {
        <button type="button" class="btn small" (click)="loadMore()" [disabled]="loading()" data-testid="comments-more">{{ loading() ? 'Loading…' : 'Load more comments' }}</button>
      }

      @if (!readOnly()) {
        <div class="composer" data-testid="composer">
          <div class="row between">
            <label [for]="composerId" class="small"><strong>Add a comment</strong><span class="muted">&nbsp;(Markdown; &#64; to mention)</span></label>
            <button type="button" class="btn small ghost" [attr.aria-pressed]="preview()" (click)="preview.set(!preview())" data-testid="comment-preview-toggle">Preview</button>
          </div>
          @if (preview()) {
            <div class="comment-body md preview" [innerHTML]="previewHtml()" data-testid="comment-preview" aria-label="Preview" role="region"></div>
          } @else {
            <tr-mention-input [projectId]="projectId()" [(value)]="draft" label="Add a comment" [fieldId]="composerId" testId="comment-input" [describedBy]="postError() ? 'composer-error' : ''" (send)="post()" />
          }
          @if (postError(); as e) { <p class="alert error" role="alert" id="composer-error">{{ e.message }}</p> }
          <div class="row">
            <button type="button" class="btn primary small" (click)="post()" [disabled]="busy()" data-testid="comment-post">{{ busy() ? 'Posting…' : 'Comment' }}</button>
            <span class="muted small">Ctrl+Enter</span>
          </div>
        </div>
      }
    </section>

    <ng-template #picker let-c>
      <div class="menu reaction-menu" cdkMenu aria-label="Reactions">
        @for (e of reactions; track e) {
          <button type="button" class="menu-item" cdkMenuItem (cdkMenuItemTriggered)="toggle(c, e, mine(c, e))" [attr.aria-label]="reactionName(e)" data-testid="reaction-option">{{ e }}</button>
        }
      </div>
    </ng-template>
  `,
})
export class TaskComments implements OnInit {
  private readonly collab = inject(CollabApi);
  private readonly session = inject(SessionStore);
  private readonly toasts = inject(Toasts);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly taskId = input.required<string>();
  readonly projectId = input.required<string>();
  readonly readOnly = input(false);
  /** The project's owner: may delete any comment. */
  readonly canModerate = input(false);

  protected readonly reactions = REACTIONS;
  protected readonly composerId = 'comment-composer';
  protected readonly comments = signal<Comment[]>([]);
  protected readonly total = signal<number | null>(null);
  protected readonly nextCursor = signal<string | undefined>(undefined);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly postError = signal<ApiError | null>(null);
  protected readonly preview = signal(false);
  protected readonly order = signal<'oldest' | 'newest'>('oldest');
  protected readonly draft = signal('');
  protected readonly editDraft = signal('');
  protected readonly editingId = signal<string | null>(null);
  protected readonly targetId = signal<string | null>(null);
  protected readonly previewHtml = computed(() => previewMarkdown(this.draft()) || '<p class="muted">Nothing to preview.</p>');
  protected readonly meId = computed(() => this.session.user()?.id);

  ngOnInit(): void {
    const frag = this.router.parseUrl(this.router.url).fragment ?? '';
    this.targetId.set(frag.startsWith('comment-') ? frag.slice(8) : null);
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.collab.comments(this.taskId(), this.order()).subscribe({
      next: (p) => {
        this.loading.set(false);
        this.comments.set(p.items);
        this.total.set(p.total);
        this.nextCursor.set(p.nextCursor);
        this.reveal();
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor) return;
    this.loading.set(true);
    this.collab.comments(this.taskId(), this.order(), cursor).subscribe({
      next: (p) => {
        this.loading.set(false);
        const seen = new Set(this.comments().map((c) => c.id));
        this.comments.update((l) => [...l, ...p.items.filter((c) => !seen.has(c.id))]);
        this.total.set(p.total);
        this.nextCursor.set(p.nextCursor);
        this.reveal();
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  /** The comment a link pointed at (`#comment-<id>`): scrolled into view, loading more pages for it. */
  private reveal(): void {
    const id = this.targetId();
    if (!id) return;
    if (!this.comments().some((c) => c.id === id)) {
      if (this.nextCursor()) this.loadMore();
      return;
    }
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`#comment-${CSS.escape(id)}`)?.scrollIntoView({ block: 'center' }));
  }

  post(): void {
    const body = this.draft().trim();
    if (this.busy()) return;
    if (!body) {
      this.postError.set({ status: 0, code: 'required', message: 'Write something first.', fields: {}, details: {} });
      return;
    }
    this.busy.set(true);
    this.postError.set(null);
    this.collab.postComment(this.taskId(), body).subscribe({
      next: (c) => {
        this.busy.set(false);
        this.draft.set('');
        this.preview.set(false);
        this.comments.update((l) => (this.order() === 'oldest' ? [...l, c] : [c, ...l]));
        this.total.update((n) => (n ?? 0) + 1);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.postError.set(toApiError(err));
      },
    });
  }

  /** Newest or oldest first: the list is read again from its first page. */
  toggleOrder(): void {
    this.order.update((o) => (o === 'oldest' ? 'newest' : 'oldest'));
    this.load();
  }

  startEdit(c: Comment): void {
    this.editDraft.set(c.body);
    this.editingId.set(c.id);
  }

  saveEdit(c: Comment): void {
    const body = this.editDraft().trim();
    if (!body || this.busy()) return;
    this.busy.set(true);
    this.collab.editComment(c, body).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.editingId.set(null);
        this.replace(updated);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        this.toasts.show(e.status === 412 ? 'This comment was changed elsewhere: the latest version is shown; edit it again.' : e.message, 'error');
        if (e.status === 412) this.load();
      },
    });
  }

  remove(c: Comment): void {
    if (!confirm(`Delete the comment by ${c.author.displayName}?`)) return;
    this.collab.deleteComment(c).subscribe({
      next: () => {
        this.comments.update((l) => l.filter((x) => x.id !== c.id));
        this.total.update((n) => Math.max(0, (n ?? 1) - 1));
        this.toasts.show('Comment deleted.', 'success');
      },
      error: (err: unknown) => this.toasts.show(toApiError(err).message, 'error'),
    });
  }

  toggle(c: Comment, emoji: string, mine: boolean): void {
    (mine ? this.collab.unreact(c, emoji) : this.collab.react(c, emoji)).subscribe({
      next: (updated) => this.replace(updated),
      error: (err: unknown) => this.toasts.show(toApiError(err).message, 'error'),
    });
  }

  mine(c: Comment, emoji: string): boolean {
    return !!c.reactions.find((r) => r.emoji === emoji)?.reactedByMe;
  }

  reactionName(e: string): string {
    return REACTION_NAMES[e] ?? e;
  }

  reactionLabel(r: Reaction): string {
    return `${r.emoji} ${r.count}, ${this.reactionName(r.emoji)}${r.reactedByMe ? ', including you' : ''}`;
  }

  fmt(instant: string | null): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  private replace(c: Comment): void {
    this.comments.update((l) => l.map((x) => (x.id === c.id ? c : x)));
  }
}
