import { Component, DestroyRef, OnInit, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../core/errors';
import { notificationLink } from '../core/notification-link';
import { AppNotification, Notifications, SNOOZE_MINUTES } from '../core/notifications';
import { SessionStore } from '../core/session';
import { formatInstant } from '../core/time';
import { LoadState } from '../ui/load-state';

/** `/notifications`: the whole inbox, newest first, a page at a time; new ones appear as they arrive. */
@Component({
  selector: 'tr-notifications-page',
  imports: [LoadState, RouterLink],
  template: `
    <div class="page-head row between">
      <h1>Notifications</h1>
      <div class="row">
        <label class="check"><input type="checkbox" [checked]="unreadOnly()" (change)="setUnreadOnly(!unreadOnly())" data-testid="inbox-unread-only" /> Unread only</label>
        <button type="button" class="btn small" (click)="markAll()" [disabled]="!notifications.unread()" data-testid="page-read-all">Mark all read</button>
        <a class="btn small ghost" routerLink="/profile" fragment="notification-settings">Settings</a>
      </div>
    </div>
    <tr-load-state [loading]="loading()" [error]="error()" [empty]="items().length === 0" (retry)="reload()">
      {{ unreadOnly() ? 'No unread notifications.' : 'No notifications yet: mentions, assignments and replies appear here.' }}
    </tr-load-state>
    @if (items().length) {
      <ul class="card inbox-page" aria-label="Notifications, newest first" data-testid="notification-list">
        @for (n of items(); track n.id) {
          <li class="inbox-row" [class.unread]="!n.read" data-testid="notification-row">
            <span class="dot" aria-hidden="true"></span>
            <div class="grow">
              <a href="" (click)="$event.preventDefault(); open(n)" data-testid="notification-open">{{ n.title }}</a>@if (!n.read) { <span class="sr-only"> (unread)</span> }
              @if (n.body) { <div class="small muted clamp">{{ n.body }}</div> }
              <div class="small muted">{{ fmt(n.createdAt) }}@if (n.project) { · {{ n.project.name }} }</div>
            </div>
            @if (n.kind === 'reminder' && n.reminderId) {
              <button type="button" class="btn small" (click)="snooze(n)" [disabled]="snoozed().has(n.id)" [attr.aria-label]="'Snooze ' + snoozeMinutes + ' minutes: ' + n.title" data-testid="notification-snooze">{{ snoozed().has(n.id) ? 'Snoozed' : 'Snooze ' + snoozeMinutes + ' min' }}</button>
            }
            @if (!n.read) {
              <button type="button" class="btn small" (click)="markRead(n)" [attr.aria-label]="'Mark read: ' + n.title" data-testid="notification-read">Mark read</button>
            }
          </li>
        }
      </ul>
      @if (nextCursor()) { <button type="button" class="btn" (click)="more()" [disabled]="loading()">{{ loading() ? 'Loading…' : 'Show older' }}</button> }
    }
  `,
})
export class NotificationsPage implements OnInit {
  protected readonly notifications = inject(Notifications);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);
  protected readonly items = signal<AppNotification[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly unreadOnly = signal(false);
  protected readonly snoozed = signal<ReadonlySet<string>>(new Set());
  protected readonly snoozeMinutes = SNOOZE_MINUTES;

  constructor() {
    this.notifications.arrived$.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((n) => this.items.update((l) => [n, ...l.filter((x) => x.id !== n.id)]));
  }

  ngOnInit(): void {
    this.reload();
  }

  setUnreadOnly(v: boolean): void {
    this.unreadOnly.set(v);
    this.reload();
  }

  reload(): void {
    this.items.set([]);
    this.page();
  }

  more(): void {
    this.page(this.nextCursor() ?? undefined);
  }

  private page(cursor?: string): void {
    this.loading.set(true);
    this.error.set(null);
    this.notifications.list({ unread: this.unreadOnly(), cursor, limit: 30 }).subscribe({
      next: (p) => {
        this.loading.set(false);
        const seen = new Set(this.items().map((n) => n.id));
        this.items.update((l) => [...l, ...p.items.filter((n) => !seen.has(n.id))]);
        this.nextCursor.set(p.nextCursor);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  markRead(n: AppNotification): void {
    this.notifications.markRead(n.id).subscribe({
      next: () => this.items.update((l) => l.map((x) => (x.id === n.id ? { ...x, read: true } : x))),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  /** The reminder comes again in a few minutes; this one is read. */
  snooze(n: AppNotification): void {
    if (!n.reminderId) return;
    this.notifications.snooze(n.reminderId).subscribe({
      next: () => {
        this.snoozed.update((s) => new Set(s).add(n.id));
        if (!n.read) this.markRead(n);
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  markAll(): void {
    this.notifications.markAllRead(this.items()[0]?.id).subscribe({
      next: () => this.items.update((l) => l.map((x) => ({ ...x, read: true }))),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  open(n: AppNotification): void {
    if (!n.read) this.markRead(n);
    const to = notificationLink(n);
    void this.router.navigate(to.commands, { fragment: to.fragment });
  }

  fmt(at: string): string {
    return formatInstant(at, this.session.timezone(), this.session.locale());
  }
}
