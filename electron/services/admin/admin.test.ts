import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors';
import { SyncHttpError } from '../../sync/http';
import { adminError } from './admin';

describe('adminError', () => {
  it('turns a refused password into its translated reason at the password field', () => {
    const e = adminError(new SyncHttpError('VALIDATION_FAILED', 'This password is too common: choose one that is harder to guess', 400, 'password'));
    expect(e).toBeInstanceOf(DomainError);
    expect([(e as DomainError).code, (e as DomainError).fields]).toEqual(['VALIDATION_FAILED', [{ path: 'password', code: 'server', message: 'validation.passwordRefused' }]]);
  });

  it('keeps the server’s message for any other field', () => {
    const e = adminError(new SyncHttpError('VALIDATION_FAILED', 'No team t-east', 400, 'teamId')) as DomainError;
    expect(e.fields).toEqual([{ path: 'teamId', code: 'server', message: 'No team t-east' }]);
  });
});
