import { Foundation1763900000000 } from './1763900000000-foundation';

/** Every migration, in order; listed explicitly so the bundled app and the CLI carry them. */
export const MIGRATIONS = [Foundation1763900000000];
