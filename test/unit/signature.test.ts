import { createHash, createHmac } from 'node:crypto';
import { callSigner, hmacSha256, originText, sha256, signCall } from '../../src/core/signature';

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
  };
  const tz = 'America/Chicago';

  test('is the same for the row as it reads back from the sheet (a millisecond off, email case, spaces)', () => {
    const signature = signCall('key', row, tz);
    expect(signature).toMatch(/^S1\.[A-Za-z0-9_-]{43}$/);
    const readBack = {
      ...row,
      loggedAt: new Date(row.loggedAt.getTime() - 1),
      staffEmail: ' Ortiz@District.example.org',
    };
    expect(signCall('key', readBack, tz)).toBe(signature);
  });

  test('changes with each signed column and with the key', () => {
    const signature = signCall('key', row, tz);
    const changed = [
      { ...row, callId: 'C-00ABD' },
      { ...row, loggedAt: new Date(row.loggedAt.getTime() + 1000) },
      { ...row, staffEmail: 'nguyen@district.example.org' },
      { ...row, staffName: 'Mr. Nguyen' },
      { ...row, school: 'Oak Middle' },
    ];
    for (const c of changed) expect(signCall('key', c, tz)).not.toBe(signature);
    expect(signCall('other key', row, tz)).not.toBe(signature);
  });

  test('reads Logged At as the wall clock of the sheet, which a time zone change keeps', () => {
    expect(originText(row, tz)).toContain('"date:2026-11-23 09:00:07"');
    expect(originText({ ...row, loggedAt: '2026-11-23 09:00:07' }, tz)).not.toBe(originText(row, tz));
  });

  test('signs 100,000 rows in a couple of seconds at most', () => {
    const sign = callSigner('key', tz);
    const started = Date.now();
    for (let i = 0; i < 100_000; i++) sign({ ...row, callId: `C-${i}` });
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
