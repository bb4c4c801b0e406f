import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A change of settings (the working calendar among them) is announced like the responsibility list: every instance reloads at once. */
export class CalendarNotify1763900660000 implements MigrationInterface {
  name = 'CalendarNotify1763900660000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER settings_reference_changed AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER settings_reference_changed ON settings`);
  }
}
