import { Component, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Api } from './core/api';
import { SessionStore } from './core/session';

@Component({
  selector: 'tr-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  template: `
    <header class="topbar">
      <a class="brand" routerLink="/projects"><img src="favicon.svg" alt="" width="24" height="24" /> TaskRocket</a>
      @if (session.user(); as user) {
        <nav class="topnav">
          <a routerLink="/projects" routerLinkActive="active">Projects</a>
          <a routerLink="/my-tasks" routerLinkActive="active" data-testid="nav-my-tasks">My tasks</a>
          <a routerLink="/invitations" routerLinkActive="active">My invitations</a>
          <a routerLink="/profile" routerLinkActive="active" class="user-link" data-testid="current-user">{{ user.displayName }}</a>
          <button type="button" class="btn ghost small" (click)="logout()" [disabled]="busy()">Log out</button>
        </nav>
      } @else {
        <nav class="topnav">
          <a routerLink="/login" routerLinkActive="active">Sign in</a>
          <a routerLink="/signup" routerLinkActive="active">Sign up</a>
        </nav>
      }
    </header>
    <main class="main">
      <router-outlet />
    </main>
  `,
})
export class App {
  protected readonly session = inject(SessionStore);
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  protected readonly busy = signal(false);

  logout(): void {
    this.busy.set(true);
    this.api.logout().subscribe({
      next: () => this.done(),
      error: () => this.done(),
    });
  }

  private done(): void {
    this.busy.set(false);
    this.session.clear(false);
    void this.router.navigate(['/login']);
  }
}
