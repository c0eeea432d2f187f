import { inject } from '@angular/core';
import { CanActivateFn, Router, Routes } from '@angular/router';
import { ViewMemory } from './core/project-context';
import { SessionStore } from './core/session';
import { TaskDialogRoute, confirmDiscard } from './pages/task-dialog';

const signedIn: CanActivateFn = (_route, state) => {
  const session = inject(SessionStore);
  return session.signedIn() ? true : inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

const signedOut: CanActivateFn = () => {
  const session = inject(SessionStore);
  return session.signedIn() ? inject(Router).createUrlTree(['/next-up']) : true;
};

/** The task dialog under a list: `<list>/tasks/<taskId>`. */
const taskDialog = { path: 'tasks/:taskId', component: TaskDialogRoute, canDeactivate: [confirmDiscard], title: 'Task · TaskRocket' };

/** The meeting dialog under a calendar: `<calendar>/meetings/new?day=…`, `<calendar>/meetings/<id>`. */
const meetingDialog = (path: string) => ({ path, title: 'Meeting · TaskRocket', loadComponent: () => import('./pages/meeting-dialog').then((m) => m.MeetingDialogRoute) });
const calendarChildren = () => [
  taskDialog,
  meetingDialog('meetings/new'),
  meetingDialog('meetings/:meetingId'),
];

/**
 * Every screen, tab, filter, sort and open task has a URL (ui/README.md,
 * "Routing"): tabs are child routes, filters and sort query parameters,
 * the task dialog a child route of the list it opens over.
 */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'next-up' },
  { path: 'login', canActivate: [signedOut], title: 'Sign in · TaskRocket', loadComponent: () => import('./pages/login').then((m) => m.LoginPage) },
  { path: 'signup', canActivate: [signedOut], title: 'Sign up · TaskRocket', loadComponent: () => import('./pages/signup').then((m) => m.SignupPage) },
  { path: 'projects', canActivate: [signedIn], title: 'Projects · TaskRocket', loadComponent: () => import('./pages/projects').then((m) => m.ProjectsPage) },
  {
    path: 'projects/:id',
    canActivate: [signedIn],
    title: 'Project · TaskRocket',
    loadComponent: () => import('./pages/project').then((m) => m.ProjectPage),
    children: [
      // The Tasks tab opens the view last used in this project.
      { path: '', pathMatch: 'full', redirectTo: ({ params }) => `/projects/${params['id']}/${inject(ViewMemory).get(params['id'])}` },
      { path: 'tasks', pathMatch: 'full', redirectTo: ({ params }) => `/projects/${params['id']}/${inject(ViewMemory).get(params['id'])}` },
      { path: 'list', loadComponent: () => import('./pages/project-list').then((m) => m.ProjectListPage), children: [taskDialog] },
      { path: 'board', loadComponent: () => import('./pages/board').then((m) => m.BoardPage), children: [taskDialog] },
      { path: 'members', title: 'Members · TaskRocket', loadComponent: () => import('./pages/members-panel').then((m) => m.MembersPanel) },
      { path: 'labels', title: 'Labels · TaskRocket', loadComponent: () => import('./pages/labels-panel').then((m) => m.LabelsPanel) },
      { path: 'settings', title: 'Settings · TaskRocket', loadComponent: () => import('./pages/settings-panel').then((m) => m.SettingsPanel) },
      { path: 'activity', title: 'Activity · TaskRocket', loadComponent: () => import('./pages/activity-panel').then((m) => m.ActivityPanel) },
      { path: 'calendar', title: 'Calendar · TaskRocket', loadComponent: () => import('./pages/calendar').then((m) => m.CalendarPage), children: calendarChildren() },
      // Links in notifications and e-mails: /projects/<id>/tasks/<taskId>.
      { path: 'tasks/:taskId', redirectTo: ({ params }) => `/tasks/${params['taskId']}` },
      { path: '**', redirectTo: 'list' },
    ],
  },
  { path: 'next-up', canActivate: [signedIn], title: 'Next up · TaskRocket', loadComponent: () => import('./pages/next-up').then((m) => m.NextUpPage) },
  {
    path: 'my-tasks',
    canActivate: [signedIn],
    title: 'My tasks · TaskRocket',
    loadComponent: () => import('./pages/my-tasks').then((m) => m.MyTasksPage),
    children: [taskDialog],
  },
  {
    path: 'calendar',
    canActivate: [signedIn],
    title: 'Calendar · TaskRocket',
    loadComponent: () => import('./pages/calendar').then((m) => m.CalendarPage),
    children: calendarChildren(),
  },
  // A task's shareable link: opens it over its project's list or board.
  { path: 'tasks/:taskId', canActivate: [signedIn], title: 'Task · TaskRocket', loadComponent: () => import('./pages/task-link').then((m) => m.TaskLinkPage) },
  { path: 'invitations', canActivate: [signedIn], title: 'My invitations · TaskRocket', loadComponent: () => import('./pages/invitations').then((m) => m.InvitationsPage) },
  { path: 'notifications', canActivate: [signedIn], title: 'Notifications · TaskRocket', loadComponent: () => import('./pages/notifications-page').then((m) => m.NotificationsPage) },
  { path: 'profile', canActivate: [signedIn], title: 'Profile · TaskRocket', loadComponent: () => import('./pages/profile').then((m) => m.ProfilePage) },
  { path: '**', redirectTo: 'projects' },
];
