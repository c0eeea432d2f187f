import { DatePipe } from '@angular/common';
import { Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { FieldError } from '../ui/field-error';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Invitation, Member, Project } from '../core/models';
import { ProjectContext } from '../core/project-context';
import { People, memberName } from '../core/people';
import { SessionStore } from '../core/session';

@Component({
  selector: 'tr-members-panel',
  imports: [FormsModule, DatePipe, FieldError],
  template: `
    <div class="two-col">
      <section class="card">
        <h2>Members</h2>
        @if (error(); as e) { <p class="alert error" role="alert">{{ e.message }}</p> }
        <ul class="list" data-testid="member-list">
          @for (m of members(); track m.userId) {
            <li class="row between" data-testid="member-row">
              <span class="row tight">
                <strong data-testid="member-name">{{ m.displayName || (m.username ? '' : 'Deleted account') }}</strong>
                @if (m.username) { <span class="muted" data-testid="member-username">&#64;{{ m.username }}</span> }
                @if (m.userId === meId()) { <span class="muted small">(you)</span> }
                <span class="badge" [class.accent]="m.role === 'owner'" data-testid="member-role">{{ m.role }}</span>
              </span>
              <span class="row small muted">
                joined {{ m.joinedAt | date: 'mediumDate' }}
                @if (isOwner() && m.role !== 'owner' && !project().archived) {
                  @if (m.username) {
                    <button type="button" class="btn small" (click)="transfer(m)" [disabled]="busy()" [attr.aria-label]="'Make owner: ' + memberLabel(m)" data-testid="member-make-owner">Make owner</button>
                  }
                  <button type="button" class="btn small danger" (click)="removeMember(m)" [disabled]="busy()" [attr.aria-label]="'Remove ' + memberLabel(m) + ' from the project'" data-testid="member-remove">Remove</button>
                }
              </span>
            </li>
          }
        </ul>
        @if (!isOwner()) {
          <button type="button" class="btn danger small" (click)="leave()" [disabled]="project().archived" data-testid="leave-project">Leave project</button>
        }
      </section>

      @if (isOwner()) {
        <section class="card">
          <h2>Invite someone</h2>
          <form class="form-grid" (ngSubmit)="invite(f)" #f="ngForm" novalidate data-testid="invite-form">
            <label class="field">
              <span>Invite by</span>
              <select name="by" [(ngModel)]="by" data-testid="invite-by">
                <option value="username">Username</option>
                <option value="email">Email</option>
              </select>
            </label>
            <label class="field">
              <span>{{ by === 'email' ? 'Email address' : 'Username' }}</span>
              @if (by === 'email') {
                <input name="who" type="email" [(ngModel)]="who" #whoModel="ngModel" required email autocomplete="off" data-testid="invite-who"
                  aria-describedby="invite-who-error" [attr.aria-invalid]="whoModel.invalid && (whoModel.touched || f.submitted)" />
                <tr-field-error id="invite-who-error" [control]="whoModel" [submitted]="f.submitted" [server]="inviteError()?.fields?.['email']" />
              } @else {
                <input name="who" [(ngModel)]="who" #whoModel="ngModel" required autocomplete="off" data-testid="invite-who"
                  aria-describedby="invite-who-error" [attr.aria-invalid]="whoModel.invalid && (whoModel.touched || f.submitted)" />
                <tr-field-error id="invite-who-error" [control]="whoModel" [submitted]="f.submitted" [server]="inviteError()?.fields?.['username']" />
              }
            </label>
            <label class="field">
              <span>Role</span>
              <select name="role" [(ngModel)]="role" data-testid="invite-role">
                <option value="participant">Participant</option>
              </select>
            </label>
            <label class="field wide">
              <span>Message (optional)</span>
              <textarea name="message" [(ngModel)]="message" rows="2" maxlength="500"></textarea>
            </label>
            @if (inviteError(); as e) { <p class="alert error wide" role="alert" data-testid="form-error">{{ e.message }}</p> }
            @if (inviteNotice(); as n) { <p class="alert success wide" role="status" data-testid="invite-notice">{{ n }}</p> }
            <div class="wide">
              <button type="submit" class="btn primary" [disabled]="busy() || project().archived" data-testid="invite-submit">Send invitation</button>
            </div>
          </form>

          <h3>Pending invitations</h3>
          <ul class="list" data-testid="pending-invitations">
            @for (i of pending(); track i.id) {
              <li class="row between" data-testid="pending-invitation">
                <span>{{ i.invitee.username ? '@' + i.invitee.username : i.invitee.email }} <span class="muted small">· expires {{ i.expiresAt | date: 'mediumDate' }}</span></span>
                <button type="button" class="btn small" (click)="cancel(i)" [disabled]="project().archived" [attr.aria-label]="'Cancel the invitation of ' + (i.invitee.username ? '@' + i.invitee.username : i.invitee.email)">Cancel</button>
              </li>
            } @empty {
              <li class="muted">None.</li>
            }
          </ul>
        </section>
      }
    </div>
  `,
})
export class MembersPanel {
  private readonly api = inject(Api);
  private readonly session = inject(SessionStore);
  private readonly people = inject(People);

  private readonly ctx = inject(ProjectContext);
  protected readonly project = computed(() => this.ctx.project() as Project);
  protected readonly members = this.ctx.members;

  protected readonly isOwner = computed(() => this.project().role === 'owner');
  protected readonly meId = computed(() => this.session.user()?.id);
  protected readonly invitations = signal<Invitation[]>([]);
  protected readonly pending = computed(() => this.invitations().filter((i) => i.status === 'pending'));
  protected readonly error = signal<ApiError | null>(null);
  protected readonly inviteError = signal<ApiError | null>(null);
  protected readonly inviteNotice = signal<string | null>(null);
  protected readonly busy = signal(false);

  by: 'username' | 'email' = 'username';
  who = '';
  role: 'participant' = 'participant';
  message = '';

  constructor() {
    effect(() => {
      if (this.isOwner()) untracked(() => this.loadInvitations());
    });
  }

  memberLabel(m: Member): string {
    return memberName(m);
  }

  loadInvitations(): void {
    this.api.projectInvitations(this.project().id, 'all').subscribe({
      next: (page) => {
        for (const i of page.items) {
          this.people.remember(i.invitee.userId, i.invitee.username);
          this.people.remember(i.invitedBy.userId, i.invitedBy.username);
        }
        this.invitations.set(page.items);
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  invite(f: NgForm): void {
    if (f.invalid) return;
    this.busy.set(true);
    this.inviteError.set(null);
    this.inviteNotice.set(null);
    const who = this.who.trim();
    const body = this.by === 'email' ? { email: who, role: this.role } : { username: who, role: this.role };
    this.api.invite(this.project().id, { ...body, message: this.message.trim() || undefined }).subscribe({
      next: () => {
        this.busy.set(false);
        this.inviteNotice.set(`Invitation sent to ${this.by === 'email' ? who : '@' + who}.`);
        this.who = '';
        this.message = '';
        f.resetForm({ by: this.by, role: this.role, who: '', message: '' });
        this.loadInvitations();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.inviteError.set(toApiError(err));
      },
    });
  }

  cancel(i: Invitation): void {
    this.api.cancelInvitation(this.project().id, i.id).subscribe({
      next: () => this.loadInvitations(),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  removeMember(m: Member): void {
    if (!confirm(`Remove ${memberName(m)} from the project?`)) return;
    this.api.removeMember(this.project().id, m.userId).subscribe({
      next: () => this.ctx.reloadMembers(),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  transfer(m: Member): void {
    if (!confirm(`Make ${memberName(m)} the owner of “${this.project().name}”? You will become a participant.`)) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.transferOwnership(this.project().id, m.userId).subscribe({
      next: (p) => {
        this.busy.set(false);
        this.invitations.set([]);
        // The project as the caller now sees it, after handing over the ownership.
        this.ctx.project.set(p);
        this.ctx.reloadMembers();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  leave(): void {
    if (!confirm('Leave this project?')) return;
    this.api.leaveProject(this.project().id).subscribe({
      next: () => location.assign('/projects'),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
