import { DatePipe } from '@angular/common';
import { Component, OnInit, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Invitation } from '../core/models';
import { People } from '../core/people';
import { LoadState } from '../ui/load-state';

@Component({
  selector: 'tr-invitations',
  imports: [RouterLink, DatePipe, LoadState],
  template: `
    <div class="page-head"><h1>My invitations</h1></div>
    <tr-load-state [loading]="loading()" [error]="error()" [empty]="items().length === 0" (retry)="load()">
      <span data-testid="no-invitations">No pending invitations.</span>
    </tr-load-state>
    @for (j of joined(); track j.projectId) {
      <p class="alert success" role="status" data-testid="joined-notice">
        You joined {{ j.projectName }}. <a [routerLink]="['/projects', j.projectId]" data-testid="open-joined">Open project →</a>
      </p>
    }
    @if (items().length) {
      <ul class="list cards" data-testid="my-invitations">
        @for (i of items(); track i.id) {
          <li class="card row between wrap" data-testid="invitation">
            <div>
              <strong data-testid="invitation-project">{{ i.projectName }}</strong>
              <div class="small muted">
                from {{ i.invitedBy.username ? '@' + i.invitedBy.username : 'the owner' }} · as {{ i.role }} · expires {{ i.expiresAt | date: 'medium' }}
              </div>
              @if (i.message) { <p class="pre">{{ i.message }}</p> }
            </div>
            <div class="row">
              <button type="button" class="btn primary" (click)="accept(i)" [disabled]="busy()" [attr.aria-label]="'Accept the invitation to ' + i.projectName" data-testid="invitation-accept">Accept</button>
              <button type="button" class="btn" (click)="reject(i)" [disabled]="busy()" [attr.aria-label]="'Decline the invitation to ' + i.projectName" data-testid="invitation-reject">Decline</button>
            </div>
          </li>
        }
      </ul>
    }
  `,
})
export class InvitationsPage implements OnInit {
  private readonly api = inject(Api);
  private readonly people = inject(People);
  protected readonly items = signal<Invitation[]>([]);
  protected readonly joined = signal<{ projectId: string; projectName: string }[]>([]);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    this.load();
  }

  load(): void {
    this.api.myInvitations().subscribe({
      next: (page) => {
        for (const i of page.items) this.people.remember(i.invitedBy.userId, i.invitedBy.username);
        this.items.set(page.items);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  accept(i: Invitation): void {
    this.act(this.api.acceptInvitation(i.id), () => this.joined.set([...this.joined(), { projectId: i.projectId, projectName: i.projectName }]));
  }

  reject(i: Invitation): void {
    this.act(this.api.rejectInvitation(i.id), () => undefined);
  }

  private act(call: import('rxjs').Observable<unknown>, after: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        after();
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        this.load();
      },
    });
  }
}
