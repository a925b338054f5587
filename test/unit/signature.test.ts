import { createHash, createHmac } from 'node:crypto';
import {
  callSigner,
  callVerifier,
  factsText,
  hmacSha256,
  originText,
  sha256,
} from '../../src/core/signature';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SHA-256 and HMAC-SHA-256 match the standard', () => {
  const messages = [
    '',
    'abc',
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(64),
    'x'.repeat(1000),
    'Ana 👵🏽 Ruíz\u0000\n',
  ];

  test.each(messages)('sha256 of a %#th message', (m) => {
    expect(hex(sha256(m))).toBe(createHash('sha256').update(m, 'utf8').digest('hex'));
  });

  test.each(['k', 'a key of 64 characters '.padEnd(64, '!'), 'a long key '.repeat(10), 'ключ'])(
    'hmac under key %#',
    (key) => {
      const mac = hmacSha256(key);
      for (const m of messages) {
        expect(hex(mac(m))).toBe(
          createHmac('sha256', Buffer.from(key, 'utf8')).update(m, 'utf8').digest('hex'),
        );
      }
    },
  );
});

describe('a call row signature', () => {
  const row = {
    callId: 'C-00ABC',
    loggedAt: new Date('2026-11-23T15:00:07.000Z'),
    staffEmail: 'ortiz@district.example.org',
    staffName: 'Ms. Ortiz',
    school: 'Maple Elementary',
    entry: 'Form',
    callDate: new Date('2026-11-23T06:00:00.000Z'),
    student: 'Mateo Ruiz',
    familyMember: 'Ana Ruiz (grandmother)',
    outcome: 'Conversation',
    urgent: false,
    urgentReason: '',
    okToQuote: false,
    withdrawn: '',
  };
  const tz = 'America/Chicago';
  const sign = callSigner('key', tz);
  const verify = (key: string | null, r: Record<string, unknown>) =>
    callVerifier(key, tz)((k) => (k in r ? r[k] : ''));

  test('is the same for the row as it reads back from the sheet (a millisecond off, email case, spaces)', () => {
    const signature = sign(row);
    expect(signature).toMatch(/^S2\.[A-Za-z0-9_-]{43}$/);
    const readBack = {
      ...row,
      loggedAt: new Date(row.loggedAt.getTime() - 1),
      staffEmail: ' Ortiz@District.example.org',
      urgent: 'FALSE',
    };
    expect(sign(readBack)).toBe(signature);
    expect(verify('key', { ...readBack, signature })).toBe('form');
  });

  test('changes with each covered column and with the key', () => {
    const signature = sign(row);
    const changed = [
      { ...row, callId: 'C-00ABD' },
      { ...row, loggedAt: new Date(row.loggedAt.getTime() + 1000) },
      { ...row, staffEmail: 'nguyen@district.example.org' },
      { ...row, staffName: 'Mr. Nguyen' },
      { ...row, school: 'Oak Middle' },
      { ...row, entry: 'Typed' },
      { ...row, callDate: new Date('2026-11-24T06:00:00.000Z') },
      { ...row, student: 'Sofia Ruiz' },
      { ...row, familyMember: 'Luis Ruiz (father)' },
      { ...row, outcome: 'No answer' },
      { ...row, urgent: true },
      { ...row, urgentReason: 'Marked by caller' },
      { ...row, okToQuote: true },
      { ...row, withdrawn: 'Withdrawn by Ms. Ortiz on 2026-11-23' },
    ];
    for (const c of changed) {
      expect(sign(c)).not.toBe(signature);
      expect(verify('key', { ...c, signature })).toBe(c.entry === 'Typed' ? 'typed' : 'changed');
    }
    expect(callSigner('other key', tz)(row)).not.toBe(signature);
    expect(verify('other key', { ...row, signature })).toBe('changed');
  });

  test('a row signed before OK to Quote and Withdrawn existed still matches while they are blank', () => {
    const { okToQuote: _q, withdrawn: _w, ...before } = row;
    const signature = sign({ ...before, okToQuote: '', withdrawn: '' });
    expect(sign(row)).toBe(signature);
    expect(verify('key', { ...before, signature })).toBe('form');
    expect(verify('key', { ...row, okToQuote: 'FALSE', signature })).toBe('form');
    expect(verify('key', { ...row, okToQuote: true, signature })).toBe('changed');
  });

  test('a row without a signature, or marked Typed, was typed; without a key nothing is from the form', () => {
    expect(verify('key', { ...row, signature: '' })).toBe('typed');
    expect(verify('key', { ...row, entry: 'Typed', signature: sign({ ...row, entry: 'Typed' }) })).toBe(
      'typed',
    );
    expect(verify(null, { ...row, signature: sign(row) })).toBe('changed');
  });

  test("a row signed before the counted columns were covered (S1) is checked on the add-on's columns", () => {
    const s1 =
      'S1.' +
      createHmac('sha256', Buffer.from('key', 'utf8'))
        .update(originText(row, tz), 'utf8')
        .digest('base64url');
    expect(verify('key', { ...row, signature: s1 })).toBe('form');
    expect(verify('key', { ...row, outcome: 'No answer', signature: s1 })).toBe('form');
    expect(verify('key', { ...row, staffName: 'Mr. Nguyen', signature: s1 })).toBe('changed');
  });

  test('reads Logged At as the wall clock of the sheet, which a time zone change keeps', () => {
    expect(originText(row, tz)).toContain('"date:2026-11-23 09:00:07"');
    expect(originText({ ...row, loggedAt: '2026-11-23 09:00:07' }, tz)).not.toBe(originText(row, tz));
    expect(factsText(row, tz)).toContain('"day:2026-11-23"');
  });
});
