// Loads every CSV file of a workforce package into a DuckDB database file with read_csv, the way
// DuckDB users load CSV: one CREATE TABLE … AS SELECT * FROM read_csv(…) per file.
// Usage: node duckdb_load.mjs DB_FILE PACKAGE_DIR
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';
import { join, basename } from 'node:path';

const [dbFile, dir] = process.argv.slice(2);
const started = performance.now();
const instance = await DuckDBInstance.create(dbFile);
const conn = await instance.connect();
let rows = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
  const table = basename(file, '.csv');
  const path = join(dir, file).replaceAll("'", "''");
  await conn.run(`CREATE TABLE "${table}" AS SELECT * FROM read_csv('${path}', header = true)`);
  const result = await conn.runAndReadAll(`SELECT count(*) FROM "${table}"`);
  rows += Number(result.getRows()[0][0]);
}
await conn.run('CHECKPOINT');
conn.closeSync();
instance.closeSync();
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, rows }));
