/** PropertiesService and CacheService: string stores per scope (script, document, each user). */
import { type Host, NEEDS, ServiceObject } from './host';

export class PropertiesService extends ServiceObject {
  constructor(host: Host) {
    super(host, 'PropertiesService');
  }

  getScriptProperties(): Properties {
    this.host.require('PropertiesService.getScriptProperties', NEEDS.limited);
    return new Properties(this.host, () => this.host.wb.scriptProperties);
  }
  getDocumentProperties(): Properties {
    this.host.require('PropertiesService.getDocumentProperties', NEEDS.limited);
    return new Properties(this.host, () => this.host.wb.documentProperties);
  }
  /** Per user: the effective user of the execution. */
  getUserProperties(): Properties {
    this.host.require('PropertiesService.getUserProperties', NEEDS.limited);
    const user = this.host.actingUser();
    return new Properties(this.host, () => {
      let store = this.host.wb.userProperties.get(user);
      if (!store) {
        store = new Map();
        this.host.wb.userProperties.set(user, store);
      }
      return store;
    });
  }
}

/** Apps Script's quotas: 9 kB a value, 500 kB a store (keys and values, in UTF-8 bytes). */
export const PROPERTY_VALUE_BYTES = 9 * 1024;
export const PROPERTY_STORE_BYTES = 500 * 1024;

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export class Properties extends ServiceObject {
  constructor(
    host: Host,
    private readonly store: () => Map<string, string>,
  ) {
    super(host, 'Properties');
  }

  /** Writes every entry or none: a value over 9 kB, or a store over 500 kB, is refused. */
  private _write(entries: ReadonlyArray<readonly [string, string]>, clear: boolean): void {
    const store = this.store();
    const next = new Map(clear ? [] : store);
    for (const [k, v] of entries) {
      if (bytes(v) > PROPERTY_VALUE_BYTES) throw this.host.exception('Argument too large: value');
      next.set(k, v);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_BYTES)
      throw this.host.exception(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    store.clear();
    for (const [k, v] of next) store.set(k, v);
  }

  getProperty(key: string): string | null {
    return this.store().get(String(key)) ?? null;
  }
  setProperty(key: string, value: unknown): this {
    this._write([[String(key), String(value)]], false);
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store());
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): this {
    this._write(
      Object.entries(properties).map(([k, v]) => [k, String(v)] as const),
      Boolean(deleteAllOthers),
    );
    return this;
  }
  deleteProperty(key: string): this {
    this.store().delete(String(key));
    return this;
  }
  deleteAllProperties(): this {
    this.store().clear();
    return this;
  }
  getKeys(): string[] {
    return [...this.store().keys()];
  }
}

const MAX_TTL_SECONDS = 21600;
const MAX_VALUE_BYTES = 100 * 1024;
const MAX_KEY_CHARS = 250;

export class CacheService extends ServiceObject {
  constructor(host: Host) {
    super(host, 'CacheService');
  }

  getScriptCache(): Cache {
    this.host.require('CacheService.getScriptCache', NEEDS.limited);
    return new Cache(this.host, 'script');
  }
  getDocumentCache(): Cache {
    this.host.require('CacheService.getDocumentCache', NEEDS.limited);
    return new Cache(this.host, 'document');
  }
  getUserCache(): Cache {
    this.host.require('CacheService.getUserCache', NEEDS.limited);
    return new Cache(this.host, `user:${this.host.actingUser()}`);
  }
}

/** Entries expire by the emulator clock; ttl defaults to 600 s and is capped at 21600 s. */
export class Cache extends ServiceObject {
  constructor(
    host: Host,
    private readonly scope: string,
  ) {
    super(host, 'Cache');
  }

  private _entries(): Map<string, { value: string; expires: number }> {
    let entries = this.host.caches.get(this.scope);
    if (!entries) {
      entries = new Map();
      this.host.caches.set(this.scope, entries);
    }
    return entries;
  }
  private _key(key: unknown): string {
    const k = String(key);
    if (k.length > MAX_KEY_CHARS) throw this.host.exception('Argument too large: key');
    return k;
  }

  get(key: string): string | null {
    const entries = this._entries();
    const k = this._key(key);
    const entry = entries.get(k);
    if (!entry) return null;
    if (entry.expires <= this.host.now()) {
      entries.delete(k);
      return null;
    }
    return entry.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.get(key);
      if (v !== null) out[String(key)] = v;
    }
    return out;
  }
  put(key: string, value: unknown, expirationInSeconds = 600): void {
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES)
      throw this.host.exception('Argument too large: value');
    const ttl = Math.min(Math.max(Number(expirationInSeconds), 1), MAX_TTL_SECONDS);
    this._entries().set(this._key(key), { value: v, expires: this.host.now() + ttl * 1000 });
  }
  putAll(values: Record<string, unknown>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this._entries().delete(this._key(key));
  }
  removeAll(keys: string[]): void {
    for (const key of keys) this.remove(key);
  }
}
