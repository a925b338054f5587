/** Utilities and Logger. */
import { createHash, randomUUID } from 'crypto';
import { format } from 'util';
import { formatJavaDate, zoneOrGmt } from './dates';
import { type Host, ServiceObject } from './host';

export const DigestAlgorithm = Object.freeze({
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
});
export const Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' });

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Apps Script byte arrays are Java bytes: -128..127. */
function toSignedBytes(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}

export class Utilities extends ServiceObject {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;

  constructor(host: Host) {
    super(host, 'Utilities');
  }

  private _bytes(data: unknown, charset?: string): Buffer {
    if (typeof data === 'string') return Buffer.from(data, charset === 'US_ASCII' ? 'ascii' : 'utf8');
    if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 255));
    throw this.host.exception("The parameters don't match the method signature for Utilities.");
  }

  /** Java SimpleDateFormat patterns; an unknown time zone id formats in GMT, as Java does. */
  formatDate(date: Date, timeZone: string, pattern: string): string {
    if (!isDate(date) || typeof timeZone !== 'string' || typeof pattern !== 'string') {
      throw this.host.exception("The parameters don't match the method signature for Utilities.formatDate.");
    }
    return formatJavaDate(date.getTime(), zoneOrGmt(timeZone), pattern, {
      notImplemented: (what) => this.host.notImplemented(what),
      invalid: (message) => this.host.exception(message),
    });
  }
  getUuid(): string {
    return randomUUID();
  }
  /** Advances a fixed clock; with the real clock it returns at once. */
  sleep(milliseconds: number): void {
    if (milliseconds > 300000) throw this.host.exception('Sleep time must be at most 300000 milliseconds.');
    if (this.host.clock.fixed) this.host.clock.advance(Number(milliseconds));
  }
  base64Encode(data: unknown, charset?: string): string {
    return this._bytes(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return this._bytes(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return toSignedBytes(Buffer.from(String(encoded), 'base64'));
  }
  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const name = NODE_DIGEST[String(algorithm)];
    if (!name) throw this.host.notImplemented(`Utilities.computeDigest ${String(algorithm)}`);
    return toSignedBytes(createHash(name).update(this._bytes(value, charset)).digest());
  }
}

/** Logger.log writes to the execution's logs. */
export class Logger extends ServiceObject {
  constructor(host: Host) {
    super(host, 'Logger');
  }

  log(data: unknown, ...values: unknown[]): this {
    this.host.current?.logs.push(values.length ? format(String(data), ...values) : format(data));
    return this;
  }
  getLog(): string {
    return (this.host.current?.logs ?? []).join('\n');
  }
  clear(): void {
    this.host.current?.logs.splice(0);
  }
}
