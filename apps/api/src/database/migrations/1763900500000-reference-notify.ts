import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Any change to the responsibility list or the departments is announced, so every instance drops its cache at once. */
export class ReferenceNotify1763900500000 implements MigrationInterface {
  name = 'ReferenceNotify1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('reference_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['categories', 'departments', 'users']) {
      await q.query(`CREATE TRIGGER ${table}_reference_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['categories', 'departments', 'users']) await q.query(`DROP TRIGGER ${table}_reference_changed ON ${table}`);
    await q.query(`DROP FUNCTION notify_reference_changed`);
  }
}
