import { AppNotification } from './notifications';

/** Where a notification leads in the app: its task (at its comment), else its project, else invitations. */
export function notificationLink(n: AppNotification): { commands: string[]; fragment?: string } {
  if (n.kind === 'invitation' && n.reason === 'invitation.sent') return { commands: ['/invitations'] };
  if (n.task && n.reason !== 'task.deleted') return { commands: ['/tasks', n.task.id], fragment: n.commentId ? `comment-${n.commentId}` : undefined };
  if (n.project && n.reason !== 'project.deleted' && n.reason !== 'project.member_removed') return { commands: ['/projects', n.project.id] };
  return { commands: ['/notifications'] };
}
