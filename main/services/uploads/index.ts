/** The uploads domain's public face: what other domains and the entry points may use. */
export { openHealthDocument, storeHealthDocument } from './health.js';
export { storeRequestPiece } from './pieces.js';
