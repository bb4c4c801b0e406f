import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The versioned columns of a category: what a list edit changes (the rest, code, parent, sensitivity, order, is the category's own). */
const STATE_COLUMNS = ['name', 'name_en', 'handling_level', 'department_code', 'clock', 'time_limits', 'requires_verification', 'points', 'extra_fields', 'kind', 'auto_register', 'auto_dispatch', 'auto_escalate_on_overdue'];

/**
 * The responsibility list, versioned (issue 17; ADR 0011). Every change to a category is a dated row of
 * `category_versions` with who and why; a version may take effect later than it is made. The `categories` row
 * keeps the state of the version in effect (for the SQL that reads it: Open311, sensitivity), moved by
 * `apply_due_category_versions()` when a version is written and when a scheduled one comes due. Every existing
 * category gets its version 1 (as it is now, in effect since always), and every existing case records it.
 */
export class CategoryVersions1763901300000 implements MigrationInterface {
  name = 'CategoryVersions1763901300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE category_versions (
        category_code varchar(64) NOT NULL REFERENCES categories(code) ON UPDATE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        effective_from timestamptz NOT NULL,
        name varchar(128) NOT NULL,
        name_en varchar(128) NOT NULL,
        handling_level varchar(16) NOT NULL CHECK (handling_level IN ('district', 'zone', 'village', 'grid', 'department')),
        department_code varchar(32) REFERENCES departments(code) ON UPDATE CASCADE,
        clock varchar(16) NOT NULL CHECK (clock IN ('working', 'calendar')),
        time_limits jsonb NOT NULL,
        requires_verification boolean NOT NULL,
        points integer NOT NULL,
        extra_fields jsonb NOT NULL DEFAULT '[]',
        kind varchar(16) CHECK (kind IN ('event', 'component')),
        auto_register boolean,
        auto_dispatch boolean,
        auto_escalate_on_overdue boolean,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_by_name varchar(64) NOT NULL,
        PRIMARY KEY (category_code, version)
      )`);
    await q.query(`CREATE INDEX category_versions_effective_idx ON category_versions (effective_from)`);
    await q.query(`ALTER TABLE categories ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`
      INSERT INTO category_versions (category_code, version, effective_from, ${STATE_COLUMNS.join(', ')}, reason, created_by_name)
      SELECT code, 1, '1970-01-01T00:00:00Z', ${STATE_COLUMNS.join(', ')}, 'the list as it stood when versions began', 'system' FROM categories`);
    // Instant on any table size (PostgreSQL keeps the default as the old rows' value); new rows must name their version.
    await q.query(`ALTER TABLE cases ADD COLUMN category_version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE cases ALTER COLUMN category_version DROP DEFAULT`);
    await q.query(`
      CREATE FUNCTION apply_due_category_versions() RETURNS integer LANGUAGE sql AS $$
        WITH due AS (
          SELECT DISTINCT ON (category_code) * FROM category_versions WHERE effective_from <= now()
          ORDER BY category_code, effective_from DESC, version DESC
        ), moved AS (
          UPDATE categories c SET version = d.version, ${STATE_COLUMNS.map((column) => `${column} = d.${column}`).join(', ')}
          FROM due d WHERE d.category_code = c.code AND c.version <> d.version
          RETURNING 1
        )
        SELECT count(*)::int FROM moved
      $$`);
    // A new version is announced like any change of the list: every instance reloads its copy.
    await q.query(`CREATE TRIGGER category_versions_reference_changed AFTER INSERT OR UPDATE OR DELETE ON category_versions FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION apply_due_category_versions`);
    await q.query(`ALTER TABLE cases DROP COLUMN category_version`);
    await q.query(`ALTER TABLE categories DROP COLUMN version`);
    await q.query(`DROP TABLE category_versions`);
  }
}
