import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { Component, DestroyRef, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { Api } from '../core/api';
import { CalendarApi, Meeting, MeetingRequest, MeetingResponse } from '../core/calendar-api';
import { addDays } from '../core/calendar';
import { ApiError, toApiError } from '../core/errors';
import { Member, Project } from '../core/models';
import { memberName } from '../core/people';
import { RecurrenceChoice, RecurrenceField, buildRule, defaultChoice, parseRule, recurrenceError } from '../core/recurrence';
import { SessionStore } from '../core/session';
import { Shortcuts } from '../core/shortcuts';
import { allTimeZones, browserZone } from '../core/time';
import { Toasts } from '../core/toasts';
import { FieldError, invalid } from '../ui/field-error';
import { RecurrenceFields } from './recurrence-fields';

export interface MeetingEditorData {
  /** The meeting to show; none: a new one. */
  meetingId?: string;
  /** A new meeting's day ("YYYY-MM-DD"). */
  day?: string;
  /** A new meeting's project. */
  projectId?: string;
}

const RESPONSES: { value: MeetingResponse; label: string }[] = [
  { value: 'accepted', label: 'Accept' },
  { value: 'tentative', label: 'Maybe' },
  { value: 'declined', label: 'Decline' },
];

/**
 * A meeting in a dialog: created or changed by its organizer (title, start
 * and end in a time zone, project, attendees among its members, location,
 * link, description, an optional repetition), deleted by them; an invited
 * person reads it and answers. Closes with `true` when something changed.
 */
@Component({
  selector: 'tr-meeting-editor',
  imports: [FormsModule, FieldError, RecurrenceFields],
  templateUrl: './meeting-editor.html',
})
export class MeetingEditor implements OnInit {
  private readonly api = inject(Api);
  private readonly calendar = inject(CalendarApi);
  private readonly session = inject(SessionStore);
  private readonly toasts = inject(Toasts);
  protected readonly ref = inject<DialogRef<boolean>>(DialogRef);
  protected readonly data = inject<MeetingEditorData>(DIALOG_DATA);
  protected readonly invalid = invalid;
  protected readonly responses = RESPONSES;
  protected readonly zones = allTimeZones();

  protected readonly meeting = signal<Meeting | null>(null);
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly projects = signal<Project[]>([]);
  protected readonly members = signal<Member[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly recErrors = signal<Partial<Record<RecurrenceField, string>>>({});
  protected readonly me = computed(() => this.session.user()?.id ?? '');
  protected readonly canEdit = computed(() => !this.meeting() || this.meeting()!.organizerId === this.me());
  protected readonly myResponse = computed(() => this.meeting()?.attendees.find((a) => a.userId === this.me())?.response ?? null);
  /** Something was saved: the calendar reloads when the dialog closes. */
  protected changed = false;

  title = '';
  start = '';
  end = '';
  timezone = browserZone();
  projectId = '';
  attendees = new Set<string>();
  location = '';
  link = '';
  description = '';
  repeats = false;
  choice: RecurrenceChoice = defaultChoice();
  /** A rule this editor cannot show as choices: kept unless the repetition is changed. */
  private keptRule: string | null = null;

  constructor() {
    inject(Shortcuts).register([], inject(DestroyRef), { modal: true });
  }

  ngOnInit(): void {
    this.api.projects('false').subscribe({ next: (p) => this.projects.set(p.items), error: () => undefined });
    if (!this.data.meetingId) {
      const day = this.data.day ?? new Date().toISOString().slice(0, 10);
      this.start = `${day}T09:00`;
      this.end = `${day}T09:30`;
      this.timezone = this.session.timezone();
      if (this.data.projectId) {
        this.projectId = this.data.projectId;
        this.loadMembers(this.projectId);
      }
      this.loaded.set(true);
      return;
    }
    this.calendar.meeting(this.data.meetingId).subscribe({
      next: (m) => {
        this.fill(m);
        this.loaded.set(true);
      },
      error: (err: unknown) => this.loadError.set(toApiError(err)),
    });
  }

  private fill(m: Meeting): void {
    this.meeting.set(m);
    this.title = m.title;
    this.start = m.start.slice(0, 16);
    this.end = m.end.slice(0, 16);
    this.timezone = m.timezone;
    this.projectId = m.projectId ?? '';
    this.attendees = new Set(m.attendees.map((a) => a.userId));
    this.location = m.location;
    this.link = m.link;
    this.description = m.description;
    this.repeats = !!m.rrule;
    this.keptRule = null;
    if (m.rrule) {
      const c = parseRule(m.rrule, this.start);
      if (c) this.choice = c;
      else this.keptRule = m.rrule;
    }
    if (this.projectId) this.loadMembers(this.projectId);
  }

  loadMembers(projectId: string): void {
    this.members.set([]);
    if (!projectId) return;
    this.api.members(projectId).subscribe({ next: (p) => this.members.set(p.items), error: () => undefined });
  }

  /** The end follows a moved start, keeping the length. */
  startChanged(): void {
    if (!/^\d{4}-\d{2}-\d{2}T/.test(this.start) || !/^\d{4}-\d{2}-\d{2}T/.test(this.end)) return;
    if (this.end <= this.start) this.end = `${this.start.slice(0, 10)}T${this.end.slice(11, 16)}`;
    if (this.end <= this.start) this.end = `${addDays(this.start.slice(0, 10), 1)}T${this.end.slice(11, 16)}`;
  }

  toggle(id: string): void {
    if (!this.attendees.delete(id)) this.attendees.add(id);
  }

  name(m: Member): string {
    return memberName(m);
  }

  answerOf(userId: string): MeetingResponse | null {
    return this.meeting()?.attendees.find((a) => a.userId === userId)?.response ?? null;
  }

  responseLabel(r: MeetingResponse): string {
    return { needs_action: 'Not answered', accepted: 'Accepted', declined: 'Declined', tentative: 'Maybe' }[r];
  }

  protected endError(): string | null {
    const f = this.error()?.fields?.['end'];
    if (f === 'before_start') return 'Ends before it starts.';
    return f ?? null;
  }

  save(f: NgForm): void {
    if (f.invalid || this.busy()) return;
    const m = this.meeting();
    const body: MeetingRequest = {
      title: this.title.trim(),
      start: this.start,
      end: this.end,
      timezone: this.timezone,
      description: this.description,
      location: this.location.trim(),
      link: this.link.trim(),
    };
    if (this.projectId) {
      body.projectId = this.projectId;
      body.attendeeIds = [...this.attendees].filter((id) => id !== this.me() && this.members().some((x) => x.userId === id));
    }
    if (this.repeats) {
      const rule = this.keptRule ?? buildRule(this.choice, this.start);
      if (rule) body.rrule = rule;
    }
    this.busy.set(true);
    this.error.set(null);
    this.recErrors.set({});
    (m ? this.calendar.updateMeeting(m.id, body) : this.calendar.createMeeting(body)).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.changed = true;
        this.calendar.changed();
        this.toasts.show(`Saved the meeting “${saved.title}”${saved.summary ? ', repeating ' + saved.summary : ''}.`, 'success');
        this.ref.close(true);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        const rec = recurrenceError(e, this.choice.end);
        if (rec) this.recErrors.set({ [rec.field]: rec.message });
        if (e.fields['end'] === 'before_start') e.fields['end'] = 'Ends before it starts.';
        if (e.fields['attendeeIds'] === 'too_many') e.fields['attendeeIds'] = 'At most 100 attendees.';
        // The fields say what is wrong; the form only points at them.
        if (Object.keys(e.fields).length || rec) e.message = 'Check the fields marked above.';
        this.error.set(e);
      },
    });
  }

  respond(r: MeetingResponse): void {
    const m = this.meeting();
    if (!m) return;
    this.busy.set(true);
    this.calendar.respond(m.id, r).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.changed = true;
        this.calendar.changed();
        this.meeting.set(updated);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  remove(): void {
    const m = this.meeting();
    if (!m || !confirm(`Delete the meeting “${m.title}”${m.rrule ? ' and all its occurrences' : ''}?`)) return;
    this.busy.set(true);
    this.calendar.deleteMeeting(m.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.calendar.changed();
        this.toasts.show(`Deleted the meeting “${m.title}”.`, 'success');
        this.ref.close(true);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
