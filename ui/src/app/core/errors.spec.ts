import { HttpErrorResponse } from '@angular/common/http';
import { sentence, toApiError } from './errors';

describe('server messages', () => {
  it('are shown as sentences', () => {
    expect(sentence('title: required')).toBe('Title: required.');
    expect(sentence('Already fine.')).toBe('Already fine.');
    expect(sentence('')).toBe('');
  });

  it('keep the code and the fields the server named', () => {
    const e = toApiError(
      new HttpErrorResponse({ status: 400, error: { error: { code: 'validation_failed', message: 'invalid fields', details: { fields: { title: 'required' } } } } }),
    );
    expect(e).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid fields.', fields: { title: 'Required.' } });
  });

  it('say what to do for a lost connection', () => {
    expect(toApiError(new HttpErrorResponse({ status: 0 })).message).toContain('Cannot reach the server');
  });
});
