// Territory files and boundary edits (GeoJSON, KML, zipped Shapefile; reprojection; validation; split/merge):
// the API's import and edit services use them. Apart from the main entry so that the web app, which imports
// distances and outlines from '@grid/geo', never bundles the file readers and their projection tables.
export * from './lib/territory';
