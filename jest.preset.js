const nxPreset = require('@nx/jest/preset').default;

// Packages published only as ES modules; jest runs CommonJS, so ts-jest transpiles them.
const esmOnly = [
  'flatbush',
  'flatqueue',
  'd3-delaunay',
  'delaunator',
  'robust-predicates',
  'supercluster',
  'kdbush',
  'react-leaflet',
  '@react-leaflet',
];

module.exports = {
  ...nxPreset,
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, isolatedModules: true }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};
