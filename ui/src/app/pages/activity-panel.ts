import { Component, input } from '@angular/core';
import { ActivityList } from './activity-list';

/** A project's Activity tab: what its members did, newest first. */
@Component({
  selector: 'tr-activity-panel',
  imports: [ActivityList],
  template: `
    <h2 class="sr-only">Activity</h2>
    <tr-activity-list [projectId]="id()" label="Project activity, newest first" testId="project-activity" />
  `,
})
export class ActivityPanel {
  readonly id = input.required<string>();
}
