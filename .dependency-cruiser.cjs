/**
 * The layer rule of DESIGN.md: shared imports nothing of ours; main services never import
 * electron (only main/electron does); renderer and portal import shared only.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ is pure TypeScript: it imports nothing of ours and no Node built-in.',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/zod'] },
    },
    {
      name: 'electron-only-in-main-electron',
      severity: 'error',
      comment: 'Only main/electron/ may import electron.',
      from: { pathNot: '^main/electron/' },
      to: { path: '^node_modules/electron/|^electron$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'electron-by-name-only-in-main-electron',
      severity: 'error',
      from: { pathNot: '^main/electron/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'unknown'], path: '^electron$' },
    },
    {
      name: 'renderer-imports-shared-only',
      severity: 'error',
      comment: 'The renderer talks to main through the contract only.',
      from: { path: '^renderer/' },
      to: { path: '^(main|portal|tests|scripts)/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'portal-imports-shared-only',
      severity: 'error',
      from: { path: '^portal/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'main-not-renderer',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^(renderer|portal|tests)/' },
    },
    {
      name: 'services-below-entry-points',
      severity: 'error',
      comment: 'Services are called by the entry points (api, web host, CLI, Electron), never the reverse.',
      from: { path: '^main/(services|store)/' },
      to: { path: '^main/(api|web|cli|electron)/' },
    },
    {
      name: 'store-below-services',
      severity: 'error',
      comment: 'main/store/ holds the store and its own helpers; it knows no domain.',
      from: { path: '^main/store/' },
      to: { path: '^main/services/' },
    },
    {
      name: 'domain-through-its-index',
      severity: 'error',
      comment: 'A domain of main/services/ uses another only through its index.ts (its public face).',
      from: { path: '^main/services/([^/]+)/' },
      to: { path: '^main/services/([^/]+)/', pathNot: ['^main/services/$1/', '^main/services/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
