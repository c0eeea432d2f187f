import { Component, inject, input, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { FieldError } from '../ui/field-error';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { SessionStore } from '../core/session';

@Component({
  selector: 'tr-login',
  imports: [FormsModule, RouterLink, FieldError],
  template: `
    <section class="auth-card card">
      <h1>Sign in</h1>
      <form (ngSubmit)="submit(f)" #f="ngForm" novalidate>
        <label class="field">
          <span>Email or username</span>
          <input name="login" [(ngModel)]="login" #lg="ngModel" required autocomplete="username" autofocus data-testid="login-login"
            aria-describedby="login-login-error" [attr.aria-invalid]="lg.invalid && (lg.touched || f.submitted)" />
          <tr-field-error id="login-login-error" [control]="lg" [submitted]="f.submitted" />
        </label>
        <label class="field">
          <span>Password</span>
          <input name="password" type="password" [(ngModel)]="password" #pw="ngModel" required autocomplete="current-password" data-testid="login-password"
            aria-describedby="login-password-error" [attr.aria-invalid]="pw.invalid && (pw.touched || f.submitted)" />
          <tr-field-error id="login-password-error" [control]="pw" [submitted]="f.submitted" />
        </label>
        @if (error(); as e) {
          <p class="alert error" role="alert" data-testid="form-error">{{ e.message }}</p>
        }
        <button class="btn primary block" type="submit" [disabled]="busy()" data-testid="login-submit">
          {{ busy() ? 'Signing in…' : 'Sign in' }}
        </button>
      </form>
      <p class="muted center">New here? <a routerLink="/signup">Create an account</a></p>
    </section>
  `,
})
export class LoginPage {
  private readonly api = inject(Api);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();

  login = '';
  password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  submit(f: NgForm): void {
    if (f.invalid) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.login(this.login.trim(), this.password).subscribe({
      next: (res) => {
        this.session.signIn(res);
        const target = this.returnUrl();
        void this.router.navigateByUrl(target && target.startsWith('/') && !target.startsWith('//') ? target : '/next-up');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
