/** Why a file cannot be read as a territory at all: a code clients word themselves, with the values it names. */
export const TERRITORY_FILE_PROBLEMS = [
  'unknown_format',
  'invalid_json',
  'not_feature_collection',
  'not_feature',
  'unsupported_crs',
  'unreadable_kml',
  'unreadable_zip',
  'no_shp',
  'no_dbf',
  'corrupt_shapefile',
  'shp_dbf_mismatch',
  'unknown_encoding',
  'unsupported_geographic_crs',
  'unreadable_projection',
  'no_features',
] as const;
export type TerritoryFileProblem = (typeof TERRITORY_FILE_PROBLEMS)[number];

/** A file that cannot be read as a territory at all (corrupt, wrong format, unknown projection). */
export class TerritoryFileError extends Error {
  override readonly name = 'TerritoryFileError';

  constructor(
    readonly code: TerritoryFileProblem,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
