import { inject } from '@angular/core';
import { CanActivateFn, Router, Routes } from '@angular/router';
import { SessionStore } from './core/session';

const signedIn: CanActivateFn = (_route, state) => {
  const session = inject(SessionStore);
  return session.signedIn() ? true : inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

const signedOut: CanActivateFn = () => {
  const session = inject(SessionStore);
  return session.signedIn() ? inject(Router).createUrlTree(['/projects']) : true;
};

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'projects' },
  { path: 'login', canActivate: [signedOut], title: 'Sign in · TaskRocket', loadComponent: () => import('./pages/login').then((m) => m.LoginPage) },
  { path: 'signup', canActivate: [signedOut], title: 'Sign up · TaskRocket', loadComponent: () => import('./pages/signup').then((m) => m.SignupPage) },
  { path: 'projects', canActivate: [signedIn], title: 'Projects · TaskRocket', loadComponent: () => import('./pages/projects').then((m) => m.ProjectsPage) },
  { path: 'projects/:id', canActivate: [signedIn], title: 'Project · TaskRocket', loadComponent: () => import('./pages/project').then((m) => m.ProjectPage) },
  { path: 'my-tasks', canActivate: [signedIn], title: 'My tasks · TaskRocket', loadComponent: () => import('./pages/my-tasks').then((m) => m.MyTasksPage) },
  { path: 'invitations', canActivate: [signedIn], title: 'My invitations · TaskRocket', loadComponent: () => import('./pages/invitations').then((m) => m.InvitationsPage) },
  { path: 'profile', canActivate: [signedIn], title: 'Profile · TaskRocket', loadComponent: () => import('./pages/profile').then((m) => m.ProfilePage) },
  { path: '**', redirectTo: 'projects' },
];
