-- sick_leave_pct, fulltime_share and turnover per unit subtree for year {{YEAR}} and its twelve
-- months, written by hand from DESIGN §4 for the sqlite3 shell. run.sh replaces {{PKG}}, {{YEAR}} and
-- {{OUT}} and runs this file against an in-memory database. It reads the package as `agp demo
-- --write-package` writes it: comma-separated, ISO dates, decimal point, a header row.
.bail on
.headers off
.mode list
.once {{OUT}}.t0
SELECT (julianday('now') - 2440587.5) * 86400.0;

-- Load: the shell's CSV import; the header row names the (text) columns.
.import --csv "{{PKG}}/units.csv" units
.import --csv "{{PKG}}/positions.csv" positions
.import --csv "{{PKG}}/absence.csv" absence
.once {{OUT}}.t1
SELECT (julianday('now') - 2440587.5) * 86400.0;

CREATE TABLE par AS
SELECT {{YEAR}} AS y, printf('%04d-01-01', {{YEAR}}) AS y0, printf('%04d-12-31', {{YEAR}}) AS y1,
       printf('%04d-12-31', {{YEAR}} - 1) AS prev_c;

-- Unit tree: closure table (ancestor, descendant), every unit its own ancestor.
CREATE INDEX units_parent ON units(parent_id);
CREATE TABLE closure AS
WITH RECURSIVE c(anc, des) AS (
  SELECT unit_id, unit_id FROM units
  UNION ALL
  SELECT c.anc, u.unit_id FROM c JOIN units u ON u.parent_id = c.des)
SELECT anc, des FROM c;
CREATE INDEX closure_des ON closure(des);

-- Periods: the year and its months; count date = last day.
CREATE TABLE periods AS
SELECT CAST(y AS TEXT) AS period, y0 AS lo, y1 AS hi FROM par
UNION ALL
SELECT printf('%04d-%02d', y, m), printf('%04d-%02d-01', y, m),
       date(printf('%04d-%02d-01', y, m), '+1 month', '-1 day')
FROM par, (WITH RECURSIVE mm(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM mm WHERE m < 12)
           SELECT m FROM mm);

-- Norwegian public holidays: fixed ones and those tied to Easter Sunday (anonymous Gregorian
-- algorithm, Meeus/Jones/Butcher).
CREATE TABLE easter AS
SELECT date(printf('%04d-%02d-%02d', y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1)) AS e
FROM (SELECT y, h, l, (a + 11 * h + 22 * l) / 451 AS m
      FROM (SELECT y, a, h, (32 + 2 * e + 2 * i - h - k) % 7 AS l
            FROM (SELECT y, a, e, i, k, (19 * a + b - d - g + 15) % 30 AS h
                  FROM (SELECT y, y % 19 AS a, y / 100 AS b, (y / 100) / 4 AS d, (y / 100) % 4 AS e,
                               (y / 100 - (y / 100 + 8) / 25 + 1) / 3 AS g, (y % 100) / 4 AS i,
                               (y % 100) % 4 AS k
                        FROM par))));
CREATE TABLE holidays AS
SELECT printf('%04d-%s', y, md) AS d
FROM par, (SELECT '01-01' AS md UNION ALL SELECT '05-01' UNION ALL SELECT '05-17'
           UNION ALL SELECT '12-25' UNION ALL SELECT '12-26')
UNION
SELECT date(e, printf('%+d days', off))          -- Maundy Thursday, Good Friday, Easter Monday,
FROM easter, (SELECT -3 AS off UNION ALL SELECT -2 -- Ascension Day, Whit Monday
              UNION ALL SELECT 1 UNION ALL SELECT 39 UNION ALL SELECT 50);

-- Calendar of the year: wd = 1 on working days, cum = working days up to and including d, so that
-- the working days in [a, b] are cum(b) − cum(a) + wd(a).
CREATE TABLE cal(d TEXT PRIMARY KEY, wd INTEGER, cum INTEGER) WITHOUT ROWID;
INSERT INTO cal
WITH RECURSIVE days(d) AS (
  SELECT y0 FROM par
  UNION ALL
  SELECT date(d, '+1 day') FROM days, par WHERE d < y1)
SELECT d, wd, SUM(wd) OVER (ORDER BY d)
FROM (SELECT d, CASE WHEN strftime('%w', d) IN ('0', '6') OR d IN (SELECT d FROM holidays)
                     THEN 0 ELSE 1 END AS wd
      FROM days);

-- Typed position rows (one row per period of constant attributes).
CREATE TABLE pos AS
SELECT rowid AS rid, position_id AS pid, employee_id AS emp, unit_id AS unit, start_date AS s,
       NULLIF(end_date, '') AS e, CAST(percent AS REAL) AS pct, employment AS kind
FROM positions;
CREATE INDEX pos_emp ON pos(emp);
CREATE INDEX pos_pid ON pos(pid);

------------------------------------------------------------------------------------------------
-- sick_leave_pct. Agreed day-works: every position row but timelonnet, percent/100 per working
-- day it is active.
CREATE TABLE agreed AS
SELECT p.unit, pe.period, SUM(p.pct / 100.0 * (c2.cum - c1.cum + c1.wd)) AS agreed
FROM pos p
JOIN periods pe ON p.s <= pe.hi AND (p.e IS NULL OR p.e >= pe.lo)
JOIN cal c1 ON c1.d = max(p.s, pe.lo)
JOIN cal c2 ON c2.d = min(coalesce(p.e, pe.hi), pe.hi)
WHERE p.kind <> 'timelonnet'
GROUP BY p.unit, pe.period;

-- Sick absences touching the year; grade 100 by default and always for egenmeldt.
CREATE TABLE sick AS
SELECT employee_id AS emp, NULLIF(position_id, '') AS pid, start_date AS s, end_date AS e,
       CASE WHEN type = 'egenmeldt' THEN 100.0
            ELSE coalesce(CAST(NULLIF(grade, '') AS REAL), 100.0) END AS grade
FROM absence, par
WHERE type IN ('egenmeldt', 'legemeldt') AND start_date <= y1 AND end_date >= y0;

-- Each absence on each position row it covers (its own position, or all the person's positions
-- when it names none), over the days both are active within the year.
CREATE TABLE cover AS
SELECT p.rid, p.unit, p.pct, max(a.s, p.s, y0) AS lo, min(a.e, coalesce(p.e, y1), y1) AS hi, a.grade
FROM sick a JOIN pos p ON p.pid = a.pid, par
WHERE a.pid IS NOT NULL AND p.kind <> 'timelonnet' AND p.s <= a.e AND (p.e IS NULL OR p.e >= a.s)
UNION ALL
SELECT p.rid, p.unit, p.pct, max(a.s, p.s, y0), min(a.e, coalesce(p.e, y1), y1), a.grade
FROM sick a JOIN pos p ON p.emp = a.emp, par
WHERE a.pid IS NULL AND p.kind <> 'timelonnet' AND p.s <= a.e AND (p.e IS NULL OR p.e >= a.s);

-- Lost day-works per position row and working day: Σ percent/100 × grade/100, capped at agreed.
CREATE TABLE lost_day AS
SELECT cv.rid, cv.unit, c.d, min(cv.pct / 100.0, cv.pct / 100.0 * SUM(cv.grade) / 100.0) AS lost
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
             ROW_NUMBER() OVER (
               PARTITION BY cd.tag, p.emp
               ORDER BY p.pct DESC, p.s,
                        CASE WHEN p.pid <> '' AND p.pid NOT GLOB '*[^0-9]*' THEN 0 ELSE 1 END,
                        CASE WHEN p.pid <> '' AND p.pid NOT GLOB '*[^0-9]*'
                             THEN CAST(p.pid AS INTEGER) END,
                        p.pid) AS rn
      FROM pos p JOIN count_dates cd ON p.s <= cd.c AND (p.e IS NULL OR p.e >= cd.c)
      WHERE p.kind IN ('fast', 'midlertidig'))
WHERE rn = 1;
CREATE INDEX staff_tag_emp ON staff(tag, emp);

-- fulltime_share: size ≥ 100 (tolerance 1e-6), person counted in the unit of the main position.
CREATE TABLE fulltime_sub AS
SELECT c.anc AS unit, s.tag AS period, SUM(s.size >= 100 - 1e-6) AS num, COUNT(*) AS den
FROM staff s JOIN closure c ON c.des = s.unit
WHERE s.tag <> 'prev'
GROUP BY c.anc, s.tag;

-- turnover: core staff on the previous year's count date who are not core staff on this year's,
-- counted in the unit of their main position on the previous year's count date.
CREATE TABLE turnover_sub AS
SELECT c.anc AS unit, CAST(par.y AS TEXT) AS period, SUM(n.emp IS NULL) AS num, COUNT(*) AS den
FROM staff s0 CROSS JOIN par
LEFT JOIN staff n ON n.tag = CAST(par.y AS TEXT) AND n.emp = s0.emp
JOIN closure c ON c.des = s0.unit
WHERE s0.tag = 'prev'
GROUP BY c.anc;

------------------------------------------------------------------------------------------------
-- Every unit × period, the value empty when the denominator is 0.
.headers on
.mode csv
.output {{OUT}}
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
      SELECT 'turnover', u.unit_id, CAST(par.y AS TEXT), x.num, x.den
      FROM units u CROSS JOIN par
      LEFT JOIN turnover_sub x ON x.unit = u.unit_id)
ORDER BY indicator, unit_id, period;
.output stdout
.headers off
.mode list
.once {{OUT}}.t2
SELECT (julianday('now') - 2440587.5) * 86400.0;
