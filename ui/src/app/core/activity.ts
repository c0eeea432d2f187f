import { ActivityEntry } from './collab';
import { PRIORITY_LABEL, STATUS_LABEL } from './models';

/**
 * An activity entry in words: "Ada changed status from To do to In
 * progress", "Ada commented on “Ship it”". `who` names an actor id.
 */
export function describeActivity(e: ActivityEntry, who: (id: string) => string): string {
  const actor = e.actorId ? who(e.actorId) : 'Someone';
  const name = e.target.name ? `“${e.target.name}”` : unnamed(e);
  const verb = VERBS[e.action];
  if (e.action === 'task.updated' || e.action === 'task.status_changed' || e.action === 'project.updated') {
    const parts = e.changes.map(describeChange);
    if (parts.length) return `${actor} changed ${parts.join('; ')}${e.action.startsWith('task.') ? ` of ${name}` : ''}`;
  }
  const member = memberAction(e, actor, name, who);
  if (member) return member;
  if (verb) return `${actor} ${verb.replace('%s', name)}`;
  const [entity, what] = e.action.split('.');
  return `${actor}: ${entity} ${(what ?? '').replace(/_/g, ' ')} ${e.target.name ? name : ''}`.trim();
}

/** Membership changes name the member: "Ada added Bob to “X”", "Bob joined “X”". */
function memberAction(e: ActivityEntry, actor: string, name: string, who: (id: string) => string): string | undefined {
  if (!e.userId) return undefined;
  const self = e.userId === e.actorId;
  switch (e.action) {
    case 'project.member_added':
      return self ? `${actor} joined ${name}` : `${actor} added ${who(e.userId)} to ${name}`;
    case 'project.member_removed':
      return self ? `${actor} left ${name}` : `${actor} removed ${who(e.userId)} from ${name}`;
    case 'project.member_role_changed':
      return `${actor} changed the role of ${who(e.userId)} in ${name}`;
  }
  return undefined;
}

/** A target the event did not name: a comment is on a task or in the project's discussion. */
function unnamed(e: ActivityEntry): string {
  if (e.target.type === 'comment') return e.taskId ? (e.taskName ? `“${e.taskName}”` : 'a task') : "the project's discussion";
  return `a ${e.target.type}`;
}

const VERBS: Record<string, string> = {
  'task.created': 'created %s',
  'task.updated': 'edited %s',
  'task.status_changed': 'changed the status of %s',
  'task.deleted': 'deleted %s',
  'task.assigned': 'assigned %s',
  'task.unassigned': 'unassigned %s',
  'task.moved': 'moved %s',
  'comment.created': 'commented on %s',
  'comment.updated': 'edited a comment on %s',
  'comment.deleted': 'deleted a comment on %s',
  'comment.reaction_added': 'reacted to a comment on %s',
  'comment.reaction_removed': 'removed a reaction on %s',
  'project.created': 'created the project %s',
  'project.updated': 'edited the project %s',
  'project.archived': 'archived the project %s',
  'project.unarchived': 'unarchived the project %s',
  'project.member_added': 'added a member to %s',
  'project.member_removed': 'removed a member from %s',
  'project.member_left': 'left the project',
  'project.member_role_changed': 'changed the role of %s',
  'project.ownership_transferred': 'transferred the ownership of %s',
  'invitation.sent': 'invited someone to %s',
  'invitation.accepted': 'accepted the invitation to %s',
  'invitation.rejected': 'declined the invitation to %s',
  'invitation.cancelled': 'cancelled an invitation to %s',
  'category.created': 'added the category %s',
  'tag.created': 'added the tag %s',
};

const FIELD_NAMES: Record<string, string> = {
  dueAt: 'the due date',
  startAt: 'the start date',
  assigneeIds: 'the assignees',
  categoryId: 'the category',
  tagIds: 'the tags',
  estimateMinutes: 'the estimate',
  parentId: 'the parent task',
};

function describeChange(c: { field: string; old?: unknown; new?: unknown }): string {
  const field = FIELD_NAMES[c.field] ?? c.field.replace(/([A-Z])/g, ' $1').toLowerCase();
  if (!('new' in c) || typeof c.new === 'object' || field === 'description') return field;
  const v = (x: unknown) => value(c.field, x);
  if (!('old' in c)) return `${field} to ${v(c.new)}`;
  return `${field} from ${v(c.old)} to ${v(c.new)}`;
}

function value(field: string, x: unknown): string {
  if (x === null || x === undefined || x === '') return 'none';
  const s = String(x);
  if (field === 'status') return STATUS_LABEL[s as keyof typeof STATUS_LABEL] ?? s;
  if (field === 'priority') return PRIORITY_LABEL[s as keyof typeof PRIORITY_LABEL] ?? s;
  if (field.endsWith('At') && !Number.isNaN(Date.parse(s))) return new Date(s).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
  return s.length > 60 ? `“${s.slice(0, 57)}…”` : `“${s}”`;
}
