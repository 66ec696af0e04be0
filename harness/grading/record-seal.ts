/**
 * Seals record files (run-records.ts) with a secret of their folder: AES-256-GCM under a random key
 * kept beside them in `key` (0600, created once; the folder 0700). A record's body holds scenario
 * arguments and answer hashes, the hidden tier's among them, so unsealed it was an answer key for
 * whoever could read it; and an unkeyed hash of its body let anyone who could write it forge one.
 * Sealed, a file not written with this folder's key does not open, and is rebuilt, never trusted.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_BYTES = 32;

export interface Sealed {
  readonly iv: Uint8Array;
  readonly tag: Uint8Array;
  readonly data: Uint8Array;
}

/** The folder, made 0700 if new (and narrowed to it if ours), and its key, made once. */
export function folderKey(dir: string): Buffer {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    // Not ours to narrow: its key below is still checked.
  }
  const file = join(dir, 'key');
  const existing = readKey(file);
  if (existing !== undefined) return existing;
  const key = randomBytes(KEY_BYTES);
  try {
    // Exclusive: two processes starting together agree on the first one's key.
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    const raced = readKey(file);
    if (raced !== undefined) return raced;
  }
  // A key file anyone else could have read or written: replaced, so what it sealed no longer opens.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, key, { mode: 0o600 });
  renameSync(tmp, file);
  return key;
}

/** The key in `file` when only this user can have read or written it. */
function readKey(file: string): Buffer | undefined {
  try {
    const st = lstatSync(file);
    // Windows reports every file as 0o666 (access there is ACLs, which a user's own profile folder already limits).
    const othersMayAccess = process.platform !== 'win32' && (st.mode & 0o077) !== 0;
    if (!st.isFile() || othersMayAccess || (process.getuid !== undefined && st.uid !== process.getuid()) || st.size !== KEY_BYTES) return undefined;
    const key = readFileSync(file);
    return key.length === KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}

/** `body` sealed under `key`; `context` (what the file is for) is bound to it. */
export function seal(key: Buffer, body: Uint8Array, context: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(body), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

/** The body sealed under `key` for `context`, or undefined when it was not (forged, altered, another folder's). */
export function unseal(key: Buffer, sealed: Partial<Sealed>, context: string): Buffer | undefined {
  const { iv, tag, data } = sealed;
  if (!(iv instanceof Uint8Array) || !(tag instanceof Uint8Array) || !(data instanceof Uint8Array) || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
}
