const { composePlugins, withNx } = require('@nx/webpack');
const path = require('node:path');

// Published only as ES modules: bundled instead of required at run time (Node 20's require(esm) warns).
const BUNDLED = /^(flatbush|flatqueue|d3-delaunay|delaunator|robust-predicates|supercluster|kdbush)(\/|$)/;

module.exports = composePlugins(withNx({ target: 'node' }), (config) => {
  config.entry = {
    main: path.join(__dirname, 'src/main.ts'),
    cli: path.join(__dirname, 'src/cli.ts'),
  };
  config.output = { ...config.output, filename: '[name].js' };
  const externals = Array.isArray(config.externals) ? config.externals : [config.externals].filter(Boolean);
  config.externals = externals.map((external) =>
    typeof external === 'function'
      ? (data, callback) => (BUNDLED.test(data.request ?? '') ? callback() : external(data, callback))
      : external,
  );
  config.devtool = 'source-map';
  return config;
});
