/** A file that cannot be read as a territory at all (corrupt, wrong format, unknown projection). */
export class TerritoryFileError extends Error {
  override readonly name = 'TerritoryFileError';
}
