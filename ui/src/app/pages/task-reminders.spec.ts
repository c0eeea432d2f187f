import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TaskReminders, describeReminder } from './task-reminders';

describe('describeReminder', () => {
  it('says when a reminder comes in words', () => {
    expect(describeReminder({ minutesBefore: 0, atTime: null })).toBe('When it is due');
    expect(describeReminder({ minutesBefore: 15, atTime: null })).toBe('15 minutes before');
    expect(describeReminder({ minutesBefore: 60, atTime: null })).toBe('1 hour before');
    expect(describeReminder({ minutesBefore: 2880, atTime: null })).toBe('2 days before');
    expect(describeReminder({ minutesBefore: 10080, atTime: null })).toBe('1 week before');
    expect(describeReminder({ minutesBefore: 0, atTime: '09:00' })).toBe('At 09:00 on the due date');
  });
});

describe('TaskReminders', () => {
  const reminder = { id: 'r1', kind: 'task', targetId: 't1', minutesBefore: 1440, atTime: null, nextAt: '2026-03-09T15:00:00Z', lastAt: null, snoozedUntil: null, createdAt: '2026-03-01T00:00:00Z' };

  function setup() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(TaskReminders);
    fixture.componentRef.setInput('taskId', 't1');
    fixture.componentRef.setInput('dueAt', '2026-03-10T15:00:00Z');
    fixture.detectChanges();
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  it('lists the task reminders, adds one at a time of day and deletes one', async () => {
    const { fixture, http, el } = setup();
    http.expectOne((r) => r.url === '/api/v1/calendar/reminders' && r.params.get('kind') === 'task' && r.params.get('targetId') === 't1').flush({ items: [reminder] });
    fixture.detectChanges();
    expect(el.querySelectorAll('[data-testid="reminder-row"]').length).toBe(1);
    expect(el.textContent).toContain('1 day before');
    await fixture.whenStable();

    const select = el.querySelector('[data-testid="reminder-when"]') as HTMLSelectElement;
    select.value = 'at';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    await fixture.whenStable();
    (el.querySelector('[data-testid="reminder-add"]') as HTMLButtonElement).click();
    const add = http.expectOne({ method: 'POST', url: '/api/v1/calendar/reminders' });
    expect(add.request.body).toEqual({ kind: 'task', targetId: 't1', atTime: '09:00' });
    add.flush({ ...reminder, id: 'r2', minutesBefore: 0, atTime: '09:00' });
    fixture.detectChanges();
    expect(el.textContent).toContain('At 09:00 on the due date');

    (el.querySelector('[data-testid="reminder-delete"]') as HTMLButtonElement).click();
    http.expectOne({ method: 'DELETE', url: '/api/v1/calendar/reminders/r1' }).flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(el.querySelectorAll('[data-testid="reminder-row"]').length).toBe(1);
    http.verify();
  });

  it('explains a task the calendar has not heard of yet', () => {
    const { fixture, http, el } = setup();
    http.expectOne(() => true).flush({ items: [] });
    (el.querySelector('[data-testid="reminder-add"]') as HTMLButtonElement).click();
    http.expectOne({ method: 'POST', url: '/api/v1/calendar/reminders' }).flush(
      { error: { code: 'task_not_found', message: 'no such task' } }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="reminders-error"]')?.textContent).toContain('has not heard of this task yet');
  });
});
