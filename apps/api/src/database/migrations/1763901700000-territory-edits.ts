import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Boundary edits drawn on the map (ADR 0015) wait in `territory_imports` like a file: `edit` says what was drawn
 * (move, split, merge), and `base_version` the version it was made on, so that applying it over a newer version
 * (which its whole-territory features would undo) is refused.
 */
export class TerritoryEdits1763901700000 implements MigrationInterface {
  name = 'TerritoryEdits1763901700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territory_imports ADD COLUMN edit jsonb, ADD COLUMN base_version integer REFERENCES territory_versions(version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territory_imports DROP COLUMN edit, DROP COLUMN base_version`);
  }
}
