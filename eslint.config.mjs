import nx from '@nx/eslint-plugin';

/** Packages that tie code to a framework or to I/O; the pure libraries must not import them. */
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'react',
  'react-dom',
  'react-*',
  'leaflet',
  'socket.io',
  'socket.io-client',
  'express',
  'redis',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/vite.config.*.timestamp*', '**/openapi/generated'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:geo', 'type:contracts', 'type:data', 'type:infra'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain', 'type:geo', 'type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:geo', 'type:contracts'], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'type:geo', onlyDependOnLibsWithTags: ['type:geo'], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'scope:web', notDependOnLibsWithTags: ['scope:api'], bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg'] },
            { sourceTag: 'scope:api', notDependOnLibsWithTags: ['scope:web'], bannedExternalImports: ['react', 'react-dom', 'leaflet', 'react-leaflet'] },
          ],
        },
      ],
    },
  },
];
