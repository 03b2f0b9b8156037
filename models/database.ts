import { Sequelize, Transaction, type Options } from 'sequelize';

export type Dialect = 'sqlite' | 'mysql';

/**
 * Opens the database named by CDSS_DB_URL: `sqlite:<file>` (embedded default) or
 * `mysql://user:pass@host:port/db` (MySQL or MariaDB through mysql2).
 */
export async function openDatabase(url: string, options: { logging?: boolean } = {}): Promise<Sequelize> {
  const common: Options = {
    logging: options.logging ? console.log : false,
    define: { underscored: true, freezeTableName: true },
    benchmark: false,
  };
  let sequelize: Sequelize;
  if (url.startsWith('sqlite:')) {
    // Sequelize wants an options object for SQLite, not a sqlite:// URL (TECH-NOTES).
    sequelize = new Sequelize({ ...common, dialect: 'sqlite', storage: url.slice('sqlite:'.length) || ':memory:' });
    configureSqliteConnections(sequelize);
    await sequelize.query('PRAGMA journal_mode=WAL');
  } else if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    sequelize = new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
      ...common,
      dialect: 'mysql',
      timezone: '+00:00',
      dialectOptions: { charset: 'utf8mb4', dateStrings: false },
      pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
    });
  } else {
    throw new Error(`CDSS_DB_URL must start with sqlite: or mysql:// (got '${url.split(':')[0]}:')`);
  }
  await sequelize.authenticate();
  return sequelize;
}

export function dialectOf(sequelize: Sequelize): Dialect {
  return sequelize.getDialect() === 'sqlite' ? 'sqlite' : 'mysql';
}

/**
 * Sequelize's SQLite manager opens one extra connection per transaction and bypasses the
 * afterConnect hook, so concurrent writers would fail at once with SQLITE_BUSY. Every connection
 * it opens gets a busy timeout here, making writers wait for the file lock instead.
 */
function configureSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as { getConnection(options?: object): Promise<SqliteConnection> };
  const original = manager.getConnection.bind(manager);
  const configured = new WeakSet<SqliteConnection>();
  manager.getConnection = async (options?: object) => {
    const connection = await original(options);
    // getConnection hands back its cached connection most of the time: configure each one once.
    if (configured.has(connection)) return connection;
    configured.add(connection);
    await configureSqliteConnection(connection);
    return connection;
  };
}

export interface SqliteConnection {
  configure(option: 'busyTimeout', ms: number): void;
  run(sql: string, callback: (err: Error | null) => void): void;
}

/**
 * Per-connection settings for every SQLite connection, Sequelize's and our driver's: wait for the
 * file lock instead of failing, and NORMAL sync, which under WAL survives a process crash and
 * skips an fsync per commit. Awaited before the connection is handed out: a PRAGMA that lands
 * after the caller's BEGIN fails ("Safety level may not be changed inside a transaction").
 */
export async function configureSqliteConnection(connection: SqliteConnection): Promise<void> {
  connection.configure('busyTimeout', 10_000);
  for (const pragma of ['PRAGMA synchronous=NORMAL', 'PRAGMA foreign_keys=ON']) {
    await new Promise<void>((resolve, reject) => connection.run(pragma, (err) => (err ? reject(err) : resolve())));
  }
}

/**
 * A transaction that intends to write. On SQLite it takes the write lock up front (IMMEDIATE):
 * a deferred transaction that reads first and writes later fails at once with SQLITE_BUSY when
 * another writer got there in between, instead of waiting its turn.
 */
export function writeTransaction<T>(sequelize: Sequelize, work: (t: Transaction) => Promise<T>): Promise<T> {
  if (dialectOf(sequelize) !== 'sqlite') return sequelize.transaction(work);
  // One writer at a time inside the process: every BEGIN IMMEDIATE that waits for the file lock
  // holds one of libuv's four threads, and enough of them starve the transaction that holds the
  // lock. Do not nest write transactions (the inner one would wait for the outer forever).
  const previous = sqliteWriteQueues.get(sequelize) ?? Promise.resolve();
  const run = () => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, work);
  const next = previous.then(run, run);
  sqliteWriteQueues.set(sequelize, next.catch(() => undefined));
  return next;
}

const sqliteWriteQueues = new WeakMap<Sequelize, Promise<unknown>>();
