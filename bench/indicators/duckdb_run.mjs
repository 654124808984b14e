// Runs duckdb.sql against an in-memory DuckDB database: loads the package's CSV files, computes the
// indicators and writes them as CSV. Prints {"load_seconds", "query_seconds"} as JSON.
// Usage: node duckdb_run.mjs PACKAGE_DIR YEAR OUT_CSV
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [pkg, year, out] = process.argv.slice(2);
if (!out || !/^\d{4}$/.test(year)) {
  console.error('usage: node duckdb_run.mjs PACKAGE_DIR YEAR OUT_CSV');
  process.exit(2);
}
const quote = (s) => s.replaceAll("'", "''");
const sql = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'duckdb.sql'), 'utf8')
  .replaceAll('{{PKG}}', quote(resolve(pkg)))
  .replaceAll('{{YEAR}}', year)
  .replaceAll('{{OUT}}', quote(resolve(out)));
// Statements end with ';' at the end of a line; '-- @loaded' marks the end of the load.
const [loadPart, queryPart] = sql.split('-- @loaded');
const statements = (text) =>
  text
    .split(/;[ \t]*\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, '').trim() !== '');

const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
for (const s of statements(loadPart)) await conn.run(s);
const t1 = performance.now();
for (const s of statements(queryPart)) await conn.run(s);
const t2 = performance.now();
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ load_seconds: (t1 - t0) / 1000, query_seconds: (t2 - t1) / 1000 }));
