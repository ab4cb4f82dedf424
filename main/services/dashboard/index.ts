/** The dashboard domain's public face: what other domains and the entry points may use. */
export { getDashboard } from './dashboard.js';
