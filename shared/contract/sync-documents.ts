import { MAX_UPLOAD_BYTES } from './uploads.js';

/**
 * Documents between desks and the server (issue 10, « Documents »): each content travels once,
 * addressed by the SHA-256 of the bytes that travel — a piece as deposited, a health document as
 * its desk stores it (encrypted) — so that the server checks what it stores without any key.
 * `PUT /sync/documents/:sha256` (raw bytes) and `GET /sync/documents/:sha256`, desks only.
 */

/** The address of a content: its SHA-256, 64 lowercase hex digits. */
export const BLOB_ADDRESS = /^[0-9a-f]{64}$/;

/** An upload is 10 Mo at most; an encrypted file adds its header, IV and tag (under 100 bytes). */
export const MAX_BLOB_BYTES = MAX_UPLOAD_BYTES + 4096;

/** The content type of the bytes both ways. */
export const BLOB_CONTENT_TYPE = 'application/octet-stream';
