import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AssessmentRollups1763900950000 } from '../../database/migrations/1763900950000-assessment-rollups';
import { LatenessHoldersAndSuspension1763913000000 } from '../../database/migrations/1763913000000-lateness-holders-and-suspension';
import { AGGREGATED_FACT_COLUMNS, ROLLUP_COLUMNS } from './assessment-sql';

const statementsOf = async (...migrations: MigrationInterface[]) => {
  const statements: string[] = [];
  for (const m of migrations) await m.up({ query: async (sql: string) => void statements.push(sql) } as unknown as QueryRunner);
  return statements;
};
const MIGRATIONS = () => [new AssessmentRollups1763900950000(), new LatenessHoldersAndSuspension1763913000000()];

describe('the rollup migrations', () => {
  it('make the partial indexes of live facts cover every column the aggregation reads (index-only scans)', async () => {
    const statements = await statementsOf(...MIGRATIONS());
    // The last definition of each index is the one in force.
    const latest = ['open', 'department_cases'].map((name) => statements.filter((s) => s.includes(`CREATE INDEX assessment_facts_${name}_idx`)).at(-1) ?? '');
    for (const index of latest) expect(index.match(/INCLUDE \(([^)]*)\)/)?.[1].split(', ')).toEqual(AGGREGATED_FACT_COLUMNS);
  });

  it('have a column of the right type for every sum the projector writes and the assessment reads (and no other)', async () => {
    const statements = await statementsOf(...MIGRATIONS());
    const table = statements.find((s) => s.includes('CREATE TABLE assessment_rollups')) ?? '';
    const created = [...table.matchAll(/^\s+(\w+) (integer|double precision) NOT NULL DEFAULT 0/gm)].map(([, column, type]) => ({ column, type }));
    const added = statements
      .filter((s) => s.includes('ALTER TABLE assessment_rollups'))
      .flatMap((s) => [...s.matchAll(/ADD COLUMN (\w+) (integer|double precision) NOT NULL DEFAULT 0/g)].map(([, column, type]) => ({ column, type })));
    const columns = [...created, ...added].map(({ column, type }) => ({ column, type: type === 'integer' ? 'int' : 'float8' }));
    const byName = (a: { column: string }, b: { column: string }) => a.column.localeCompare(b.column);
    expect(columns.sort(byName)).toEqual([...ROLLUP_COLUMNS].sort(byName));
    expect(columns.length).toBeGreaterThan(60);
  });
});
