/** The setup domain's public face: what other domains and the entry points may use. */
export { DEFAULT_DEMO_FAMILIES, loadDemo } from './demo.js';
export { demoProgress, dismissNotice, setupLoadDemo, setupState, startEmpty } from './setup.js';
