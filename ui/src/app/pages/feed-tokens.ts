import { DatePipe } from '@angular/common';
import { Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Observable } from 'rxjs';
import { CalendarApi, FeedToken } from '../core/calendar-api';
import { ApiError, toApiError } from '../core/errors';

/**
 * The profile's calendar feed: URLs that calendar apps subscribe to (the
 * user's meetings and recurring tasks as iCalendar). A URL is its own
 * credential, so it is shown once, when made; the list names the URLs,
 * says when each was last read, revokes one, or replaces it (regenerate:
 * the old one stops working).
 */
@Component({
  selector: 'tr-feed-tokens',
  imports: [DatePipe, FormsModule],
  template: `
    <section class="card" aria-labelledby="feed-title" data-testid="feed-tokens">
      <h2 id="feed-title">Calendar feed</h2>
      <p class="small muted">Subscribe to your meetings and recurring tasks from a calendar app (Google Calendar, Outlook, Apple Calendar) with a private address. Anyone with the address can read it: revoke it if it leaks.</p>
      @if (fresh(); as f) {
        <div class="alert success" role="status" data-testid="feed-fresh">
          <label class="field">
            <span>The address of “{{ f.name || 'Calendar feed' }}”: copy it now, it is shown only this once.</span>
            <input readonly [value]="f.url" data-testid="feed-url" (focus)="$any($event.target).select()" />
          </label>
          <button type="button" class="btn small" (click)="copy(f.url)" data-testid="feed-copy">{{ copied() ? 'Copied' : 'Copy' }}</button>
        </div>
      }
      <form class="row" (ngSubmit)="create()" novalidate>
        <label class="field grow">
          <span>Name (where you use it)</span>
          <input name="name" [(ngModel)]="name" maxlength="100" placeholder="Phone calendar" data-testid="feed-name" />
        </label>
        <button type="submit" class="btn" [disabled]="busy()" data-testid="feed-create">Create a feed address</button>
      </form>
      @if (error(); as e) { <p class="alert error" role="alert" data-testid="feed-error">{{ e.message }}</p> }
      <ul class="list" aria-label="Your feed addresses" data-testid="feed-list">
        @for (t of tokens(); track t.id) {
          <li class="row between" data-testid="feed-row">
            <div class="grow">
              <strong>{{ t.name || 'Calendar feed' }}</strong>
              <div class="small muted">made {{ t.createdAt | date: 'medium' }} · {{ t.lastUsedAt ? 'last read ' + (t.lastUsedAt | date: 'medium') : 'never read yet' }}</div>
            </div>
            <span class="row tight">
              <button type="button" class="btn small" (click)="regenerate(t)" [disabled]="busy()" [attr.aria-label]="'Regenerate the address of ' + (t.name || 'Calendar feed')" data-testid="feed-regenerate">Regenerate</button>
              <button type="button" class="btn small danger" (click)="revoke(t)" [disabled]="busy()" [attr.aria-label]="'Revoke the address of ' + (t.name || 'Calendar feed')" data-testid="feed-revoke">Revoke</button>
            </span>
          </li>
        } @empty {
          <li class="muted small" data-testid="feed-none">{{ loaded() ? 'No feed address yet.' : 'Loading…' }}</li>
        }
      </ul>
    </section>
  `,
})
export class FeedTokens implements OnInit {
  private readonly calendar = inject(CalendarApi);
  protected readonly tokens = signal<FeedToken[]>([]);
  protected readonly loaded = signal(false);
  protected readonly fresh = signal<{ name: string; url: string } | null>(null);
  protected readonly copied = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  name = '';

  ngOnInit(): void {
    this.load();
  }

  private load(): void {
    this.calendar.feedTokens().subscribe({
      next: (r) => {
        this.tokens.set(r.items);
        this.loaded.set(true);
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  create(): void {
    this.made(this.calendar.createFeedToken(this.name.trim()));
  }

  regenerate(t: FeedToken): void {
    if (!confirm(`Replace the address of “${t.name || 'Calendar feed'}”? Calendars using the old one stop updating.`)) return;
    this.made(this.calendar.regenerateFeedToken(t.id));
  }

  revoke(t: FeedToken): void {
    if (!confirm(`Revoke the address of “${t.name || 'Calendar feed'}”? Calendars using it stop updating.`)) return;
    this.busy.set(true);
    this.calendar.revokeFeedToken(t.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.fresh.set(null);
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  private made(req: Observable<FeedToken>): void {
    this.busy.set(true);
    this.error.set(null);
    this.copied.set(false);
    req.subscribe({
      next: (t) => {
        this.busy.set(false);
        this.name = '';
        this.fresh.set({ name: t.name, url: new URL(t.url ?? '', location.origin).toString() });
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        if (e.code === 'too_many_feed_tokens') e.message = 'You have 10 feed addresses already: revoke one first.';
        this.error.set(e);
      },
    });
  }

  copy(url: string): void {
    navigator.clipboard?.writeText(url).then(
      () => this.copied.set(true),
      () => this.copied.set(false),
    );
  }
}
