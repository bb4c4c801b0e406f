import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { BENCH_JWT_SECRET } from './server';

/** A grid worker of the benchmark's territory, with the centre of their grid. */
export interface GridWorker {
  id: string;
  gridId: string;
  centroid: { lat: number; lng: number };
}

/** The territory's grid workers in username order (at most `limit`), read straight from the database. */
export async function gridWorkers(databaseUrl: string, limit: number): Promise<GridWorker[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; area_id: string; centroid_lat: number; centroid_lng: number }>(
      `SELECT u.id, u.area_id, a.centroid_lat, a.centroid_lng FROM users u JOIN areas a ON a.id = u.area_id WHERE u.role = 'grid_worker' ORDER BY u.username LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, gridId: r.area_id, centroid: { lat: r.centroid_lat, lng: r.centroid_lng } }));
  } finally {
    await db.end();
  }
}

/** A token signed as the server would sign it: logging thousands of accounts in through argon2 would measure the login. */
export function signToken(userId: string): string {
  return jwt.sign({ sub: userId, ver: 0 }, BENCH_JWT_SECRET, { expiresIn: 3600 });
}
