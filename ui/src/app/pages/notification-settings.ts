import { Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Project } from '../core/models';
import { Channels, NOTIFICATION_KINDS, Notifications, Preferences } from '../core/notifications';

type Channel = keyof Channels;

/**
 * Notification preferences in the profile: for each kind, which channels
 * carry it (in the app, e-mail, push); e-mail one by one or as a daily
 * digest at an hour of the profile's time zone; projects muted. Every
 * change is saved at once and said in a live region.
 */
@Component({
  selector: 'tr-notification-settings',
  imports: [FormsModule],
  template: `
    <section class="card" id="notification-settings" aria-labelledby="notification-settings-title" data-testid="notification-settings">
      <h2 id="notification-settings-title">Notifications</h2>
      @if (error(); as e) { <p class="alert error" role="alert">{{ e.message }}</p> }
      <p class="sr-only" role="status">{{ saved() }}</p>
      @if (prefs(); as p) {
        <div class="table-scroll">
          <table class="prefs">
            <caption class="sr-only">Which notifications reach you, and how</caption>
            <thead><tr><th scope="col">Notification</th>@for (c of channels; track c.key) { <th scope="col">{{ c.label }}</th> }</tr></thead>
            <tbody>
              @for (k of kinds; track k.kind) {
                <tr>
                  <th scope="row">{{ k.label }}</th>
                  @for (c of channels; track c.key) {
                    <td><input type="checkbox" [checked]="p.kinds[k.kind]?.[c.key]" (change)="setChannel(k.kind, c.key, $any($event.target).checked)"
                      [attr.aria-label]="c.label + ': ' + k.label" [attr.data-testid]="'pref-' + k.kind + '-' + c.key" /></td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        <fieldset class="field">
          <legend>E-mail</legend>
          <div class="row">
            <label class="check"><input type="radio" name="delivery" value="immediate" [checked]="p.delivery === 'immediate'" (change)="setDelivery('immediate')" data-testid="pref-immediate" /> One by one, right away</label>
            <label class="check"><input type="radio" name="delivery" value="daily" [checked]="p.delivery === 'daily'" (change)="setDelivery('daily')" data-testid="pref-daily" /> A daily digest at</label>
            <input type="time" [value]="p.digestTime" (change)="setDigestTime($any($event.target).value)" [disabled]="p.delivery !== 'daily'" aria-label="Time of the daily digest" data-testid="pref-digest-time" />
            <span class="muted small">({{ p.timezone }})</span>
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>Muted projects</legend>
          <p class="muted small">A muted project sends no comments, task changes or reactions; mentions and assignments still come through.</p>
          <div class="check-list">
            @for (pr of projects(); track pr.id) {
              <label class="check"><input type="checkbox" [checked]="p.mutedProjectIds.includes(pr.id)" (change)="mute(pr, $any($event.target).checked)" [attr.data-testid]="'mute-' + pr.key" /> {{ pr.name }}</label>
            } @empty { <span class="muted small">No projects.</span> }
          </div>
        </fieldset>
      } @else if (!error()) {
        <div aria-busy="true"><span class="sr-only">Loading…</span><div class="skeleton"></div></div>
      }
    </section>
  `,
})
export class NotificationSettings implements OnInit {
  private readonly notifications = inject(Notifications);
  private readonly api = inject(Api);
  protected readonly kinds = NOTIFICATION_KINDS;
  protected readonly channels: { key: Channel; label: string }[] = [
    { key: 'inApp', label: 'In the app' },
    { key: 'email', label: 'E-mail' },
    { key: 'push', label: 'Push' },
  ];
  protected readonly prefs = signal<Preferences | null>(null);
  protected readonly projects = signal<Project[]>([]);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly saved = signal('');

  ngOnInit(): void {
    this.notifications.preferences().subscribe({ next: (p) => this.prefs.set(p), error: (err: unknown) => this.error.set(toApiError(err)) });
    this.api.projects('false').subscribe({ next: (p) => this.projects.set(p.items), error: () => undefined });
  }

  setChannel(kind: string, channel: Channel, on: boolean): void {
    this.apply(this.notifications.updatePreferences({ kinds: { [kind]: { [channel]: on } } }));
  }

  setDelivery(delivery: 'immediate' | 'daily'): void {
    this.apply(this.notifications.updatePreferences({ delivery }));
  }

  setDigestTime(digestTime: string): void {
    if (/^\d{2}:\d{2}$/.test(digestTime)) this.apply(this.notifications.updatePreferences({ digestTime }));
  }

  mute(p: Project, on: boolean): void {
    this.apply(this.notifications.mute(p.id, on), on ? `${p.name} muted.` : `${p.name} no longer muted.`);
  }

  private apply(req: ReturnType<Notifications['preferences']>, message = 'Saved.'): void {
    this.error.set(null);
    req.subscribe({
      next: (p) => {
        this.prefs.set(p);
        this.saved.set(message);
        setTimeout(() => this.saved.set(''), 3000);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        this.notifications.preferences().subscribe({ next: (p) => this.prefs.set(p), error: () => undefined });
      },
    });
  }
}
