/** The « Conflits » list (issue 10, business conflicts found by the server): its public face. */
export { listConflicts, resolveConflict } from './conflicts.js';
