import { CdkMenu, CdkMenuItem, CdkMenuItemRadio, CdkMenuTrigger } from '@angular/cdk/menu';
import { Component, inject, output, viewChild } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { SessionStore } from '../core/session';
import { Theme, ThemeChoice } from '../core/theme';
import { Bell } from './bell';
import { SearchBox } from './search-box';

/**
 * The top bar: one row at every width. Wide screens show the navigation
 * links; narrow ones (≤ 760 px) fold them into the "Menu" button. The
 * search box (tr-search-box) shows the search service's results as the
 * user types. `.topbar-actions` is where global
 * actions such as the notification bell go, before the user menu.
 */
@Component({
  selector: 'tr-top-bar',
  imports: [RouterLink, RouterLinkActive, CdkMenu, CdkMenuItem, CdkMenuItemRadio, CdkMenuTrigger, Bell, SearchBox],
  template: `
    <header class="topbar">
      <a class="brand" routerLink="/projects" aria-label="TaskRocket, projects"><img src="favicon.svg" alt="" width="26" height="26" /><span class="brand-name">TaskRocket</span></a>
      @if (session.user(); as user) {
        <nav class="topnav" aria-label="Main">
          <a routerLink="/next-up" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-next-up">Next up</a>
          <a routerLink="/projects" routerLinkActive="active" ariaCurrentWhenActive="page">Projects</a>
          <a routerLink="/my-tasks" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-my-tasks">My tasks</a>
          <a routerLink="/calendar" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-calendar">Calendar</a>
          <a routerLink="/invitations" routerLinkActive="active" ariaCurrentWhenActive="page">My invitations</a>
        </nav>
        <tr-search-box class="topbar-search" />
        <div class="topbar-actions">
          <tr-bell />
          <button type="button" class="topbar-btn" [cdkMenuTriggerFor]="userMenu" data-testid="user-menu">
            <span class="avatar" aria-hidden="true">{{ initial(user.displayName) }}</span>
            <span class="name only-wide" data-testid="current-user">{{ user.displayName }}</span>
            <span class="sr-only">account menu</span>
          </button>
          <button type="button" class="topbar-btn only-narrow" [cdkMenuTriggerFor]="navMenu" aria-label="Menu" data-testid="nav-menu">☰</button>
        </div>
      } @else {
        <span class="grow"></span>
        <nav class="topnav guest" aria-label="Main">
          <a routerLink="/login" routerLinkActive="active">Sign in</a>
          <a routerLink="/signup" routerLinkActive="active">Sign up</a>
        </nav>
        <button type="button" class="topbar-btn" [cdkMenuTriggerFor]="themeOnly" aria-label="Theme">◐</button>
      }
    </header>

    <ng-template #navMenu>
      <div class="menu" cdkMenu>
        <a class="menu-item" cdkMenuItem routerLink="/next-up">Next up</a>
        <a class="menu-item" cdkMenuItem routerLink="/projects">Projects</a>
        <a class="menu-item" cdkMenuItem routerLink="/my-tasks">My tasks</a>
        <a class="menu-item" cdkMenuItem routerLink="/calendar">Calendar</a>
        <a class="menu-item" cdkMenuItem routerLink="/invitations">My invitations</a>
        <a class="menu-item" cdkMenuItem routerLink="/notifications">Notifications</a>
      </div>
    </ng-template>

    <ng-template #userMenu>
      <div class="menu" cdkMenu data-testid="user-menu-panel">
        <div class="menu-label" aria-hidden="true">{{ session.user()?.displayName }}</div>
        <a class="menu-item" cdkMenuItem routerLink="/profile" data-testid="menu-profile">Profile</a>
        <button type="button" class="menu-item" cdkMenuItem (cdkMenuItemTriggered)="help.emit()">Keyboard shortcuts <kbd>?</kbd></button>
        <hr class="menu-sep" />
        <div class="menu-label" aria-hidden="true">Theme</div>
        <div role="group" aria-label="Theme">
          @for (t of themes; track t.value) {
            <button type="button" class="menu-item" cdkMenuItemRadio [cdkMenuItemChecked]="theme.choice() === t.value" (cdkMenuItemTriggered)="theme.set(t.value)" [attr.data-testid]="'theme-' + t.value">{{ t.label }}</button>
          }
        </div>
        <hr class="menu-sep" />
        <button type="button" class="menu-item danger" cdkMenuItem (cdkMenuItemTriggered)="logout.emit()" data-testid="logout">Log out</button>
      </div>
    </ng-template>

    <ng-template #themeOnly>
      <div class="menu" cdkMenu role="menu" aria-label="Theme">
        @for (t of themes; track t.value) {
          <button type="button" class="menu-item" cdkMenuItemRadio [cdkMenuItemChecked]="theme.choice() === t.value" (cdkMenuItemTriggered)="theme.set(t.value)">{{ t.label }}</button>
        }
      </div>
    </ng-template>
  `,
})
export class TopBar {
  protected readonly session = inject(SessionStore);
  protected readonly theme = inject(Theme);
  private readonly searchBox = viewChild(SearchBox);
  readonly logout = output<void>();
  readonly help = output<void>();

  protected readonly themes: { value: ThemeChoice; label: string }[] = [
    { value: 'system', label: 'Same as the system' },
    { value: 'light', label: 'Light' },
    { value: 'dark', label: 'Dark' },
  ];
  initial(name: string): string {
    return (name.trim()[0] ?? '?').toLocaleUpperCase();
  }

  focusSearch(): void {
    this.searchBox()?.focus();
  }
}
