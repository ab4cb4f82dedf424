import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, randomInt, scryptSync, type KeyObject } from 'node:crypto';
import { newTypedCode, readTypedCode } from '../../../shared/domain/typed-code.js';

/**
 * The recovery code (issue 9): printed once by the administrator, it unwraps the document keys on
 * another machine. The code (20 characters of Crockford's base32, 100 bits) is stretched by scrypt
 * into an X25519 private key; the base keeps only the public half, so that a new key (a rotation)
 * is wrapped for the code without asking for it. Each key is sealed with an ephemeral X25519
 * exchange, HKDF-SHA256 and AES-256-GCM, with the key's id as associated data.
 */

const CODE_LENGTH = 20;

export interface RecoveryKdf {
  algorithm: 'scrypt';
  salt: string;
  N: number;
  r: number;
  p: number;
}

/** A wrapped key as stored in `document_keys.recovery_wrap` (all base64). */
export interface RecoveryWrap {
  epk: string;
  iv: string;
  tag: string;
  ct: string;
}

/** A new code, grouped by four for reading aloud and typing: `7K2M-…`. */
export function newRecoveryCode(): string {
  return newTypedCode(CODE_LENGTH, randomInt);
}

/** The code as typed (shared/domain/typed-code.ts); null when it cannot be a code. */
export function normaliseRecoveryCode(typed: string): string | null {
  return readTypedCode(typed, CODE_LENGTH);
}

export function newKdf(): RecoveryKdf {
  return { algorithm: 'scrypt', salt: randomBytes(16).toString('base64'), N: 2 ** 15, r: 8, p: 1 };
}

// PKCS#8 DER prefix of a raw X25519 private key (RFC 8410).
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The private key a (normalised) code gives under these parameters. */
export function recoveryPrivateKey(normalisedCode: string, kdf: RecoveryKdf): KeyObject {
  const seed = scryptSync(normalisedCode, Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 64 * 1024 * 1024 });
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export const publicKeyBase64 = (privateKey: KeyObject): string => createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');

const publicKeyFrom = (base64: string): KeyObject => createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });

function kek(shared: Buffer, epk: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), 'guichet: document key wrap', 32));
}

/** Seals a document key for the recovery code's public key. */
export function wrapForRecovery(recoveryPublicKey: string, keyId: string, key: Buffer): RecoveryWrap {
  const recipient = publicKeyFrom(recoveryPublicKey);
  const ephemeral = generateKeyPairSync('x25519');
  const epk = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek(shared, epk, Buffer.from(recoveryPublicKey, 'base64')), iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return { epk: epk.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** Opens a sealed key with the code's private key; throws when it does not fit. */
export function unwrapWithRecovery(privateKey: KeyObject, keyId: string, wrap: RecoveryWrap): Buffer {
  const epk = Buffer.from(wrap.epk, 'base64');
  const shared = diffieHellman({ privateKey, publicKey: publicKeyFrom(wrap.epk) });
  const decipher = createDecipheriv('aes-256-gcm', kek(shared, epk, Buffer.from(publicKeyBase64(privateKey), 'base64')), Buffer.from(wrap.iv, 'base64'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(wrap.ct, 'base64')), decipher.final()]);
}
