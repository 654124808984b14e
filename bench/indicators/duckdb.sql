-- sick_leave_pct, fulltime_share and turnover per unit subtree for year {{YEAR}} and its twelve
-- months, written by hand from DESIGN §4 for DuckDB; the same steps as sqlite.sql. duckdb_run.mjs
-- replaces {{PKG}}, {{YEAR}} and {{OUT}} and runs the statements in order against an in-memory
-- database. It reads the package as `agp demo --write-package` writes it: comma-separated, ISO
-- dates, decimal point, a header row.

-- Load: read_csv, every column as text (ids stay ids), typed below.
CREATE TABLE units AS SELECT * FROM read_csv('{{PKG}}/units.csv', header = true, all_varchar = true);
CREATE TABLE positions AS SELECT * FROM read_csv('{{PKG}}/positions.csv', header = true, all_varchar = true);
CREATE TABLE absence AS SELECT * FROM read_csv('{{PKG}}/absence.csv', header = true, all_varchar = true);
-- @loaded

CREATE TABLE par AS
SELECT {{YEAR}} AS y, make_date({{YEAR}}, 1, 1) AS y0, make_date({{YEAR}}, 12, 31) AS y1,
       make_date({{YEAR}} - 1, 12, 31) AS prev_c;

-- Unit tree: closure table (ancestor, descendant), every unit its own ancestor.
CREATE TABLE closure AS
WITH RECURSIVE c(anc, des) AS (
  SELECT unit_id, unit_id FROM units
  UNION ALL
  SELECT c.anc, u.unit_id FROM c JOIN units u ON u.parent_id = c.des)
SELECT anc, des FROM c;

-- Periods: the year and its months; count date = last day.
CREATE TABLE periods AS
SELECT CAST(y AS VARCHAR) AS period, y0 AS lo, y1 AS hi FROM par
UNION ALL
SELECT strftime(make_date(y, m, 1), '%Y-%m'), make_date(y, m, 1), last_day(make_date(y, m, 1))
FROM par, range(1, 13) r(m);

-- Norwegian public holidays: fixed ones and those tied to Easter Sunday (anonymous Gregorian
-- algorithm, Meeus/Jones/Butcher).
CREATE TABLE easter AS
SELECT make_date(y, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1) AS e
FROM (SELECT y, h, l, (a + 11 * h + 22 * l) // 451 AS m
      FROM (SELECT y, a, h, (32 + 2 * e + 2 * i - h - k) % 7 AS l
            FROM (SELECT y, a, e, i, k, (19 * a + b - d - g + 15) % 30 AS h
                  FROM (SELECT y, y % 19 AS a, y // 100 AS b, (y // 100) // 4 AS d, (y // 100) % 4 AS e,
                               (y // 100 - (y // 100 + 8) // 25 + 1) // 3 AS g, (y % 100) // 4 AS i,
                               (y % 100) % 4 AS k
                        FROM par))));
CREATE TABLE holidays AS
SELECT make_date(y, md[1], md[2]) AS d
FROM par, (VALUES ([1, 1]), ([5, 1]), ([5, 17]), ([12, 25]), ([12, 26])) f(md)
UNION
SELECT e + off                       -- Maundy Thursday, Good Friday, Easter Monday, Ascension Day,
FROM easter, (VALUES (-3), (-2), (1), (39), (50)) o(off);   -- Whit Monday

-- Calendar of the year: wd = 1 on working days, cum = working days up to and including d, so that
-- the working days in [a, b] are cum(b) − cum(a) + wd(a).
CREATE TABLE cal AS
SELECT d, wd, SUM(wd) OVER (ORDER BY d) AS cum
FROM (SELECT CAST(t AS DATE) AS d,
             CASE WHEN isodow(CAST(t AS DATE)) >= 6 OR CAST(t AS DATE) IN (SELECT d FROM holidays)
                  THEN 0 ELSE 1 END AS wd
      FROM par, range(CAST(y0 AS TIMESTAMP), CAST(y1 AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) r(t));

-- Typed position rows (one row per period of constant attributes).
CREATE TABLE pos AS
SELECT row_number() OVER () AS rid, position_id AS pid, employee_id AS emp, unit_id AS unit,
       CAST(start_date AS DATE) AS s, CAST(end_date AS DATE) AS e, CAST(percent AS DOUBLE) AS pct,
       employment AS kind
FROM positions;

------------------------------------------------------------------------------------------------
-- sick_leave_pct. Agreed day-works: every position row but timelonnet, percent/100 per working
-- day it is active.
CREATE TABLE agreed AS
SELECT p.unit, pe.period, SUM(p.pct / 100.0 * (c2.cum - c1.cum + c1.wd)) AS agreed
FROM pos p
JOIN periods pe ON p.s <= pe.hi AND (p.e IS NULL OR p.e >= pe.lo)
JOIN cal c1 ON c1.d = greatest(p.s, pe.lo)
JOIN cal c2 ON c2.d = least(coalesce(p.e, pe.hi), pe.hi)
WHERE p.kind <> 'timelonnet'
GROUP BY p.unit, pe.period;

-- Sick absences touching the year; grade 100 by default and always for egenmeldt.
CREATE TABLE sick AS
SELECT employee_id AS emp, position_id AS pid, CAST(start_date AS DATE) AS s,
       CAST(end_date AS DATE) AS e,
       CASE WHEN type = 'egenmeldt' THEN 100.0 ELSE coalesce(CAST(grade AS DOUBLE), 100.0) END AS grade
FROM absence, par
WHERE type IN ('egenmeldt', 'legemeldt') AND CAST(start_date AS DATE) <= y1
  AND CAST(end_date AS DATE) >= y0;

-- Each absence on each position row it covers (its own position, or all the person's positions
-- when it names none), over the days both are active within the year.
CREATE TABLE cover AS
SELECT p.rid, p.unit, p.pct, greatest(a.s, p.s, y0) AS lo, least(a.e, coalesce(p.e, y1), y1) AS hi,
       a.grade
FROM sick a JOIN pos p ON p.pid = a.pid, par
WHERE a.pid IS NOT NULL AND p.kind <> 'timelonnet' AND p.s <= a.e AND (p.e IS NULL OR p.e >= a.s)
UNION ALL
SELECT p.rid, p.unit, p.pct, greatest(a.s, p.s, y0), least(a.e, coalesce(p.e, y1), y1), a.grade
FROM sick a JOIN pos p ON p.emp = a.emp, par
WHERE a.pid IS NULL AND p.kind <> 'timelonnet' AND p.s <= a.e AND (p.e IS NULL OR p.e >= a.s);

-- Lost day-works per position row and working day: Σ percent/100 × grade/100, capped at agreed.
CREATE TABLE lost_day AS
SELECT cv.rid, any_value(cv.unit) AS unit, c.d,
       least(any_value(cv.pct) / 100.0, any_value(cv.pct) / 100.0 * SUM(cv.grade) / 100.0) AS lost
FROM cover cv JOIN cal c ON c.d BETWEEN cv.lo AND cv.hi AND c.wd = 1
WHERE cv.lo <= cv.hi
GROUP BY cv.rid, c.d;

CREATE TABLE lost AS
SELECT l.unit, pe.period, SUM(l.lost) AS lost
FROM lost_day l JOIN periods pe ON l.d BETWEEN pe.lo AND pe.hi
GROUP BY l.unit, pe.period;

CREATE TABLE lost_sub AS
SELECT c.anc AS unit, l.period, SUM(l.lost) AS num
FROM closure c JOIN lost l ON l.unit = c.des
GROUP BY c.anc, l.period;

CREATE TABLE sick_sub AS
SELECT c.anc AS unit, a.period, SUM(a.agreed) AS den
FROM closure c JOIN agreed a ON a.unit = c.des
GROUP BY c.anc, a.period;

------------------------------------------------------------------------------------------------
-- Core staff on each count date (the periods' and the previous year's): size = Σ percent of core
-- positions; main position = largest percent, then earliest start of the active row, then smallest
-- position_id (numerically when both are digits).
CREATE TABLE count_dates AS
SELECT period AS tag, hi AS c FROM periods
UNION ALL
SELECT 'prev', prev_c FROM par;

CREATE TABLE staff AS
SELECT tag, emp, unit, size
FROM (SELECT cd.tag, p.emp, p.unit, SUM(p.pct) OVER (PARTITION BY cd.tag, p.emp) AS size,
             row_number() OVER (
               PARTITION BY cd.tag, p.emp
               ORDER BY p.pct DESC, p.s,
                        CASE WHEN regexp_full_match(p.pid, '[0-9]+') THEN 0 ELSE 1 END,
                        CASE WHEN regexp_full_match(p.pid, '[0-9]+') THEN TRY_CAST(p.pid AS HUGEINT) END,
                        p.pid) AS rn
      FROM pos p JOIN count_dates cd ON p.s <= cd.c AND (p.e IS NULL OR p.e >= cd.c)
      WHERE p.kind IN ('fast', 'midlertidig'))
WHERE rn = 1;

-- fulltime_share: size ≥ 100 (tolerance 1e-6), person counted in the unit of the main position.
CREATE TABLE fulltime_sub AS
SELECT c.anc AS unit, s.tag AS period, count_if(s.size >= 100 - 1e-6) AS num, COUNT(*) AS den
FROM staff s JOIN closure c ON c.des = s.unit
WHERE s.tag <> 'prev'
GROUP BY c.anc, s.tag;

-- turnover: core staff on the previous year's count date who are not core staff on this year's,
-- counted in the unit of their main position on the previous year's count date.
CREATE TABLE turnover_sub AS
SELECT c.anc AS unit, count_if(n.emp IS NULL) AS num, COUNT(*) AS den
FROM staff s0
LEFT JOIN staff n ON n.tag = CAST({{YEAR}} AS VARCHAR) AND n.emp = s0.emp
JOIN closure c ON c.des = s0.unit
WHERE s0.tag = 'prev'
GROUP BY c.anc;

------------------------------------------------------------------------------------------------
-- Every unit × period, the value empty when the denominator is 0.
COPY (
SELECT indicator, unit_id, period,
       CASE WHEN den > 0 THEN 100.0 * num / den END AS value, num AS numerator, den AS denominator
FROM (SELECT 'sick_leave_pct' AS indicator, u.unit_id, pe.period, coalesce(l.num, 0) AS num, x.den
      FROM units u CROSS JOIN periods pe
      LEFT JOIN sick_sub x ON x.unit = u.unit_id AND x.period = pe.period
      LEFT JOIN lost_sub l ON l.unit = u.unit_id AND l.period = pe.period
      UNION ALL
      SELECT 'fulltime_share', u.unit_id, pe.period, x.num, x.den
      FROM units u CROSS JOIN periods pe
      LEFT JOIN fulltime_sub x ON x.unit = u.unit_id AND x.period = pe.period
      UNION ALL
      SELECT 'turnover', u.unit_id, CAST({{YEAR}} AS VARCHAR), x.num, x.den
      FROM units u
      LEFT JOIN turnover_sub x ON x.unit = u.unit_id)
ORDER BY indicator, unit_id, period
) TO '{{OUT}}' (HEADER, DELIMITER ',');
