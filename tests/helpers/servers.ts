import { eventually } from './eventually.js';
import { freePort } from './free-port.js';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Throwaway database servers for the tests: a real redis-server and a real PostgreSQL cluster from
 * the Debian packages (.ci/run installs them), each on a free local port, stopped in afterAll.
 * A missing binary fails the test with the package to install; nothing is skipped.
 */

const run = promisify(execFile);
/** The Debian layout: /usr/lib/postgresql/<major>/bin, the newest major installed (PG_BIN overrides). */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  return join(root, majors[0] ?? '15', 'bin');
}
const PG_BIN = pgBin();

function need(binary: string, pkg: string): string {
  if (!existsSync(binary)) throw new Error(`${binary} not found: install the Debian package ${pkg} (apt-get install -y ${pkg}); .ci/run does this`);
  return binary;
}

export interface RedisServer {
  url: string;
  port: number;
  /** Removes every key (between tests). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const bin = need('/usr/bin/redis-server', 'redis-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redis-'));
  const child: ChildProcess = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await eventually(() => /Ready to accept connections/.test(log) || child.exitCode !== null, 'redis-server to start', 20_000);
    if (child.exitCode !== null) throw new Error(`redis-server exited:\n${log}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = `redis://127.0.0.1:${port}`;
  const { createClient } = await import('@keyv/redis');
  return {
    url,
    port,
    flush: async () => {
      const client = createClient({ url });
      await client.connect();
      await client.flushAll();
      await client.close();
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresServer {
  port: number;
  /** postgres://… of a database (created by createDatabase). */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Empties the bot's tables in a database (between tests). */
  truncate(database: string): Promise<void>;
  stop(): Promise<void>;
}

/** As root, the cluster runs as the postgres user (initdb refuses root); otherwise as ourselves. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

export async function startPostgres(): Promise<PostgresServer> {
  const initdb = need(join(PG_BIN, 'initdb'), 'postgresql');
  const pgCtl = need(join(PG_BIN, 'pg_ctl'), 'postgresql');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  await run(...asPostgres(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']));
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await run(...asPostgres(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']));
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = async <T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    createDatabase: async (name) => {
      await admin('postgres', (c) => c.query(`CREATE DATABASE ${name}`));
      return url(name);
    },
    truncate: (database) =>
      admin(database, async (c) => {
        const { rows } = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
        if (rows.length > 0) await c.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')}`);
      }),
    stop: async () => {
      await run(...asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'])).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The storage backends every shared-store test runs against. */
export type BackendName = 'sqlite' | 'redis' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'redis', 'postgres'];
