import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { configureSqliteConnection, dialectOf, type SqliteConnection } from './database.js';

/**
 * Direct driver access for the two hot paths, reads by primary key and audit batches. Sequelize's
 * model layer costs about 300 µs of CPU per query (bench/BENCHMARKS.md); the drivers under it do
 * the same work in a fraction of that. Everything else keeps using the models.
 */

type Row = Record<string, unknown>;

interface SqliteStatement {
  all(params: unknown[], callback: (err: Error | null, rows: Row[]) => void): void;
  finalize(): void;
}
interface SqliteDatabase {
  prepare(sql: string, callback?: (err: Error | null) => void): SqliteStatement;
  all(sql: string, params: unknown[], callback: (err: Error | null, rows: Row[]) => void): void;
  run(sql: string, params: unknown[], callback: (this: { lastID: number; changes: number }, err: Error | null) => void): void;
  configure(option: 'busyTimeout', ms: number): void;
  close(callback: (err: Error | null) => void): void;
}
interface MysqlConnection {
  query(sql: string, params: unknown[], callback: (err: Error | null, result: unknown) => void): void;
}
interface ConnectionManager {
  getConnection(options?: object): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
}

const manager = (sequelize: Sequelize) => sequelize.connectionManager as unknown as ConnectionManager;

function sqliteAll(db: SqliteDatabase, sql: string, params: unknown[]): Promise<Row[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));
}

function sqliteRun(db: SqliteDatabase, sql: string, params: unknown[] = []): Promise<{ lastID: number; changes: number }> {
  return new Promise((resolve, reject) => db.run(sql, params, function done(err) {
    if (err) reject(err);
    else resolve({ lastID: this.lastID, changes: this.changes });
  }));
}

function mysqlQuery<T>(connection: MysqlConnection, sql: string, params: unknown[] = []): Promise<T> {
  return new Promise((resolve, reject) => connection.query(sql, params, (err, result) => (err ? reject(err) : resolve(result as T))));
}

const STATEMENT_CACHE_SIZE = 200;
const preparedStatements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

/** Runs a prepared statement, preparing each distinct SQL text once per connection. */
function sqliteAllPrepared(sequelize: Sequelize, db: SqliteDatabase, sql: string, params: unknown[]): Promise<Row[]> {
  let cache = preparedStatements.get(db);
  if (!cache) {
    const statements = (cache = new Map());
    preparedStatements.set(db, statements);
    // SQLite refuses to close a connection with live statements.
    beforeClose(sequelize, async () => {
      for (const statement of statements.values()) statement.finalize();
      statements.clear();
    });
  }
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= STATEMENT_CACHE_SIZE) {
      const [oldestSql, oldest] = cache.entries().next().value!;
      cache.delete(oldestSql);
      oldest.finalize();
    }
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  const prepared = statement;
  return new Promise((resolve, reject) => prepared.all(params, (err, rows) => (err ? reject(err) : resolve(rows))));
}

function isInMemory(sequelize: Sequelize): boolean {
  const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage;
  return !storage || storage === ':memory:';
}

/** Runs a SELECT with `?` placeholders on Sequelize's own connection (pooled on MySQL). */
export async function selectRows(sequelize: Sequelize, sql: string, params: unknown[]): Promise<Row[]> {
  if (dialectOf(sequelize) === 'sqlite' && !isInMemory(sequelize)) {
    return sqliteAllPrepared(sequelize, await sqliteReader(sequelize), sql, params);
  }
  const connections = manager(sequelize);
  const connection = await connections.getConnection({ type: 'SELECT' });
  try {
    return dialectOf(sequelize) === 'sqlite'
      ? await sqliteAllPrepared(sequelize, connection as SqliteDatabase, sql, params)
      : await mysqlQuery<Row[]>(connection as MysqlConnection, sql, params);
  } finally {
    await connections.releaseConnection(connection);
  }
}

/** A SQL `SELECT field AS attribute, …` list for a model, so raw rows come back keyed like models. */
export function selectList(sequelize: Sequelize, model: ModelStatic<Model>, attributes?: string[]): string {
  const all = model.getAttributes() as Record<string, { field?: string }>;
  const quote = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
  return (attributes ?? Object.keys(all)).map((name) => `${quote(all[name]?.field ?? name)} AS ${quote(name)}`).join(', ');
}

/**
 * Converts raw driver values to what Sequelize would return for this model: JSON text parsed,
 * SQLite's date text and MySQL's DATETIME as Date, 0/1 as booleans.
 */
export function rowConverter(model: ModelStatic<Model>): (row: Row) => Row {
  const attributes = model.getAttributes() as Record<string, { type: { key?: string } }>;
  const json: string[] = [];
  const dates: string[] = [];
  const booleans: string[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    const key = attribute.type.key;
    if (key === 'JSON') json.push(name);
    else if (key === 'DATE') dates.push(name);
    else if (key === 'BOOLEAN') booleans.push(name);
  }
  return (row) => {
    for (const name of json) if (typeof row[name] === 'string') row[name] = JSON.parse(row[name] as string);
    for (const name of dates) if (typeof row[name] === 'string') row[name] = new Date(row[name] as string);
    for (const name of booleans) if (typeof row[name] === 'number') row[name] = row[name] === 1;
    return row;
  };
}

/** `?, ?, ?` — the placeholders of `n` values (an `IN (…)` list, one row of an insert). */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** `(?, ?), (?, ?)` — the placeholders of a multi-row insert. */
export const rowPlaceholders = (rows: number, columns: number): string => Array.from({ length: rows }, () => `(${placeholders(columns)})`).join(', ');

/** How a write batch talks to the database; see `withWriteConnection`. */
export interface WriteSession {
  /** Runs a statement; returns the first generated id (MySQL) or the last one (SQLite) and the row count. */
  run(sql: string, params?: unknown[]): Promise<{ insertId: number; lastId: number; affected: number }>;
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** SQL text for a DATE(3) value in this dialect. */
  date(value: Date): unknown;
}

/**
 * A write transaction on a dedicated connection. SQLite: one long-lived connection per database
 * (Sequelize would open and close a connection per transaction) with `BEGIN IMMEDIATE`; MySQL: a
 * pooled connection with an ordinary transaction — lock rows with `FOR UPDATE` inside `work`.
 */
export async function withWriteConnection<T>(sequelize: Sequelize, work: (session: WriteSession) => Promise<T>): Promise<T> {
  if (dialectOf(sequelize) === 'sqlite') {
    const db = await sqliteWriter(sequelize);
    const session: WriteSession = {
      async run(sql, params = []) {
        const { lastID, changes } = await sqliteRun(db, sql, params);
        return { insertId: lastID - changes + 1, lastId: lastID, affected: changes };
      },
      all: (sql, params = []) => sqliteAll(db, sql, params),
      // Sequelize's SQLite text format for DATE, so models read these rows back unchanged.
      date: (value) => `${value.toISOString().replace('T', ' ').replace('Z', '')} +00:00`,
    };
    return serialized(db, () => transaction((sql) => sqliteRun(db, sql), 'BEGIN IMMEDIATE', () => work(session)));
  }
  const connections = manager(sequelize);
  const connection = (await connections.getConnection({ type: 'INSERT' })) as MysqlConnection;
  const session: WriteSession = {
    async run(sql, params = []) {
      const result = await mysqlQuery<{ insertId: number; affectedRows: number }>(connection, sql, params);
      return { insertId: result.insertId, lastId: result.insertId + result.affectedRows - 1, affected: result.affectedRows };
    },
    all: (sql, params = []) => mysqlQuery<Row[]>(connection, sql, params),
    date: (value) => value,
  };
  try {
    return await transaction((sql) => mysqlQuery(connection, sql), 'START TRANSACTION', () => work(session));
  } finally {
    await connections.releaseConnection(connection);
  }
}

/** BEGIN, work, COMMIT — or ROLLBACK and rethrow. */
async function transaction<T>(execute: (sql: string) => Promise<unknown>, begin: string, work: () => Promise<T>): Promise<T> {
  await execute(begin);
  try {
    const result = await work();
    await execute('COMMIT');
    return result;
  } catch (err) {
    await execute('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

const sqliteWriters = new WeakMap<Sequelize, Promise<SqliteDatabase>>();
const sqliteReaders = new WeakMap<Sequelize, { connections: Promise<SqliteDatabase[]>; next: number }>();
const writerQueues = new WeakMap<SqliteDatabase, Promise<unknown>>();
/** Read connections per SQLite database: one connection runs one statement at a time. */
const SQLITE_READERS = 2;

/** Opens one more connection to the SQLite file behind `sequelize`, closed with it. */
async function openSqliteConnection(sequelize: Sequelize): Promise<SqliteDatabase> {
  const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage ?? ':memory:';
  const sqlite3 = (await import('sqlite3')).default;
  const db = await new Promise<SqliteDatabase>((resolve, reject) => {
    const opened = new sqlite3.Database(storage, (err) => (err ? reject(err) : resolve(opened as unknown as SqliteDatabase)));
  });
  await configureSqliteConnection(db as unknown as SqliteConnection);
  beforeClose(sequelize, () => new Promise<void>((resolve) => db.close(() => resolve())));
  return db;
}

/** The one extra SQLite connection for batched writes, opened once per Sequelize instance. */
function sqliteWriter(sequelize: Sequelize): Promise<SqliteDatabase> {
  let writer = sqliteWriters.get(sequelize);
  if (!writer) {
    // An in-memory database exists only on Sequelize's own connection.
    writer = isInMemory(sequelize)
      ? (manager(sequelize).getConnection({}) as Promise<SqliteDatabase>)
      : openSqliteConnection(sequelize);
    sqliteWriters.set(sequelize, writer);
  }
  return writer;
}

/**
 * Read connections, taken in turn. WAL lets them read while the writer commits; an in-memory
 * database cannot be shared between connections, so it reads through Sequelize's own.
 */
async function sqliteReader(sequelize: Sequelize): Promise<SqliteDatabase> {
  let readers = sqliteReaders.get(sequelize);
  if (!readers) {
    const connections = Promise.all(Array.from({ length: SQLITE_READERS }, () => openSqliteConnection(sequelize)));
    readers = { connections, next: 0 };
    sqliteReaders.set(sequelize, readers);
  }
  const connections = await readers.connections;
  readers.next = (readers.next + 1) % connections.length;
  return connections[readers.next];
}

/** Runs `work` when the Sequelize instance closes, before its own connections close. */
function beforeClose(sequelize: Sequelize, work: () => Promise<void>): void {
  const close = sequelize.close.bind(sequelize);
  sequelize.close = async () => {
    await work();
    return close();
  };
}

/** One transaction at a time on the shared writer connection. */
function serialized<T>(db: SqliteDatabase, work: () => Promise<T>): Promise<T> {
  const previous = writerQueues.get(db) ?? Promise.resolve();
  const next = previous.then(work, work);
  writerQueues.set(db, next.catch(() => undefined));
  return next;
}
