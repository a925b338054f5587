/** A client-made id for one submit, [A-Za-z0-9_-]{22}: a retry of the same form reuses it. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export function newSubmissionId(): string {
  const bytes = new Uint8Array(22);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
