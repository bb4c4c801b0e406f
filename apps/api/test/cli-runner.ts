import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const CLI = path.resolve(__dirname, '../../../dist/apps/api/cli.js');

/** Runs the built CLI (`npm run cli -- …` runs the same file) against the run's test database. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: process.env['TEST_DATABASE_URL'], JWT_SECRET: 'test-secret-that-is-long-enough-0123456789', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
