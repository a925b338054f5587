/**
 * Where a Call Log row came from, and whether what counts in it changed since: the form signs
 * the columns it fills in (Call ID, Logged At, Staff Email, Staff Name, School, Entry, Withdrawn)
 * and the columns that decide credit, follow-ups and quotes (Call Date, Student, Family Member,
 * Outcome, Urgent, Urgent Reason, OK to Quote) with HMAC-SHA-256 under a key kept in the spreadsheet's document properties. A
 * person who pastes, retypes, types or changes a row cannot make a matching signature without
 * the key, so every row whose counted facts are not what the form wrote is known: Check call log
 * lists it, the Summary counts it per person. Rows signed before the counted columns were covered
 * (scheme S1) are checked on the add-on's columns only.
 *
 * The hash is computed here, in plain TypeScript, rather than with Utilities: checking a log of
 * 100,000 rows then costs no service call per row.
 */
import { cellToDay, stamp } from './dates';
import { text } from './records';

/** The add-on-filled columns the first scheme covered, as read from the row. */
export interface CallOrigin {
  callId: unknown;
  loggedAt: unknown;
  staffEmail: unknown;
  staffName: unknown;
  school: unknown;
}

/** Everything a signature covers now, as read from the row (or as about to be written). */
export interface CallFacts extends CallOrigin {
  entry: unknown;
  callDate: unknown;
  student: unknown;
  familyMember: unknown;
  outcome: unknown;
  urgent: unknown;
  urgentReason: unknown;
  /** The family's consent to be quoted: a tick nobody but the caller (through the form) may give. */
  okToQuote: unknown;
  /** "Withdrawn by … on …": typed by hand it takes a colleague's credit away, so it is signed too. */
  withdrawn: unknown;
}

/** The columns a signature covers, by record key. */
export const SIGNED_KEYS: readonly (keyof CallFacts)[] = [
  'callId',
  'loggedAt',
  'staffEmail',
  'staffName',
  'school',
  'entry',
  'callDate',
  'student',
  'familyMember',
  'outcome',
  'urgent',
  'urgentReason',
  'okToQuote',
  'withdrawn',
];

/** The covered cells of a row, read by record key. */
export function callFactsOf(get: (key: string) => unknown): CallFacts {
  return Object.fromEntries(SIGNED_KEYS.map((k) => [k, get(k)])) as unknown as CallFacts;
}

/** Signatures say which scheme made them: S1 covered the add-on's columns only, S2 the counted facts too. */
const ORIGIN_SCHEME = 'S1.';
const FACTS_SCHEME = 'S2.';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** UTF-8 bytes of `s` into `out` from `at`; returns the end. `out` must have room (4 bytes a char). */
function utf8Into(s: string, out: Uint8Array, at: number): number {
  let n = at;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

const w = new Int32Array(64);

function compress(state: Int32Array, block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const j = at + i * 4;
    w[i] = (block[j] << 24) | (block[j + 1] << 16) | (block[j + 2] << 8) | block[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

/** Scratch space for messages: grown when a longer one comes, reused otherwise. */
let scratch = new Uint8Array(1024);
const digestBlock = new Uint8Array(128);

function scratchFor(s: string): Uint8Array {
  if (scratch.length < s.length * 4 + 72) scratch = new Uint8Array(s.length * 4 + 72);
  return scratch;
}

/**
 * SHA-256 of `message[0..length)`, continuing from `state` after `prefixBlocks` 64-byte blocks
 * were hashed; the digest goes into `out[0..32)`. Pads in place: `message` needs 72 spare bytes.
 */
function finish(
  state: Int32Array,
  prefixBlocks: number,
  message: Uint8Array,
  length: number,
  out: Uint8Array,
): void {
  const s = state.slice();
  const bitLength = (prefixBlocks * 64 + length) * 8;
  let end = length;
  message[end++] = 0x80;
  while (end % 64 !== 56) message[end++] = 0;
  const high = Math.floor(bitLength / 2 ** 32);
  const low = bitLength >>> 0;
  message[end++] = high >>> 24;
  message[end++] = (high >>> 16) & 255;
  message[end++] = (high >>> 8) & 255;
  message[end++] = high & 255;
  message[end++] = low >>> 24;
  message[end++] = (low >>> 16) & 255;
  message[end++] = (low >>> 8) & 255;
  message[end++] = low & 255;
  for (let at = 0; at < end; at += 64) compress(s, message, at);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = s[i] >>> 24;
    out[i * 4 + 1] = (s[i] >>> 16) & 255;
    out[i * 4 + 2] = (s[i] >>> 8) & 255;
    out[i * 4 + 3] = s[i] & 255;
  }
}

export function sha256(message: string): Uint8Array {
  const buffer = scratchFor(message);
  const out = new Uint8Array(32);
  finish(INITIAL, 0, buffer, utf8Into(message, buffer, 0), out);
  return out;
}

/**
 * An HMAC-SHA-256 under `key` (RFC 2104). The key's two padded blocks are hashed once, so each
 * message costs three or four block compressions: a whole Call Log is checked in about a second.
 */
export function hmacSha256(key: string): (message: string) => Uint8Array {
  const keyBuffer = new Uint8Array(key.length * 4);
  let keyBytes: Uint8Array = keyBuffer.subarray(0, utf8Into(key, keyBuffer, 0));
  if (keyBytes.length > 64) keyBytes = sha256(key);
  const padded = (x: number): Uint8Array => {
    const block = new Uint8Array(64);
    for (let i = 0; i < 64; i++) block[i] = (i < keyBytes.length ? keyBytes[i] : 0) ^ x;
    return block;
  };
  const inner = INITIAL.slice();
  compress(inner, padded(0x36), 0);
  const outer = INITIAL.slice();
  compress(outer, padded(0x5c), 0);
  return (message) => {
    const buffer = scratchFor(message);
    finish(inner, 1, buffer, utf8Into(message, buffer, 0), digestBlock);
    const out = new Uint8Array(32);
    finish(outer, 1, digestBlock, 32, out);
    return out;
  };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n =
      (bytes[i] << 16) |
      ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8) |
      (i + 2 < bytes.length ? bytes[i + 2] : 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += BASE64URL[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** A Date cell as the wall-clock second in `timeZone` (what the cell keeps); other values as text. */
function instantText(value: unknown, timeZone: string): string {
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const ms = (value as Date).getTime();
    if (!isNaN(ms)) {
      const second = new Date(Math.round(ms / 1000) * 1000);
      return `date:${stamp(second, timeZone)}:${String(second.getUTCSeconds()).padStart(2, '0')}`;
    }
  }
  return `text:${text(value)}`;
}

/** A calendar day: a Date cell, or YYYY-MM-DD as the form writes it, as the day; other text as typed. */
function dayText(value: unknown, timeZone: string): string {
  const day = cellToDay(value, timeZone);
  return day ? `day:${day}` : `text:${text(value)}`;
}

/**
 * The first scheme's signed text: each add-on column as it reads back from the sheet. Logged At
 * is the wall-clock second in the spreadsheet's time zone, which is what the cell keeps even
 * when a leader changes that time zone later; the form writes it in whole seconds, so rounding
 * undoes the cell's millisecond drift.
 */
export function originText(fields: CallOrigin, timeZone: string): string {
  return JSON.stringify([
    text(fields.callId),
    instantText(fields.loggedAt, timeZone),
    text(fields.staffEmail).toLowerCase(),
    text(fields.staffName),
    text(fields.school),
  ]);
}

/**
 * A signer for any text the add-on writes and reads back later (the refresh's stored parts):
 * the HMAC of the text under the tracker's key, in base64url.
 */
export function textSigner(key: string): (text: string) => string {
  const mac = hmacSha256(key);
  return (text) => base64url(mac(text));
}

function ticked(value: unknown): boolean {
  return value === true || text(value).toUpperCase() === 'TRUE';
}

/**
 * The signed text of the current scheme: the add-on's columns and the counted facts. OK to Quote
 * and Withdrawn join it only when set, so rows signed before those columns existed still match.
 */
export function factsText(fields: CallFacts, timeZone: string): string {
  const later: Array<[string, unknown]> = [];
  if (ticked(fields.okToQuote)) later.push(['okToQuote', true]);
  if (text(fields.withdrawn) !== '') later.push(['withdrawn', text(fields.withdrawn)]);
  return JSON.stringify([
    text(fields.callId),
    instantText(fields.loggedAt, timeZone),
    text(fields.staffEmail).toLowerCase(),
    text(fields.staffName),
    text(fields.school),
    text(fields.entry),
    dayText(fields.callDate, timeZone),
    text(fields.student),
    text(fields.familyMember),
    text(fields.outcome),
    ticked(fields.urgent),
    text(fields.urgentReason),
    ...later,
  ]);
}

/** A signer for many rows under one key (the key's blocks are hashed once). */
export function callSigner(key: string, timeZone: string): (fields: CallFacts) => string {
  const mac = hmacSha256(key);
  return (fields) => FACTS_SCHEME + base64url(mac(factsText(fields, timeZone)));
}

/** How a row's counted facts stand against what the add-on wrote. */
export type CallOriginKind =
  /** Logged with the form (or fixed through it) and unchanged since. */
  | 'form'
  /** Typed or pasted on the sheet: never logged with the form. */
  | 'typed'
  /** Logged with the form, then changed by hand: its signature no longer matches. */
  | 'changed';

/** The Entry of a row typed on the sheet (onEdit fills it in with the row's other add-on columns). */
export const TYPED_ENTRY = 'Typed';
export const FORM_ENTRY = 'Form';
/** The Entry of a row its caller (or their principal, a leader) fixed from the form, which signed it again. */
export const EDITED_ENTRY = 'Edited in form';

/** Tells each row's origin under one key; without a key no row can be from the form. */
export function callVerifier(
  key: string | null,
  timeZone: string,
): (get: (key: string) => unknown) => CallOriginKind {
  const mac = key ? hmacSha256(key) : null;
  return (get) => {
    const signature = text(get('signature'));
    if (signature === '' || text(get('entry')) === TYPED_ENTRY) return 'typed';
    if (!mac) return 'changed';
    if (signature.startsWith(FACTS_SCHEME))
      return FACTS_SCHEME + base64url(mac(factsText(callFactsOf(get), timeZone))) === signature
        ? 'form'
        : 'changed';
    if (signature.startsWith(ORIGIN_SCHEME))
      return ORIGIN_SCHEME + base64url(mac(originText(callFactsOf(get), timeZone))) === signature
        ? 'form'
        : 'changed';
    return 'changed';
  };
}

export interface OriginProblem {
  /** The sheet row number. */
  row: number;
  callId: string;
  staffEmail: string;
  message: string;
}

export const NO_SIGNATURE_MESSAGE = 'Typed or pasted on the sheet, not logged with the form.';
export const UNKNOWN_EDITOR_MESSAGE =
  'Typed on the sheet by someone Google did not name: a leader should fill in Staff Email, Staff Name and School. Until School is filled, an urgent note on it reaches nobody.';
export const WRONG_SIGNATURE_MESSAGE =
  'Changed by hand after logging: its Call ID, Logged At, Staff Email, Staff Name, School, Call Date, Student, Family Member, Outcome, Urgent, Urgent Reason, OK to Quote or Withdrawn is not what the form wrote (changed, retyped or pasted from another row).';

/**
 * Every row whose counted facts are not what the form signed. Without a key (no call was logged
 * with the form yet) no row can be signed, so every row is listed.
 */
export function originProblems(
  rows: ReadonlyArray<{ row: number; get: (key: string) => unknown }>,
  key: string | null,
  timeZone: string,
): OriginProblem[] {
  const verify = callVerifier(key, timeZone);
  const problems: OriginProblem[] = [];
  for (const { row, get } of rows) {
    const origin = verify(get);
    if (origin === 'form') continue;
    problems.push({
      row,
      callId: text(get('callId')),
      staffEmail: text(get('staffEmail')),
      message:
        origin === 'changed'
          ? WRONG_SIGNATURE_MESSAGE
          : text(get('staffEmail')) === '' || text(get('school')) === ''
            ? UNKNOWN_EDITOR_MESSAGE
            : NO_SIGNATURE_MESSAGE,
    });
  }
  return problems;
}

// ---- Follow-ups rows

/** What a Follow-ups row's signature covers: the ledger id it stands for, its call, school and kind. */
export interface FollowUpOrigin {
  id: string;
  callId: string;
  school: string;
  kind: string;
}

function followUpText(f: FollowUpOrigin): string {
  return JSON.stringify(['F1', f.id, f.callId.trim(), f.school.trim(), f.kind]);
}

/**
 * A Follow-ups row's Signature: the ledger id it stands for, a dot, then the HMAC. The id in
 * front lets Sheets' own search find a follow-up's row without reading the tab.
 */
export function followUpSigner(key: string): (f: FollowUpOrigin) => string {
  const mac = hmacSha256(key);
  return (f) => `${f.id}.${base64url(mac(followUpText(f))).slice(0, 22)}`;
}

/**
 * The ledger id a Follow-ups signature names, read without the key (it is in the clear, in front):
 * what the row claims to stand for, not a proof. '' when the text is no signature at all.
 */
export function signedFollowUpId(signature: string): string {
  const dot = signature.lastIndexOf('.');
  return dot > 0 ? signature.slice(0, dot) : '';
}

/** The ledger id a row stands for when its signature is the add-on's; null for a typed or altered row. */
export function followUpVerifier(
  key: string | null,
): (signature: string, row: Omit<FollowUpOrigin, 'id'>) => string | null {
  const sign = key ? followUpSigner(key) : null;
  return (signature, row) => {
    const id = signedFollowUpId(signature);
    return sign && id && sign({ ...row, id }) === signature ? id : null;
  };
}
