import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { switchMap } from 'rxjs';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { SessionStore } from '../core/session';
import { browserZone } from '../core/time';

@Component({
  selector: 'tr-signup',
  imports: [FormsModule, RouterLink],
  template: `
    <section class="auth-card card">
      <h1>Create your account</h1>
      <form (ngSubmit)="submit()" #f="ngForm">
        <label class="field">
          <span>Email</span>
          <input name="email" type="email" [(ngModel)]="email" #emailModel="ngModel" required email autocomplete="email" data-testid="signup-email"
            [attr.aria-invalid]="emailModel.invalid && emailModel.touched" />
          @if (fieldError('email'); as m) { <small class="field-error">{{ m }}</small> }
          @else if (emailModel.invalid && emailModel.touched) { <small class="field-error" data-testid="field-error">{{ emailModel.errors?.['required'] ? 'Required.' : 'Enter an e-mail address, like name@example.com.' }}</small> }
        </label>
        <label class="field">
          <span>Username</span>
          <input name="username" [(ngModel)]="username" required pattern="[A-Za-z0-9][A-Za-z0-9_.\\-]{2,31}" autocomplete="username" data-testid="signup-username" />
          <small class="hint">3–32 letters, digits, “.”, “_” or “-”.</small>
          @if (fieldError('username'); as m) { <small class="field-error">{{ m }}</small> }
        </label>
        <label class="field">
          <span>Display name</span>
          <input name="displayName" [(ngModel)]="displayName" required maxlength="100" autocomplete="name" data-testid="signup-display-name" />
          @if (fieldError('displayName'); as m) { <small class="field-error">{{ m }}</small> }
        </label>
        <label class="field">
          <span>Password</span>
          <input name="password" type="password" [(ngModel)]="password" required minlength="10" autocomplete="new-password" data-testid="signup-password" />
          <small class="hint">At least 10 characters; not a common password.</small>
          @if (fieldError('password'); as m) { <small class="field-error">{{ m }}</small> }
        </label>
        @if (error(); as e) {
          <p class="alert error" role="alert" data-testid="form-error">{{ fieldClaimed() ? 'Please correct the fields marked above.' : e.message }}</p>
        }
        <button class="btn primary block" type="submit" [disabled]="busy() || !f.valid" data-testid="signup-submit">
          {{ busy() ? 'Creating…' : 'Sign up' }}
        </button>
      </form>
      <p class="muted center">Already have an account? <a routerLink="/login">Sign in</a></p>
    </section>
  `,
})
export class SignupPage {
  private readonly api = inject(Api);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  email = '';
  username = '';
  displayName = '';
  password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  fieldError(name: string): string | undefined {
    const e = this.error();
    if (!e) return undefined;
    if (e.fields[name]) return e.fields[name];
    if (name === 'password' && e.code.startsWith('password_')) return e.message;
    if (name === 'email' && e.code === 'email_taken') return e.message;
    if (name === 'username' && e.code === 'username_taken') return e.message;
    return undefined;
  }

  fieldClaimed(): boolean {
    return ['email', 'username', 'displayName', 'password'].some((f) => this.fieldError(f) !== undefined);
  }

  submit(): void {
    this.busy.set(true);
    this.error.set(null);
    const login = this.username.trim();
    this.api
      .signUp({
        email: this.email.trim(),
        username: login,
        displayName: this.displayName.trim(),
        password: this.password,
        timezone: browserZone(),
        locale: navigator.language || 'en',
      })
      .pipe(switchMap(() => this.api.login(login, this.password)))
      .subscribe({
        next: (res) => {
          this.session.signIn(res);
          void this.router.navigate(['/projects']);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(toApiError(err));
        },
      });
  }
}
