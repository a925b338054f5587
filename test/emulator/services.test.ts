import { OWNER, TEACHER, emulate } from './helpers';

describe('MailApp', () => {
  const CODE = `
    function send(message) { MailApp.sendEmail(message); return MailApp.getRemainingDailyQuota(); }
    function send4(to, subject, body, options) { MailApp.sendEmail(to, subject, body, options); }
    function quota() { return MailApp.getRemainingDailyQuota(); }`;

  test('records sent mail in the outbox', () => {
    const emu = emulate(CODE, { now: new Date('2026-09-08T15:00:00Z') });
    emu.run(
      'send',
      [{ to: 'p@district.example.org', subject: 'Digest', htmlBody: '<p>x</p>', name: 'Tracker' }],
      {
        user: TEACHER,
      },
    );
    emu.run('send4', [
      'a@district.example.org, b@district.example.org',
      'S',
      'Body',
      { cc: 'c@district.example.org' },
    ]);
    expect(emu.outbox).toEqual([
      {
        to: 'p@district.example.org',
        subject: 'Digest',
        htmlBody: '<p>x</p>',
        name: 'Tracker',
        sentAt: new Date('2026-09-08T15:00:00Z'),
        sentBy: TEACHER,
      },
      {
        to: 'a@district.example.org,b@district.example.org',
        cc: 'c@district.example.org',
        subject: 'S',
        body: 'Body',
        sentAt: new Date('2026-09-08T15:00:00Z'),
        sentBy: OWNER,
      },
    ]);
  });

  test('no recipient and invalid addresses fail', () => {
    const emu = emulate(CODE);
    expect(() => emu.run('send', [{ to: '', subject: 'x', body: 'y' }])).toThrow(
      'Failed to send email: no recipient',
    );
    expect(() => emu.run('send', [{ subject: 'x' }])).toThrow('Failed to send email: no recipient');
    expect(() => emu.run('send', [{ to: 'not-an-email', subject: 'x' }])).toThrow(
      'Invalid email: not-an-email',
    );
    emu.run('send', [{ to: 'Ana Ruiz <ana@district.example.org>', subject: 'x' }]);
    expect(emu.outbox).toHaveLength(1);
  });

  test('every recipient counts against the daily quota, which resets at midnight in the time zone', () => {
    const emu = emulate(CODE, { mailQuota: 3, now: new Date('2026-09-08T15:00:00Z') });
    expect(emu.run('send', [{ to: 'a@x.org,b@x.org', subject: 's' }]).value).toBe(1);
    expect(() => emu.run('send', [{ to: 'a@x.org', cc: 'c@x.org', subject: 's' }])).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(emu.outbox).toHaveLength(1);
    emu.clock.set(new Date('2026-09-09T04:59:00Z'));
    expect(emu.run('quota').value).toBe(1);
    emu.clock.set(new Date('2026-09-09T05:00:00Z'));
    expect(emu.run('quota').value).toBe(3);
  });

  test('a test can make the mail service fail: nothing is sent and no quota is used', () => {
    const emu = emulate(CODE, { mailQuota: 3 });
    emu.failMail((to) => (to === 'a@x.org' ? 'Service unavailable: Gmail' : null));
    expect(() => emu.run('send', [{ to: 'a@x.org', subject: 's' }])).toThrow('Service unavailable: Gmail');
    expect(emu.run('send', [{ to: 'b@x.org', subject: 's' }]).value).toBe(2);
    emu.failMail(null);
    expect(emu.run('send', [{ to: 'a@x.org', subject: 's' }]).value).toBe(1);
    expect(emu.outbox.map((m) => m.to)).toEqual(['b@x.org', 'a@x.org']);
  });

  test('attachments are not implemented', () => {
    const emu = emulate(CODE);
    expect(() => emu.run('send', [{ to: 'a@x.org', subject: 's', attachments: [] }])).toThrow(
      'not implemented',
    );
  });
});

describe('LockService', () => {
  const CODE = `
    function hold() { var l = LockService.getDocumentLock(); l.waitLock(1000); return l.hasLock(); }
    function tryIt() { return LockService.getDocumentLock().tryLock(5000); }
    function waitIt() { LockService.getDocumentLock().waitLock(5000); return 'got it'; }
    function releaseThenOther() {
      var l = LockService.getDocumentLock(); l.waitLock(1000); l.releaseLock(); return l.hasLock();
    }`;

  test('a lock is released when its execution ends', () => {
    const emu = emulate(CODE);
    expect(emu.run('hold').value).toBe(true);
    expect(emu.run('tryIt').value).toBe(true);
    expect(emu.run('releaseThenOther').value).toBe(false);
  });

  test('a second execution cannot take a held lock: tryLock is false, waitLock times out at once', () => {
    const emu = emulate(CODE, { now: new Date('2026-09-08T15:00:00Z') });
    const inner: unknown[] = [];
    emu.onServiceCall = (name) => {
      if (name !== 'Lock.waitLock') return;
      inner.push(emu.run('tryIt', [], { user: TEACHER }).value);
      try {
        emu.run('waitIt', [], { user: TEACHER });
      } catch (e) {
        inner.push((e as Error).message);
      }
    };
    expect(emu.run('hold').value).toBe(true);
    expect(inner).toEqual([false, 'Lock timeout: another process was holding the lock for too long.']);
    expect(emu.clock.now().toISOString()).toBe('2026-09-08T15:00:00.000Z');
  });

  test('user locks are per user; script locks are shared', () => {
    const emu = emulate(`
      function userLock() { return LockService.getUserLock().tryLock(1); }
      function scriptLock() { return LockService.getScriptLock().tryLock(1); }`);
    const results: unknown[] = [];
    let nested = false;
    emu.onServiceCall = (name) => {
      if (name !== 'Lock.tryLock' || nested) return;
      nested = true;
      results.push(
        emu.run('userLock', [], { user: TEACHER }).value,
        emu.run('userLock', [], { user: OWNER }).value,
        emu.run('scriptLock', [], { user: TEACHER }).value,
      );
    };
    emu.run('userLock', [], { user: OWNER });
    expect(results).toEqual([true, false, true]);
    nested = false;
    results.length = 0;
    emu.run('scriptLock', [], { user: OWNER });
    expect(results).toEqual([true, true, false]);
  });
});

describe('ScriptApp triggers', () => {
  const CODE = `
    function schedule() {
      return ScriptApp.newTrigger('runWeeklyDigests').timeBased().everyWeeks(1)
        .onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(7).nearMinute(0).inTimezone('America/Chicago').create().getUniqueId();
    }
    function onOpenTrigger() {
      return ScriptApp.newTrigger('opened').forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create().getEventType();
    }
    function list() {
      return ScriptApp.getProjectTriggers().map(function (t) {
        return [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource()];
      });
    }
    function userTriggers() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).length; }
    function stop() {
      ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); });
    }
    function many() { for (var i = 0; i < 21; i++) ScriptApp.newTrigger('f').timeBased().everyHours(1).create(); }
    function badMinutes() { ScriptApp.newTrigger('f').timeBased().everyMinutes(7).create(); }
    function runWeeklyDigests(e) { return [e.authMode, e.triggerUid, e.year, e.month, e['day-of-month'], e['day-of-week'], e.hour, e.timezone, Session.getEffectiveUser().getEmail()]; }
    function opened(e) { return [e.authMode, e.source.getName(), e.user.getEmail()]; }`;

  test('creates, lists (per user), fires and deletes triggers', () => {
    const emu = emulate(CODE, { now: new Date('2026-09-14T12:30:00Z') });
    const id = emu.run<string>('schedule', [], { user: 'leader@district.example.org' }).value;
    expect(emu.triggers).toEqual([
      {
        uniqueId: id,
        handlerFunction: 'runWeeklyDigests',
        eventType: 'CLOCK',
        triggerSource: 'CLOCK',
        createdBy: 'leader@district.example.org',
        schedule: 'every 1 weeks on MONDAY at hour 7 near minute 0 (America/Chicago)',
      },
    ]);
    expect(emu.run('list', [], { user: 'leader@district.example.org' }).value).toEqual([
      ['runWeeklyDigests', 'CLOCK', 'CLOCK'],
    ]);
    expect(emu.run('list', [], { user: TEACHER }).value).toEqual([]);
    const fired = emu.fireTrigger(id);
    expect(fired.value).toEqual(['FULL', id, 2026, 9, 14, 1, 12, 'UTC', 'leader@district.example.org']);
    expect(fired.user).toBe('leader@district.example.org');
    emu.run('stop', [], { user: 'leader@district.example.org' });
    expect(emu.triggers).toEqual([]);
  });

  test('spreadsheet triggers', () => {
    const emu = emulate(CODE);
    expect(emu.run('onOpenTrigger').value).toBe('ON_OPEN');
    expect(emu.run('userTriggers').value).toBe(1);
    expect(emu.fireTrigger(emu.triggers[0].uniqueId).value).toEqual([
      'FULL',
      'Relationship Call Tracker',
      OWNER,
    ]);
  });

  test('at most 20 triggers per user; invalid schedules throw', () => {
    const emu = emulate(CODE);
    expect(() => emu.run('many')).toThrow('This script has too many triggers.');
    expect(emu.triggers).toHaveLength(20);
    expect(() => emu.run('badMinutes')).toThrow('everyMinutes');
  });
});

describe('PropertiesService', () => {
  const CODE = `
    function set(scope, k, v) { PropertiesService['get' + scope + 'Properties']().setProperty(k, v); }
    function get(scope, k) { return PropertiesService['get' + scope + 'Properties']().getProperty(k); }
    function all(scope) { return PropertiesService['get' + scope + 'Properties']().getProperties(); }
    function bulk() {
      var p = PropertiesService.getScriptProperties();
      p.setProperties({ a: 1, b: true });
      p.deleteProperty('a');
      return p.getKeys();
    }
    function wipe() { PropertiesService.getDocumentProperties().deleteAllProperties(); }`;

  test('stores strings per scope; user properties are per user', () => {
    const emu = emulate(CODE);
    emu.run('set', ['Script', 'n', 5]);
    expect(emu.run('get', ['Script', 'n']).value).toBe('5');
    emu.run('set', ['User', 'pref', 'x'], { user: TEACHER });
    expect(emu.run('get', ['User', 'pref'], { user: TEACHER }).value).toBe('x');
    expect(emu.run('get', ['User', 'pref'], { user: OWNER }).value).toBeNull();
    emu.run('set', ['Document', 'd', 'y']);
    expect(emu.run('all', ['Document']).value).toEqual({ d: 'y' });
    emu.run('wipe');
    expect(emu.run('all', ['Document']).value).toEqual({});
    expect(emu.run('bulk').value).toEqual(['n', 'b']);
    expect(emu.run('get', ['Script', 'b']).value).toBe('true');
  });

  test('a value over 9 kB, or a store over 500 kB, is refused and nothing of that write is kept', () => {
    const emu = emulate(CODE);
    expect(() => emu.run('set', ['Document', 'big', 'x'.repeat(9 * 1024 + 1)])).toThrow(
      'Argument too large: value',
    );
    emu.run('set', ['Document', 'fits', 'é'.repeat(4 * 1024)]);
    for (let i = 0; i < 54; i++) emu.run('set', ['Document', `k${i}`, 'x'.repeat(9 * 1024)]);
    expect(() => emu.run('set', ['Document', 'k54', 'x'.repeat(9 * 1024)])).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(emu.run('get', ['Document', 'k54']).value).toBeNull();
    expect(emu.run('get', ['Document', 'k53']).value).toHaveLength(9 * 1024);
  });
});

describe('CacheService', () => {
  const CODE = `
    function put(k, v, ttl) { CacheService.getScriptCache().put(k, v, ttl); }
    function get(k) { return CacheService.getScriptCache().get(k); }
    function userPut(v) { CacheService.getUserCache().put('k', v); }
    function userGet() { return CacheService.getUserCache().get('k'); }
    function many() {
      var c = CacheService.getDocumentCache();
      c.putAll({ a: 1, b: 2 });
      c.remove('a');
      return c.getAll(['a', 'b']);
    }`;

  test('values expire by the emulator clock (default 600 s, at most 21600 s)', () => {
    const emu = emulate(CODE);
    emu.run('put', ['k', 42]);
    emu.run('put', ['long', 'v', 999999]);
    expect(emu.run('get', ['k']).value).toBe('42');
    emu.clock.advance(600 * 1000);
    expect(emu.run('get', ['k']).value).toBeNull();
    expect(emu.run('get', ['long']).value).toBe('v');
    emu.clock.advance(21000 * 1000);
    expect(emu.run('get', ['long']).value).toBeNull();
  });

  test('user caches are per user; putAll/getAll/remove', () => {
    const emu = emulate(CODE);
    emu.run('userPut', ['mine'], { user: TEACHER });
    expect(emu.run('userGet', [], { user: TEACHER }).value).toBe('mine');
    expect(emu.run('userGet', [], { user: OWNER }).value).toBeNull();
    expect(emu.run('many').value).toEqual({ b: '2' });
  });

  test('values over 100KB throw', () => {
    const emu = emulate(CODE);
    expect(() => emu.run('put', ['big', 'x'.repeat(100 * 1024 + 1)])).toThrow('Argument too large: value');
  });
});

describe('Utilities', () => {
  const CODE = `
    function fmt(iso, tz, pattern) { return Utilities.formatDate(new Date(iso), tz, pattern); }
    function uuid() { return Utilities.getUuid(); }
    function nap() { Utilities.sleep(1500); return Date.now(); }
    function b64() { return [Utilities.base64Encode('héllo'), Utilities.base64Decode('aGk='), Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'a').slice(0, 3)]; }
    function notADate() { return Utilities.formatDate('2026-09-03', 'UTC', 'yyyy'); }`;

  test.each([
    ['2026-09-03T19:05:09Z', 'America/Chicago', 'yyyy-MM-dd HH:mm:ss', '2026-09-03 14:05:09'],
    [
      '2026-09-03T19:05:09Z',
      'America/Chicago',
      "EEE, MMM d, yyyy 'at' h:mm a z",
      'Thu, Sep 3, 2026 at 2:05 PM CDT',
    ],
    [
      '2026-01-03T19:05:09Z',
      'America/Chicago',
      'EEEE MMMM dd yy Z XXX',
      'Saturday January 03 26 -0600 -06:00',
    ],
    ['2026-09-03T04:00:00Z', 'America/Chicago', 'yyyy-MM-dd', '2026-09-02'],
    ['2026-09-03T04:00:00Z', 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX", '2026-09-03T04:00:00Z'],
    ['2026-09-03T04:00:00Z', 'Not/AZone', 'HH:mm z', '04:00 GMT'],
    ['2026-09-03T04:00:00Z', 'GMT+05:30', 'HH:mm Z', '09:30 +0530'],
    ['2026-09-03T00:00:00.045Z', 'UTC', "H h k K S SSS 'it''s' D u", "0 12 24 0 45 045 it's 246 4"],
  ])('formatDate(%s, %s, %j) = %j', (iso, tz, pattern, expected) => {
    expect(emulate(CODE).run('fmt', [iso, tz, pattern]).value).toBe(expected);
  });

  test('formatDate rejects bad patterns and non-dates', () => {
    const emu = emulate(CODE);
    expect(() => emu.run('fmt', ['2026-09-03T00:00:00Z', 'UTC', 'yyyy-qq'])).toThrow(
      "Illegal pattern character 'q'",
    );
    expect(() => emu.run('fmt', ['2026-09-03T00:00:00Z', 'UTC', 'ww'])).toThrow('not implemented');
    expect(() => emu.run('notADate')).toThrow("don't match the method signature for Utilities.formatDate");
  });

  test('getUuid, sleep on a fixed clock, base64 and digests', () => {
    const emu = emulate(CODE, { now: new Date('2026-09-08T15:00:00Z') });
    expect(emu.run('uuid').value).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(emu.run('nap').value).toBe(Date.parse('2026-09-08T15:00:01.500Z'));
    expect(emu.run('b64').value).toEqual(['aMOpbGxv', [104, 105], [12, -63, 117]]);
  });
});
