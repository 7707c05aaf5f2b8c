import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { addTeam, addUser, updateUser } from './admin';
import { cimsRegistry } from './access/cims';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { migrate, schemaVersion } from './db/migrate';
import { openDb } from './db/open';
import { createLogger, installSignalHandlers, startServer } from './main';
import { backupPglite, restorePglite } from './ops/backup';

const USAGE = `Usage: cims-server [--config FILE] <command>      (from sources: npm run server -- <command>)
  start [--demo]                      start the server (the default command); --demo loads the demo organisation
  migrate                             apply pending database migrations and exit
  backup FILE                         embedded database (PGlite): copy it to FILE (stop the server first)
  restore FILE                        embedded database (PGlite): restore FILE into an empty data dir
  user add --username U --password P --role R [--role R2] [--team T] [--name N] [--manager ID]
  user disable --username U
  user enable --username U
  user passwd --username U --password P
  team add --name N [--level L1|L2|L3] [--function field|technical_support|rnd|spare_parts|logistics] [--region R]

Configuration: environment variables (PORT, HOST, DATABASE_URL, CIMS_DATA_DIR, ...) over an
optional JSON file given by --config or CIMS_CONFIG; see the server README.`;

/** Takes `--config FILE` / `--config=FILE` out of the arguments, wherever it stands. */
function splitConfigArg(argv: string[]): { file: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--config') {
      file = argv[++i];
      if (!file) throw new Error(`--config needs a file\n${USAGE}`);
    } else if (a.startsWith('--config=')) file = a.slice('--config='.length);
    else rest.push(a);
  }
  return { file, rest };
}

async function runBackup(config: ServerConfig, command: 'backup' | 'restore', args: string[]): Promise<void> {
  const [file, ...extra] = args;
  if (!file || extra.length > 0) throw new Error(`${command} needs one FILE\n${USAGE}`);
  // PostgreSQL has its own tools, which also back up while the server runs.
  if (config.databaseUrl) throw new Error(`${command} is for the embedded database; with DATABASE_URL use pg_dump / pg_restore (server README, "Backups")`);
  if (command === 'backup') {
    const { bytes } = await backupPglite(config.dataDir, file);
    console.log(`backup written to ${file} (${bytes} bytes)`);
  } else {
    const { schema } = await restorePglite(config.dataDir, file);
    console.log(`restored ${file} into ${config.dataDir} (schema version ${schema})`);
  }
}

async function runMigrate(config: ServerConfig): Promise<void> {
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    console.log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'database schema is current');
    console.log(`schema version ${await schemaVersion(db)} (${db.kind})`);
  } finally {
    await db.close();
  }
}

async function admin(config: ServerConfig, args: string[]): Promise<void> {
  const [noun, verb, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      team: { type: 'string' },
      name: { type: 'string' },
      manager: { type: 'string' },
      level: { type: 'string' },
      function: { type: 'string' },
      region: { type: 'string' },
    },
    strict: true,
  });
  const db = await openDb(config);
  try {
    await migrate(db);
    const registry = cimsRegistry();
    const actor = { id: null, name: 'cli' };
    if (noun === 'user' && verb === 'add') {
      if (!values.username || !values.password || !values.role) throw new Error('user add needs --username, --password and --role');
      const u = await addUser(db, registry, config.argon2MemoryKib, {
        username: values.username,
        password: values.password,
        roles: values.role,
        team: values.team ?? null,
        ...(values.name ? { displayName: values.name } : {}),
        ...(values.manager ? { managerId: values.manager } : {}),
        ...(values.region ? { region: values.region } : {}),
      }, actor);
      console.log(`user ${u.username} added (id ${u.id}, roles ${u.roles.join(',')})`);
    } else if (noun === 'user' && (verb === 'disable' || verb === 'enable' || verb === 'passwd')) {
      if (!values.username) throw new Error(`user ${verb} needs --username`);
      const change = verb === 'passwd' ? { password: values.password ?? '' } : { active: verb === 'enable' };
      const u = await updateUser(db, config.argon2MemoryKib, values.username, change, actor, registry);
      console.log(`user ${u.username} updated; sessions ended`);
    } else if (noun === 'team' && verb === 'add') {
      if (!values.name) throw new Error('team add needs --name');
      const t = await addTeam(db, registry, {
        name: values.name,
        ...(values.level ? { level: values.level as 'L1' } : {}),
        ...(values.function ? { function: values.function as 'field' } : {}),
        ...(values.region ? { region: values.region } : {}),
      }, actor);
      console.log(`team ${String(t.name)} added (id ${t.id})`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const { file, rest } = splitConfigArg(argv);
  const config = loadConfig(process.env, file);
  const [command, ...args] = rest[0] === undefined || rest[0].startsWith('-') ? ['start', ...rest] : rest;
  if (command === 'user' || command === 'team') return admin(config, rest);
  if (command === 'migrate') {
    if (args.length > 0) throw new Error(`Unknown arguments: ${args.join(' ')}\n${USAGE}`);
    return runMigrate(config);
  }
  if (command === 'backup' || command === 'restore') return runBackup(config, command, args);
  if (command !== 'start') throw new Error(`Unknown command: ${command}\n${USAGE}`);
  const unknown = args.filter((a) => a !== '--demo');
  if (unknown.length > 0) throw new Error(`Unknown arguments: ${unknown.join(' ')}\n${USAGE}`);
  // The demo's published shared password is allowed only on a server that loads the demo.
  config.demo = args.includes('--demo');
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  installSignalHandlers(server, logger, config.shutdownTimeoutMs);
  if (args.includes('--demo')) {
    const { loadDemo } = await import('./demo');
    const logins = await loadDemo(server.db, server.app.deps.registry, config);
    console.log(logins);
  }
  // Machine-readable, once the server is ready (demo data included): the app launchers wait for it.
  console.log(`CIMS_SERVER_URL=${server.url}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof ZodError) console.error(err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
