import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rota's holders are the posts held now (一人多岗, ADR 0009/0010): a post added, ended or changed, or a post
 * type made (not) dispatchable, is a change of who may be chosen, announced on `rota_changed` as rota edits are.
 */
export class RotaFollowsPosts1763901510000 implements MigrationInterface {
  name = 'RotaFollowsPosts1763901510000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['user_posts', 'post_types']) {
      await q.query(`CREATE TRIGGER ${table}_rota_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_rota_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['user_posts', 'post_types']) await q.query(`DROP TRIGGER ${table}_rota_changed ON ${table}`);
  }
}
