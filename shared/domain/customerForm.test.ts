import { describe, expect, it } from 'vitest';
import { validateDocument } from '../schema';
import { customerForm, customerFormValues, customerFromForm } from './customerForm';
import { aCustomer } from './testing/builders';

const ids = () => {
  let n = 0;
  return { newId: () => `0190a0b0-0000-7000-8000-00000000000${++n}`, now: '2026-11-30T08:00:00.000Z' };
};

describe('the customer form', () => {
  it('round-trips a stored customer: id, creation time and site ids kept, empty optional texts left out', () => {
    const stored = aCustomer({ contacts: [{ name: 'Li Lei', email: 'li@example.com' }] });
    const values = customerForm.parse(customerFormValues(stored, 'UTC'));
    expect(values.contacts).toEqual([{ name: 'Li Lei', phone: '', email: 'li@example.com' }]);
    const doc = customerFromForm(values, stored, ids());
    expect(doc).toEqual({ ...stored, updatedAt: '2026-11-30T08:00:00.000Z' });
    expect(validateDocument('customers', doc).ok).toBe(true);
  });

  it('gives a new account and a new site fresh ids and the organisation’s zone', () => {
    const blank = customerFormValues(null, 'Asia/Shanghai');
    expect(blank).toMatchObject({ timeZone: 'Asia/Shanghai', tier: 'general', active: true, contacts: [], sites: [] });
    const values = customerForm.parse({ ...blank, code: ' N-1 ', name: 'New', region: 'cn', sites: [{ id: '', name: 'Depot', region: 'cn', timeZone: 'UTC', address: '' }] });
    const doc = customerFromForm(values, null, ids());
    expect(doc).toMatchObject({ id: '0190a0b0-0000-7000-8000-000000000001', code: 'N-1', createdAt: '2026-11-30T08:00:00.000Z', sites: [{ id: '0190a0b0-0000-7000-8000-000000000002' }] });
    expect('nameZh' in doc).toBe(false);
    expect(validateDocument('customers', doc).ok).toBe(true);
  });

  it('names each bad field with a message key of the admin namespace', () => {
    const r = customerForm.safeParse({
      ...customerFormValues(null, 'Nowhere/City'),
      contacts: [{ name: '', phone: 'x'.repeat(41), email: 'no' }],
      sites: [{ id: '', name: 'S', region: '', timeZone: 'UTC', address: '' }],
    });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['code', 'validation.customerCodeRequired'],
        ['name', 'validation.customerNameRequired'],
        ['region', 'validation.regionRequired'],
        ['timeZone', 'validation.timeZoneInvalid'],
        ['contacts.0.name', 'validation.contactNameRequired'],
        ['contacts.0.phone', 'validation.phoneTooLong'],
        ['contacts.0.email', 'validation.emailInvalid'],
        ['sites.0.region', 'validation.regionRequired'],
      ]),
    );
  });
});
