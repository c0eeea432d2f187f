export interface Profile {
  id: string;
  email: string;
  username: string;
  displayName: string;
  timezone: string;
  locale: string;
  avatarUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
  sessionId: string;
  tokenType: string;
}

export interface LoginResponse extends TokenPair {
  user: Profile;
}

export interface Session {
  id: string;
  userAgent: string;
  clientIp: string;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

export type Role = 'owner' | 'participant';

export interface Project {
  id: string;
  name: string;
  description: string;
  color: string;
  key: string;
  ownerId: string;
  role: Role;
  archived: boolean;
  archivedAt: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  userId: string;
  /** Null when the account no longer exists. */
  username: string | null;
  displayName: string | null;
  role: Role;
  joinedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export type TaskStatus = 'todo' | 'in_progress' | 'done';
export type Priority = 'none' | 'low' | 'medium' | 'high' | 'urgent';

export const STATUSES: TaskStatus[] = ['todo', 'in_progress', 'done'];
export const PRIORITIES: Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];
export const PRIORITY_LABEL: Record<Priority, string> = {
  none: 'No priority',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};
export const STATUS_LABEL: Record<TaskStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

export interface Task {
  id: string;
  projectId: string;
  parentId: string | null;
  title: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  startAt: string | null;
  dueAt: string | null;
  timezone: string | null;
  estimateMinutes: number;
  assigneeIds: string[];
  categoryId: string | null;
  tagIds: string[];
  position: string;
  doneAt: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The priority as the project's priority rules make it (equal to priority while none applies). */
  effectivePriority?: Priority;
  /** Why it differs: "raised by rule: due within 24 h"; null while no rule changes it. */
  effectivePriorityReason?: string | null;
}

export interface StatusCounts {
  todo: number;
  in_progress: number;
  done: number;
}

export interface TaskList extends Page<Task> {
  counts?: StatusCounts;
}

export interface Label {
  id: string;
  projectId: string;
  name: string;
  color: string;
  createdAt: string;
  updatedAt: string;
}

export interface Invitation {
  id: string;
  projectId: string;
  projectName: string;
  invitee: { userId?: string; username?: string; email?: string };
  role: 'participant';
  message: string;
  status: 'pending' | 'accepted' | 'rejected' | 'cancelled' | 'expired';
  invitedBy: { userId: string; username?: string };
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
}

/** A condition of a priority rule (services/priorities). */
export interface RuleCondition {
  kind: 'due_within' | 'overdue' | 'no_due_date' | 'tag_is' | 'category_is' | 'status_is' | 'assignee_is' | 'unassigned' | 'idle_for';
  hours?: number;
  days?: number;
  value?: string;
}

export interface RuleEffect {
  kind: 'at_least' | 'exactly';
  level: Priority;
}

export interface RuleInput {
  condition: RuleCondition;
  effect: RuleEffect;
}

export interface PriorityRule extends RuleInput {
  id: string;
  projectId: string;
  position: number;
  description: string;
  version: number;
}

export interface RulePreviewItem {
  taskId: string;
  title: string;
  dueAt: string | null;
  explicit: Priority;
  from: Priority;
  to: Priority;
  toReason?: string;
}

/** One task of a "Next up" answer. */
export interface NextUpItem {
  taskId: string;
  projectId: string;
  title: string;
  status: TaskStatus;
  explicit: Priority;
  effective: Priority;
  reason?: string;
  dueAt: string | null;
  assigneeIds: string[];
}
