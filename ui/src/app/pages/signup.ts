import { Component, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Profile, TokenPair } from '../core/models';
import { SessionStore } from '../core/session';
import { browserZone } from '../core/time';

/** The sign-up answer when the first session is asked for (`signIn: true`). */
interface SignUpAnswer {
  user: Profile;
  session?: TokenPair;
  sessionError?: { code: string; message: string };
}

/** How long the "your account exists" message shows before the sign-in page. */
const TO_SIGN_IN_MS = 4000;

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
  private readonly destroyRef = inject(DestroyRef);

  email = '';
  username = '';
  displayName = '';
  password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  /** The email and username of an attempt whose outcome is unknown (no answer, or a 5xx). */
  private uncertain: { email: string; username: string } | null = null;

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

  // The first session comes with the sign-up answer, so a new account never
  // meets the sign-in throttle. Whenever the account exists but no session
  // came (auth was down, or an earlier attempt created it without an
  // answer), the person is told so and taken to sign in, never left on a
  // form that says the email is taken.
  submit(): void {
    this.busy.set(true);
    this.error.set(null);
    const attempt = { email: this.email.trim(), username: this.username.trim() };
    const body: Parameters<Api['signUp']>[0] & { signIn: boolean } = {
      ...attempt,
      displayName: this.displayName.trim(),
      password: this.password,
      timezone: browserZone(),
      locale: navigator.language || 'en',
      signIn: true,
    };
    this.api
      .signUp(body)
      .pipe(map((res) => res as SignUpAnswer))
      .subscribe({
        next: (res) => {
          this.uncertain = null;
          if (res.session) {
            this.session.signIn({ ...res.session, user: res.user });
            void this.router.navigate(['/projects']);
          } else {
            this.accountExists();
          }
        },
        error: (err: unknown) => {
          const e = toApiError(err);
          const same = this.uncertain?.email.toLowerCase() === attempt.email.toLowerCase() && this.uncertain?.username.toLowerCase() === attempt.username.toLowerCase();
          if (same && (e.code === 'email_taken' || e.code === 'username_taken')) {
            this.accountExists();
            return;
          }
          if (e.status === 0 || e.status >= 500) this.uncertain = attempt;
          this.busy.set(false);
          this.error.set(e);
        },
      });
  }

  private accountExists(): void {
    this.error.set({
      status: 201,
      code: 'account_created',
      message: 'Your account has been created, but you could not be signed in automatically. Taking you to sign in…',
      fields: {},
      details: {},
    });
    const timer = setTimeout(() => void this.router.navigate(['/login']), TO_SIGN_IN_MS);
    this.destroyRef.onDestroy(() => clearTimeout(timer));
  }
}
