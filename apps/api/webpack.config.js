// A plain webpack config, built by the target that @nx/webpack/plugin infers from it (`webpack-cli build`).
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
// Published only as ES modules: bundled instead of required at run time (Node 20's require(esm) warns).
const BUNDLED = /^(flatbush|flatqueue|d3-delaunay|delaunator|robust-predicates|supercluster|kdbush)(\/|$)/;

/** Installed packages stay `require`s at run time (as webpack-node-externals does), except the ES-only ones above. */
function externalPackages({ request }, callback) {
  const name = request?.match(/^(@[^/]+\/[^/]+|[^./][^/]*)/)?.[1];
  if (name && !BUNDLED.test(request) && fs.existsSync(path.join(ROOT, 'node_modules', name))) {
    return callback(null, `commonjs ${request}`);
  }
  return callback();
}

module.exports = {
  output: { path: path.join(ROOT, 'dist/apps/api'), filename: '[name].js' },
  externals: [externalPackages],
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [{ entryName: 'cli', entryPath: './src/cli.ts' }],
      tsConfig: './tsconfig.app.json',
      outputHashing: 'none',
      // A server bundle: readable stack traces matter more than bytes.
      optimization: false,
      sourceMap: true,
      externalDependencies: 'none',
      mergeExternals: true,
      generatePackageJson: false,
    }),
  ],
};
