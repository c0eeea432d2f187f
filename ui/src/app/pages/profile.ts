import { DatePipe } from '@angular/common';
import { Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { FieldError } from '../ui/field-error';
import { Router } from '@angular/router';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Session } from '../core/models';
import { SessionStore } from '../core/session';
import { allTimeZones } from '../core/time';
import { FeedTokens } from './feed-tokens';
import { NotificationSettings } from './notification-settings';

@Component({
  selector: 'tr-profile',
  imports: [FormsModule, DatePipe, FieldError, NotificationSettings, FeedTokens],
  template: `
    <div class="page-head"><h1>Profile</h1></div>
    <div class="two-col">
      <form class="card form-grid" (ngSubmit)="saveProfile(pf)" #pf="ngForm" novalidate>
        <h2 class="wide">Your details</h2>
        <p class="wide muted small">{{ session.user()?.email }} · &#64;{{ session.user()?.username }}</p>
        <label class="field wide">
          <span>Display name</span>
          <input name="displayName" [(ngModel)]="displayName" #dn="ngModel" required maxlength="100" data-testid="profile-display-name"
            aria-describedby="display-name-error" [attr.aria-invalid]="dn.invalid && (dn.touched || pf.submitted)" />
          <tr-field-error id="display-name-error" [control]="dn" [submitted]="pf.submitted" [server]="profileError()?.fields?.['displayName']" />
        </label>
        <label class="field">
          <span>Time zone</span>
          <select name="timezone" [(ngModel)]="timezone" data-testid="profile-timezone">
            @for (z of zones; track z) { <option [value]="z">{{ z }}</option> }
          </select>
          @if (profileError()?.fields?.['timezone']; as m) { <small class="field-error">{{ m }}</small> }
        </label>
        <label class="field">
          <span>Locale</span>
          <input name="locale" [(ngModel)]="locale" maxlength="35" placeholder="en-GB" data-testid="profile-locale" />
          @if (profileError()?.fields?.['locale']; as m) { <small class="field-error">{{ m }}</small> }
        </label>
        @if (profileError(); as e) { <p class="alert error wide" role="alert">{{ e.message }}</p> }
        @if (profileSaved()) { <p class="alert success wide" role="status" data-testid="profile-saved">Profile saved.</p> }
        <div class="wide"><button class="btn primary" type="submit" [disabled]="busy()" data-testid="profile-save">Save</button></div>
      </form>

      <form class="card form-grid" (ngSubmit)="changePassword(wf)" #wf="ngForm" novalidate>
        <h2 class="wide">Change password</h2>
        <label class="field wide">
          <span>Current password</span>
          <input name="current" type="password" [(ngModel)]="currentPassword" #cur="ngModel" required autocomplete="current-password" data-testid="password-current"
            aria-describedby="password-current-error" [attr.aria-invalid]="(cur.invalid && (cur.touched || wf.submitted)) || pwError()?.code === 'current_password_incorrect'" />
          <tr-field-error id="password-current-error" [control]="cur" [submitted]="wf.submitted" [server]="pwError()?.code === 'current_password_incorrect' ? pwError()?.message : null" />
        </label>
        <label class="field wide">
          <span>New password</span>
          <input name="new" type="password" [(ngModel)]="newPassword" #nw="ngModel" required minlength="10" autocomplete="new-password" data-testid="password-new"
            aria-describedby="password-new-error" [attr.aria-invalid]="nw.invalid && (nw.touched || wf.submitted)" />
          <tr-field-error id="password-new-error" [control]="nw" [submitted]="wf.submitted" [server]="pwError()?.fields?.['newPassword']" />
        </label>
        @if (pwError(); as e) { <p class="alert error wide" role="alert" data-testid="password-error">{{ e.message }}</p> }
        @if (pwSaved()) { <p class="alert success wide" role="status" data-testid="password-saved">Password changed. Your other sessions were signed out.</p> }
        <div class="wide"><button class="btn primary" type="submit" [disabled]="busy()" data-testid="password-submit">Change password</button></div>
      </form>
    </div>

    <tr-notification-settings />

    <tr-feed-tokens />

    <section class="card">
      <div class="row between">
        <h2>Sessions</h2>
        <button type="button" class="btn danger small" (click)="logoutAll()" data-testid="logout-all">Log out everywhere</button>
      </div>
      @if (sessionsError(); as e) { <p class="alert error" role="alert">{{ e.message }}</p> }
      <ul class="list" data-testid="session-list" aria-label="Signed-in devices">
        @for (s of sessions(); track s.id) {
          <li class="row between" data-testid="session-row" [class.current]="s.current">
            <div class="grow">
              <div class="small"><strong>{{ s.userAgent || 'Unknown device' }}</strong> @if (s.current) { <span class="badge accent" data-testid="session-current">This device</span> }</div>
              <div class="small muted">{{ s.clientIp }} · signed in {{ s.createdAt | date: 'medium' }} · last used {{ s.lastUsedAt | date: 'medium' }}</div>
            </div>
            @if (!s.current) {
              <button type="button" class="btn small" (click)="revoke(s)" [attr.aria-label]="'Revoke the session of ' + (s.userAgent || 'an unknown device') + ', last used ' + (s.lastUsedAt | date: 'medium')" data-testid="session-revoke">Revoke</button>
            }
          </li>
        } @empty {
          <li class="muted">Loading…</li>
        }
      </ul>
    </section>
  `,
})
export class ProfilePage implements OnInit {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly zones = allTimeZones();
  protected readonly busy = signal(false);
  protected readonly profileError = signal<ApiError | null>(null);
  protected readonly profileSaved = signal(false);
  protected readonly pwError = signal<ApiError | null>(null);
  protected readonly pwSaved = signal(false);
  protected readonly sessions = signal<Session[]>([]);
  protected readonly sessionsError = signal<ApiError | null>(null);

  displayName = '';
  timezone = 'UTC';
  locale = '';
  currentPassword = '';
  newPassword = '';

  ngOnInit(): void {
    const u = this.session.user();
    if (u) this.fill(u.displayName, u.timezone, u.locale);
    this.api.me().subscribe({
      next: (me) => {
        this.session.setUser(me);
        this.fill(me.displayName, me.timezone, me.locale);
      },
      error: (err: unknown) => this.profileError.set(toApiError(err)),
    });
    this.loadSessions();
  }

  private fill(displayName: string, timezone: string, locale: string): void {
    this.displayName = displayName;
    this.timezone = timezone || 'UTC';
    this.locale = locale;
  }

  saveProfile(f: NgForm): void {
    if (f.invalid) return;
    this.busy.set(true);
    this.profileError.set(null);
    this.profileSaved.set(false);
    this.api.updateMe({ displayName: this.displayName.trim(), timezone: this.timezone, locale: this.locale.trim() }).subscribe({
      next: (me) => {
        this.busy.set(false);
        this.session.setUser(me);
        this.profileSaved.set(true);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.profileError.set(toApiError(err));
      },
    });
  }

  changePassword(f: NgForm): void {
    if (f.invalid) return;
    this.busy.set(true);
    this.pwError.set(null);
    this.pwSaved.set(false);
    this.api.changePassword(this.currentPassword, this.newPassword).subscribe({
      next: () => {
        this.busy.set(false);
        this.pwSaved.set(true);
        this.currentPassword = '';
        this.newPassword = '';
        f.resetForm();
        this.loadSessions();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.pwError.set(toApiError(err));
      },
    });
  }

  loadSessions(): void {
    this.api.sessions().subscribe({
      next: (s) => this.sessions.set(s),
      error: (err: unknown) => this.sessionsError.set(toApiError(err)),
    });
  }

  revoke(s: Session): void {
    this.api.revokeSession(s.id).subscribe({
      next: () => this.loadSessions(),
      error: (err: unknown) => this.sessionsError.set(toApiError(err)),
    });
  }

  logoutAll(): void {
    if (!confirm('Sign out of every device, this one included?')) return;
    this.api.logoutAll().subscribe({
      next: () => {
        this.session.clear(false);
        void this.router.navigate(['/login']);
      },
      error: (err: unknown) => this.sessionsError.set(toApiError(err)),
    });
  }
}
