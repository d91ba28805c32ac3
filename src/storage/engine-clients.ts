/** Connections of the engine-side helpers (locks.ts, arrival-order.ts) beside the Keyv adapter. */

/** A connected node-redis client. */
export async function connectRedis(url: string) {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  client.on('error', () => undefined); // commands reject meanwhile; the client reconnects by itself
  await client.connect();
  return client;
}

/** A small pg pool, after `createTable` (a `CREATE TABLE IF NOT EXISTS …`) has run. */
export async function openPostgresPool(url: string, createTable: string) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // an idle client died; the pool replaces it
  try {
    await pool.query(createTable);
  } catch (error) {
    // Several instances starting at once race on CREATE TABLE IF NOT EXISTS: the loser sees a duplicate.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') {
      await pool.end();
      throw error;
    }
  }
  return pool;
}
