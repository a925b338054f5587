/** Session and User. */
import { createHash } from 'crypto';
import { type Host, NEEDS, ServiceObject } from './host';

export class User extends ServiceObject {
  constructor(
    host: Host,
    private readonly email: string,
  ) {
    super(host, 'User');
  }

  getEmail(): string {
    return this.email;
  }
}

export class Session extends ServiceObject {
  constructor(host: Host) {
    super(host, 'Session');
  }

  /** In simple triggers (LIMITED) the email is blank unless the owner's Workspace domain shares it. */
  private _visible(email: string): string {
    const exec = this.host.current;
    if (!exec) return this.host.wb.owner;
    return this.host.visibleEmail(email, exec.authMode);
  }

  getActiveUser(): User {
    this.host.require('Session.getActiveUser', NEEDS.email);
    return new User(this.host, this._visible(this.host.current?.user ?? this.host.wb.owner));
  }

  getEffectiveUser(): User {
    this.host.require('Session.getEffectiveUser', NEEDS.email);
    return new User(this.host, this._visible(this.host.current?.effectiveUser ?? this.host.wb.owner));
  }

  getScriptTimeZone(): string {
    this.host.require('Session.getScriptTimeZone', NEEDS.limited);
    return this.host.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    this.host.require('Session.getActiveUserLocale', NEEDS.limited);
    return 'en';
  }

  getTemporaryActiveUserKey(): string {
    this.host.require('Session.getTemporaryActiveUserKey', NEEDS.limited);
    const user = this.host.current?.user ?? this.host.wb.owner;
    return createHash('sha256').update(`${this.host.wb.id}\n${user}`).digest('base64').slice(0, 43);
  }
}
