import { Component, input } from '@angular/core';
import { AbstractControlDirective, ValidationErrors } from '@angular/forms';

/** Words for a field's validation errors; `pattern` says what the pattern wants. */
export function fieldMessage(errors: ValidationErrors | null | undefined, pattern = 'Not in the expected form.'): string | null {
  if (!errors) return null;
  if (errors['required']) return 'Required.';
  if (errors['email']) return 'Enter an e-mail address, like name@example.com.';
  if (errors['minlength']) return `At least ${errors['minlength'].requiredLength} characters.`;
  if (errors['maxlength']) return `At most ${errors['maxlength'].requiredLength} characters.`;
  if (errors['pattern']) return pattern;
  if (typeof errors['message'] === 'string') return errors['message'];
  return 'Not valid.';
}

/**
 * The message under a form field: what the server said about it, else
 * what its validators say once the user left the field or tried to submit.
 * Give it an id and point the input's aria-describedby at it; the input's
 * aria-invalid should follow `shown` (see `invalid()` in forms.ts).
 */
@Component({
  selector: 'tr-field-error',
  template: `
    @if (text(); as t) { <small class="field-error" [attr.id]="id()" data-testid="field-error">{{ t }}</small> }
    @else { <span [attr.id]="id()" hidden></span> }
  `,
})
export class FieldError {
  readonly control = input<AbstractControlDirective | null>(null);
  readonly server = input<string | null | undefined>(null);
  readonly submitted = input(false);
  readonly pattern = input<string>();
  readonly id = input<string>();

  // A method, not a computed: the control's state is not a signal.
  protected text(): string | null {
    return this.server() || this.local();
  }

  private local(): string | null {
    const c = this.control();
    if (!c || !c.invalid || !(c.touched || this.submitted())) return null;
    return fieldMessage(c.errors, this.pattern());
  }
}

/** aria-invalid for a field: invalid and already shown as such. */
export function invalid(c: AbstractControlDirective | null | undefined, submitted: boolean, server?: string | null): boolean {
  return !!server || (!!c && !!c.invalid && (!!c.touched || submitted));
}
