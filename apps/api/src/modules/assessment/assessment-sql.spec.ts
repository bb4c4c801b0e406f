import type { QueryRunner } from 'typeorm';
import { AssessmentRollups1763900950000 } from '../../database/migrations/1763900950000-assessment-rollups';
import { AGGREGATED_FACT_COLUMNS, ROLLUP_COLUMNS } from './assessment-sql';

const statementsOfMigration = async () => {
  const statements: string[] = [];
  await new AssessmentRollups1763900950000().up({ query: async (sql: string) => void statements.push(sql) } as unknown as QueryRunner);
  return statements;
};

describe('the rollup migration', () => {
  it('makes the partial indexes of live facts cover every column the aggregation reads (index-only scans)', async () => {
    const indexes = (await statementsOfMigration()).filter((s) => /CREATE INDEX assessment_facts_(open|department_cases)_idx/.test(s));
    expect(indexes).toHaveLength(2);
    for (const index of indexes) expect(index.match(/INCLUDE \(([^)]*)\)/)?.[1].split(', ')).toEqual(AGGREGATED_FACT_COLUMNS);
  });

  it('has a column of the right type for every sum the projector writes and the assessment reads (and no other)', async () => {
    const table = (await statementsOfMigration()).find((s) => s.includes('CREATE TABLE assessment_rollups')) ?? '';
    const created = [...table.matchAll(/^\s+(\w+) (integer|double precision) NOT NULL DEFAULT 0/gm)].map(([, column, type]) => ({ column, type: type === 'integer' ? 'int' : 'float8' }));
    const byName = (a: { column: string }, b: { column: string }) => a.column.localeCompare(b.column);
    expect(created.sort(byName)).toEqual([...ROLLUP_COLUMNS].sort(byName));
    expect(created.length).toBeGreaterThan(60);
  });
});
