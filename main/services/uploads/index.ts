/** The uploads domain's public face: what other domains and the entry points may use. */
export { commitUpload, indexUpload } from './file-store.js';
export { mayReadHealth, openHealthDocument, prepareHealthDocument, storeHealthDocument } from './health.js';
export { openRequestPiece, prepareRequestPiece, storeRequestPiece } from './pieces.js';
export { sweepDocuments, SWEEP_MIN_AGE_MS } from './sweep.js';
