import { CdkMenu, CdkMenuItem, CdkMenuTrigger } from '@angular/cdk/menu';
import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { toApiError } from '../core/errors';
import { notificationLink } from '../core/notification-link';
import { AppNotification, Notifications, SNOOZE_MINUTES } from '../core/notifications';
import { SessionStore } from '../core/session';
import { formatInstant } from '../core/time';

/**
 * The bell of the top bar: the unread count, live (the stream), and the
 * latest notifications in a menu: opening one marks it read and goes to
 * its task (at the comment); "Mark all read"; "All notifications".
 */
@Component({
  selector: 'tr-bell',
  imports: [CdkMenu, CdkMenuItem, CdkMenuTrigger, RouterLink],
  template: `
    <button type="button" class="topbar-btn bell" [cdkMenuTriggerFor]="inbox" (cdkMenuOpened)="load()" [attr.aria-label]="label()" data-testid="bell">
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>
      @if (count()) { <span class="bell-count" aria-hidden="true" data-testid="bell-count">{{ count()! > 99 ? '99+' : count() }}</span> }
    </button>
    <ng-template #inbox>
      <div class="menu inbox" cdkMenu aria-label="Notifications" data-testid="inbox">
        <div class="inbox-head">
          <span class="menu-label" aria-hidden="true">Notifications</span>
          <button type="button" class="menu-item small" cdkMenuItem (cdkMenuItemTriggered)="markAll()" [cdkMenuItemDisabled]="!count()" data-testid="inbox-read-all">Mark all read</button>
        </div>
        @if (error(); as e) { <div class="menu-label">{{ e }}</div> }
        @for (n of items(); track n.id) {
          <button type="button" class="menu-item inbox-item" [class.unread]="!n.read" cdkMenuItem (cdkMenuItemTriggered)="open(n)" data-testid="inbox-item">
            <span class="dot" aria-hidden="true"></span>
            <span class="inbox-text">
              <span class="inbox-title">{{ n.title }}@if (!n.read) { <span class="sr-only"> (unread)</span> }</span>
              @if (n.body) { <span class="inbox-body small muted">{{ n.body }}</span> }
              <span class="small muted">{{ fmt(n.createdAt) }}</span>
            </span>
          </button>
          @if (n.kind === 'reminder' && n.reminderId) {
            <button type="button" class="menu-item small" cdkMenuItem (cdkMenuItemTriggered)="snooze(n)" [attr.aria-label]="'Snooze ' + snoozeMinutes + ' minutes: ' + n.title" data-testid="inbox-snooze">Snooze {{ snoozeMinutes }} min</button>
          }
        } @empty {
          <div class="menu-label" data-testid="inbox-empty">{{ loading() ? 'Loading…' : 'Nothing new. Mentions, assignments and replies appear here.' }}</div>
        }
        <hr class="menu-sep" />
        <a class="menu-item" cdkMenuItem routerLink="/notifications" data-testid="inbox-all">All notifications</a>
      </div>
    </ng-template>
  `,
})
export class Bell {
  private readonly notifications = inject(Notifications);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly count = this.notifications.unread;
  protected readonly items = signal<AppNotification[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly snoozeMinutes = SNOOZE_MINUTES;
  protected readonly label = computed(() => {
    const n = this.count();
    return n ? `Notifications, ${n} unread` : 'Notifications';
  });

  constructor() {
    this.notifications.arrived$.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((n) => {
      if (this.items().length) this.items.update((l) => [n, ...l.filter((x) => x.id !== n.id)].slice(0, 10));
    });
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.notifications.list({ limit: 10 }).subscribe({
      next: (p) => {
        this.loading.set(false);
        this.items.set(p.items);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }

  open(n: AppNotification): void {
    if (!n.read) this.notifications.markRead(n.id).subscribe({ error: () => undefined });
    const to = notificationLink(n);
    void this.router.navigate(to.commands, { fragment: to.fragment });
  }

  /** The reminder comes again in a few minutes; this one is read. */
  snooze(n: AppNotification): void {
    if (!n.reminderId) return;
    this.notifications.snooze(n.reminderId).subscribe({
      next: () => {
        if (!n.read) this.notifications.markRead(n.id).subscribe({ error: () => undefined });
        this.items.update((l) => l.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
      },
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  markAll(): void {
    const newest = this.items()[0]?.id;
    this.notifications.markAllRead(newest).subscribe({
      next: () => this.items.update((l) => l.map((n) => ({ ...n, read: true }))),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  fmt(at: string): string {
    return formatInstant(at, this.session.timezone(), this.session.locale());
  }
}
