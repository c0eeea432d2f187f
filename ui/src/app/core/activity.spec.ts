import { describeActivity } from './activity';
import { ActivityEntry } from './collab';

function entry(p: Partial<ActivityEntry>): ActivityEntry {
  return { id: '1', type: 't', action: 'task.updated', actorId: 'u1', target: { type: 'task', id: 't1', name: 'Ship it' }, at: '2026-01-01T00:00:00Z', changes: [], ...p };
}
const who = (id: string) => (id === 'u1' ? 'Ada' : 'Bob');

describe('describeActivity', () => {
  it('says which status changed from what to what', () => {
    const e = entry({ action: 'task.status_changed', changes: [{ field: 'status', old: 'todo', new: 'in_progress' }] });
    expect(describeActivity(e, who)).toBe('Ada changed status from To do to In progress of “Ship it”');
  });

  it('lists several changed fields, naming dates and unset values plainly', () => {
    const e = entry({ changes: [{ field: 'priority', old: null, new: 'high' }, { field: 'title', old: 'A', new: 'B' }, { field: 'description', old: 'x', new: 'y' }] });
    expect(describeActivity(e, who)).toBe('Ada changed priority from none to High; title from “A” to “B”; description of “Ship it”');
  });

  it('uses a verb for other actions and falls back to the action name', () => {
    expect(describeActivity(entry({ action: 'comment.created', actorId: 'u2' }), who)).toBe('Bob commented on “Ship it”');
    expect(describeActivity(entry({ action: 'task.created', changes: [] }), who)).toBe('Ada created “Ship it”');
    const onComment = { type: 'comment', id: 'c1' };
    expect(describeActivity(entry({ action: 'comment.created', target: onComment, taskId: 't1' }), who)).toBe('Ada commented on a task');
    expect(describeActivity(entry({ action: 'comment.created', target: onComment, taskId: 't1', taskName: 'Ship it' }), who)).toBe('Ada commented on “Ship it”');
    expect(describeActivity(entry({ action: 'comment.reaction_added', target: onComment }), who)).toBe("Ada reacted to a comment on the project's discussion");
    expect(describeActivity(entry({ action: 'calendar.event_linked', actorId: '' }), who)).toBe('Someone: calendar event linked “Ship it”');
  });

  it('names the member of a membership change, and says "joined" for an accepted invitation', () => {
    const onProject = { type: 'project', id: 'p1', name: 'Launch' };
    expect(describeActivity(entry({ action: 'project.member_added', target: onProject, userId: 'u2' }), who)).toBe('Ada added Bob to “Launch”');
    expect(describeActivity(entry({ action: 'project.member_added', target: onProject, actorId: 'u2', userId: 'u2' }), who)).toBe('Bob joined “Launch”');
    expect(describeActivity(entry({ action: 'project.member_removed', target: onProject, userId: 'u2' }), who)).toBe('Ada removed Bob from “Launch”');
    expect(describeActivity(entry({ action: 'project.member_removed', target: onProject, actorId: 'u2', userId: 'u2' }), who)).toBe('Bob left “Launch”');
  });
});
