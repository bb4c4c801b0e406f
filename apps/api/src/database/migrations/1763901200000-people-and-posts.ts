import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and posts (issue 17, ADR 0009): a person holds one or more posts (一人多岗), each a role in an area or a
 * department for a span of time, of a post type (the grid's 1+2+N: leader, workers, specialised helpers);
 * departments paired with villages (包村); people imports; a one-time password to change at first sign-in.
 * Every existing user gets one post from their current role, area and department.
 */
export class PeopleAndPosts1763901200000 implements MigrationInterface {
  name = 'PeopleAndPosts1763901200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE post_types (
        code varchar(32) PRIMARY KEY,
        name varchar(64) NOT NULL,
        name_en varchar(64) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('grid_worker', 'grid_leader', 'village_cadre', 'zone_leader',
          'dept_staff', 'dept_head', 'operator', 'assessor', 'admin')),
        dispatchable boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0
      )`);
    // One type per role (same code), then the grid's specialised helpers: they see their grid, receive no dispatch.
    await q.query(`
      INSERT INTO post_types (code, name, name_en, role, dispatchable, sort_order) VALUES
        ('grid_leader', '网格长', 'Grid leader', 'grid_leader', true, 10),
        ('grid_worker', '专职网格员', 'Grid worker', 'grid_worker', true, 20),
        ('grid_police', '网格警长（警格）', 'Grid police officer', 'grid_worker', false, 30),
        ('legal_adviser', '法律顾问', 'Legal adviser', 'grid_worker', false, 40),
        ('building_manager', '楼栋长', 'Building manager', 'grid_worker', false, 50),
        ('volunteer', '网格志愿者', 'Grid volunteer', 'grid_worker', false, 60),
        ('village_cadre', '村（社区）干部', 'Village cadre', 'village_cadre', true, 70),
        ('zone_leader', '片区负责人', 'Zone leader', 'zone_leader', true, 80),
        ('dept_staff', '部门工作人员', 'Department staff', 'dept_staff', true, 90),
        ('dept_head', '部门负责人', 'Department head', 'dept_head', true, 100),
        ('operator', '指挥中心值班员', 'Operator', 'operator', true, 110),
        ('assessor', '考核专员', 'Assessor', 'assessor', false, 120),
        ('admin', '系统管理员', 'Administrator', 'admin', false, 130)`);

    await q.query(`
      CREATE TABLE user_posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        post_type varchar(32) NOT NULL REFERENCES post_types(code) ON UPDATE CASCADE,
        role varchar(16) NOT NULL,
        area_id uuid REFERENCES areas(id) ON DELETE RESTRICT,
        department_id uuid REFERENCES departments(id) ON DELETE RESTRICT,
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_to timestamptz,
        primary_post boolean NOT NULL DEFAULT false,
        end_reason varchar(16) CHECK (end_reason IN ('transfer', 'leave', 'ended', 'disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (area_id IS NOT NULL OR department_id IS NOT NULL),
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX user_posts_user_idx ON user_posts (user_id)`);
    // "Who holds post X in area Y now" (dispatch, on-duty lookups).
    await q.query(`CREATE INDEX user_posts_area_idx ON user_posts (area_id, role) WHERE area_id IS NOT NULL`);
    await q.query(`CREATE INDEX user_posts_department_idx ON user_posts (department_id, role) WHERE department_id IS NOT NULL`);
    await q.query(`
      INSERT INTO user_posts (user_id, post_type, role, area_id, department_id, valid_from, primary_post)
      SELECT id, role, role, area_id, department_id, created_at, true FROM users`);
    // Every way of creating an account (CLI, demo loader, tests, imports) gives it its primary post from its columns.
    await q.query(`
      CREATE FUNCTION user_primary_post() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO user_posts (user_id, post_type, role, area_id, department_id, valid_from, primary_post)
        VALUES (NEW.id, NEW.role, NEW.role, NEW.area_id, NEW.department_id, NEW.created_at, true);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER users_primary_post AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION user_primary_post()`);

    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz`);

    await q.query(`
      CREATE TABLE department_villages (
        department_id uuid NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        village_id uuid NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (department_id, village_id)
      )`);
    await q.query(`CREATE INDEX department_villages_village_idx ON department_villages (village_id)`);

    await q.query(`
      CREATE TABLE people_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name varchar(255) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('valid', 'invalid', 'applied')),
        encoding varchar(16) NOT NULL,
        people jsonb NOT NULL,
        problems jsonb NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE people_imports`);
    await q.query(`DROP TABLE department_villages`);
    await q.query(`ALTER TABLE users DROP COLUMN disabled_at`);
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
    await q.query(`DROP TRIGGER users_primary_post ON users`);
    await q.query(`DROP FUNCTION user_primary_post()`);
    await q.query(`DROP TABLE user_posts`);
    await q.query(`DROP TABLE post_types`);
  }
}
