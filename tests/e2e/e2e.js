// Browser tests of the agp web app: every role through the login form, drill-down by clicking,
// access to individuals, suppression, import, policy editing, accessibility (axe-core, WCAG 2.1
// A/AA), pages without JavaScript, the skip link, console errors and CSP violations, and
// full-page screenshots. Run by tests/e2e/run.sh, which makes the database and starts the server.
//
// Environment: BASE_URL; E2E_{ADMIN,LEADER,UNION,VIEWER}_PASSWORD for the accounts hr, leder,
// tillitsvalgt and politiker; LEADER_UNIT (the leader's own sector) and OTHER_UNIT (another
// sector); GOOD_PACKAGE and BAD_PACKAGE (a .zip or .xlsx file, or a folder of CSV files);
// SCREENSHOT_DIR.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const { chromium } = require(path.join(ROOT, 'web', 'node_modules', 'playwright-core'));
const AXE_SOURCE = fs.readFileSync(
  path.join(ROOT, 'web', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// This machine's rules for Chromium: Debian's build, no network besides loopback, no sandbox
// (containers), a fresh profile for every browser.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e.js: set ${name} (tests/e2e/run.sh does)`);
    process.exit(2);
  }
  return value;
}

const BASE = required('BASE_URL').replace(/\/+$/, '');
const ACCOUNTS = {
  admin: { name: 'hr', password: required('E2E_ADMIN_PASSWORD') },
  leader: { name: 'leder', password: required('E2E_LEADER_PASSWORD') },
  union: { name: 'tillitsvalgt', password: required('E2E_UNION_PASSWORD') },
  viewer: { name: 'politiker', password: required('E2E_VIEWER_PASSWORD') },
};
const ROLES = Object.keys(ACCOUNTS);
const LEADER_UNIT = required('LEADER_UNIT');
const OTHER_UNIT = required('OTHER_UNIT');
const GOOD_PACKAGE = required('GOOD_PACKAGE');
const BAD_PACKAGE = required('BAD_PACKAGE');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || path.join(__dirname, 'screenshots');

// The goal whose target the policy check edits: in the Røros template (data/policies/) it has one
// indicator, sick_leave_medical_pct, with a target the demo data cannot judge.
const POLICY_ID = 'roros-2017';
const GOAL_ID = 'delmal-arbeidsmiljo-3';
const ADMIN_ONLY_MENU = ['Import', 'Brukere', 'Logg'];

// ---- checks -------------------------------------------------------------------------------------

const results = [];

async function check(name, fn) {
  const started = Date.now();
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (note) console.log(`     ${note}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}`);
    const text = e && e.stack && !(e instanceof CheckFailure) ? e.stack : String(e && e.message);
    for (const line of text.split('\n').slice(0, 25)) console.log(`     ${line}`);
  }
}

class CheckFailure extends Error {}

function expect(condition, message) {
  if (!condition) throw new CheckFailure(message);
}

function equal(actual, wanted, what) {
  expect(actual === wanted, `${what}: got ${JSON.stringify(actual)}, wanted ${JSON.stringify(wanted)}`);
}

// ---- browsers -----------------------------------------------------------------------------------

const consoleErrors = [];  // { role, page, text, url }
const axeRuns = [];        // { role, label, url, violations }
const sessions = [];

// One browser per role, each with a fresh profile, so that every role has its own cookies.
async function openBrowser(role, { javaScriptEnabled = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agp-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'nb-NO',
    javaScriptEnabled,
  });
  context.setDefaultTimeout(30000);
  const page = context.pages()[0] || (await context.newPage());
  const s = { role, dir, context, page, documents: new Set(), audited: new Set() };
  // The status of every document this page loaded: Chromium logs "Failed to load resource" for a
  // 403 or 404 page too, and those the checks ask for on purpose.
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) {
      s.documents.add(`${r.status()} ${r.url()}`);
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error') {
      consoleErrors.push({ s, page: page.url(), text: m.text(), url: m.location().url || '' });
    }
  });
  page.on('pageerror', (e) => consoleErrors.push({ s, page: page.url(), text: `uncaught ${e.message}`, url: '' }));
  sessions.push(s);
  return s;
}

async function closeAll() {
  for (const s of sessions) {
    await s.context.close().catch(() => {});
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
}

function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

async function loadAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
}

// Runs axe-core on the page as it is now, once per role and address (and state, for pages that
// change in place). CSP forbids inline scripts, so axe is evaluated through the DevTools protocol
// instead of page.addScriptTag, which would add an inline <script> and be (rightly) refused.
async function audit(s, label, state = '') {
  const key = `${pathOf(s.page)} ${state}`;
  if (s.audited.has(key)) return;
  s.audited.add(key);
  await loadAxe(s.page);
  const violations = await s.page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
  axeRuns.push({ role: s.role, label: label + (state ? ` (${state})` : ''), url: pathOf(s.page), violations });
}

// The screenshots are the admin's, at 1280 px, numbered in the order they were taken.
let shotNumber = 0;
async function screenshot(s, name) {
  shotNumber += 1;
  const file = path.join(SCREENSHOT_DIR, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await s.page.screenshot({ path: file, fullPage: true });
  return file;
}

// Goes to an address (as typed in the address bar), checks the status and audits the page.
async function visit(s, url, label, { status = 200, shot = null } = {}) {
  const response = await s.page.goto(BASE + url);
  equal(response.status(), status, `HTTP status of ${url} for ${s.role}`);
  await audit(s, label);
  if (shot) await screenshot(s, shot);
  return response;
}

// Follows a link or submits a form by clicking, and audits where it leads.
async function clickTo(s, locator, label, { status = 200 } = {}) {
  const [response] = await Promise.all([s.page.waitForNavigation(), locator.click()]);
  if (status !== null) equal(response && response.status(), status, `HTTP status after clicking to ${label}`);
  await audit(s, label);
  return response;
}

async function h1(s) {
  return (await s.page.locator('main h1').innerText()).trim();
}

async function footerVersion(s) {
  const text = await s.page.locator('footer.site').innerText();
  const m = /dataversjon (\d+)/.exec(text);
  expect(m, `the footer names no data version: «${text}»`);
  return Number(m[1]);
}

async function menu(s) {
  return (await s.page.locator('nav.main-nav a').allInnerTexts()).map((t) => t.trim());
}

async function logIn(s, { password = ACCOUNTS[s.role].password, status = 200 } = {}) {
  await visit(s, '/logg-inn', 'login page');
  await s.page.getByLabel('Brukernavn').fill(ACCOUNTS[s.role].name);
  await s.page.getByLabel('Passord').fill(password);
  return clickTo(s, s.page.getByRole('button', { name: 'Logg inn' }), 'after login', { status });
}

// The figure of every unit in an indicator's table: unit address → cell text.
async function unitFigures(s) {
  return s.page.$$eval('main table.data:not(.chart-data) tbody tr', (rows) => {
    const out = {};
    for (const r of rows) {
      const a = r.querySelector('th a');
      if (a && r.cells[1]) out[a.getAttribute('href').split('?')[0]] = r.cells[1].textContent.trim();
    }
    return out;
  });
}

function isNumber(text) {
  return /^-?[\d\s\u00a0]+(,\d+)?$/.test(text);
}

function uploadFiles(p) {
  if (fs.statSync(p).isDirectory()) {
    return fs.readdirSync(p).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(p, f));
  }
  return [p];
}

// ---- the run ------------------------------------------------------------------------------------

async function main() {
  const startedAt = Date.now();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const f of fs.readdirSync(SCREENSHOT_DIR)) {
    if (/^\d\d-[a-z0-9-]+\.png$/.test(f)) fs.rmSync(path.join(SCREENSHOT_DIR, f));
  }
  const b = {};
  for (const role of ROLES) b[role] = await openBrowser(role);
  const admin = b.admin;

  await check('the login page asks for a name and a password, and nothing else is reachable', async () => {
    const s = b.viewer;
    await visit(s, '/', 'redirect to login');
    expect(new URL(s.page.url()).pathname === '/logg-inn', `/ did not lead to the login page but to ${s.page.url()}`);
    equal(await h1(s), 'Logg inn', 'the heading');
    equal(await s.page.locator('nav.main-nav').count(), 0, 'menus before login');
    await screenshot(s, 'login');
  });

  await check('a wrong password shows «Feil brukernavn eller passord» and signs nobody in', async () => {
    const s = b.viewer;
    await logIn(s, { password: 'not-the-password', status: 401 });
    const alert = await s.page.getByRole('alert').innerText();
    expect(alert.includes('Feil brukernavn eller passord'), `the alert says «${alert}»`);
    equal(new URL(s.page.url()).pathname, '/logg-inn', 'the address after a wrong password');
    equal(await s.page.locator('nav.main-nav').count(), 0, 'menus after a wrong password');
    await audit(s, 'login page with an error', 'wrong password');
    await screenshot(s, 'login-wrong-password');
  });

  for (const role of ROLES) {
    const landing = role === 'leader' ? ['/oppgaver', 'Mine oppgaver'] : ['/', 'Oversikt'];
    await check(`the ${role} (${ACCOUNTS[role].name}) logs in through the form and lands on ${landing[1]}`, async () => {
      const s = b[role];
      await logIn(s);
      equal(new URL(s.page.url()).pathname, landing[0], 'the address after login');
      equal(await h1(s), landing[1], 'the heading after login');
      const user = await s.page.locator('.user-name').innerText();
      equal(user.trim(), ACCOUNTS[role].name, 'the name in the header');
    });
  }

  await check('the menu items Import, Brukere and Logg appear for the admin only', async () => {
    for (const role of ROLES) {
      const items = await menu(b[role]);
      for (const item of ADMIN_ONLY_MENU) {
        const shown = items.includes(item);
        expect(shown === (role === 'admin'),
          `${role} ${shown ? 'sees' : 'does not see'} «${item}» (menu: ${items.join(', ')})`);
      }
      expect(items.includes('Oversikt') && items.includes('Enheter'), `${role}'s menu: ${items.join(', ')}`);
    }
  });

  await check('drill-down by clicking: dashboard → goal → a unit in its breakdown → a child unit', async () => {
    const s = admin;
    await visit(s, '/', 'dashboard', { shot: 'dashboard' });
    await s.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(s, 'dashboard-390');
    await audit(s, 'dashboard', '390 px wide');
    await s.page.setViewportSize({ width: 1280, height: 900 });
    // A goal with figures, so that its page breaks them down by unit.
    const goal = s.page.locator('ol.policy-tree li.node:has(> ul.node-figures) > a.node-title').first();
    expect(await goal.count() === 1, 'no goal on the dashboard has figures');
    const goalTitle = (await goal.innerText()).trim();
    await clickTo(s, goal, 'goal page');
    equal(await h1(s), goalTitle, 'the goal page\'s heading');
    expect(new URL(s.page.url()).pathname.startsWith('/mal/'), `the goal link led to ${s.page.url()}`);
    await screenshot(s, 'goal');
    const unit = s.page.locator('figure[data-kind="bar"] table a[href^="/enheter/"]').first();
    expect(await unit.count() === 1, 'the goal page has no breakdown by unit with links');
    const unitName = (await unit.innerText()).trim();
    await clickTo(s, unit, 'unit page');
    equal(await h1(s), unitName, 'the unit page\'s heading');
    await screenshot(s, 'unit');
    const child = s.page.locator('table:has(caption:text-matches("^Underenhetene")) tbody th a').first();
    expect(await child.count() === 1, `${unitName} has no table of child units with links`);
    const childName = (await child.innerText()).trim();
    await clickTo(s, child, 'child unit page');
    equal(await h1(s), childName, 'the child unit page\'s heading');
    const crumbs = await s.page.locator('nav.breadcrumbs').innerText();
    expect(crumbs.includes(unitName), `the breadcrumbs «${crumbs}» lack the parent ${unitName}`);
  });

  // Every page of the menu and the pages under them, for every role; axe runs on each.
  const rolePages = {
    admin: [['/enheter', 'units', 'units'], [`/enheter/${LEADER_UNIT}`, 'unit page', null],
      [`/enheter/${LEADER_UNIT}/ansatte`, 'individuals', 'individuals'],
      ['/indikatorer', 'indicators', 'indicators'], ['/indikatorer/sick_leave_pct', 'indicator page', 'indicator'],
      ['/policy', 'policies', 'policies'], [`/policy/${POLICY_ID}`, 'policy page', 'policy'],
      ['/rapporter', 'reports', 'reports'],
      ['/import', 'import', 'import'], ['/brukere', 'users', 'users'], ['/logg', 'audit log', 'audit-log'],
      ['/oppgaver', 'Mine oppgaver', 'tasks-admin'], ['/tiltak', 'measures', 'measures-admin']],
    other: [['/', 'dashboard'], [`/mal/${POLICY_ID}/delmal-heltid-1`, 'goal page'], ['/enheter', 'units'],
      [`/enheter/${LEADER_UNIT}`, 'unit page'], [`/enheter/${OTHER_UNIT}`, 'unit page'],
      ['/indikatorer', 'indicators'], ['/indikatorer/sick_leave_pct', 'indicator page'],
      ['/policy', 'policies'], [`/policy/${POLICY_ID}`, 'policy page'], ['/rapporter', 'reports'],
      ['/oppgaver', 'Mine oppgaver'], ['/tiltak', 'measures'], ['/tiltak?vis=forfalt', 'overdue measures']],
  };
  await check('the admin opens every page: units, individuals, indicators, policies, import, users, log', async () => {
    for (const [url, label, shot] of rolePages.admin) await visit(admin, url, label, { shot });
    // The policy page's edit forms are folded away in <details>; axe skips what is hidden.
    await visit(admin, `/policy/${POLICY_ID}`, 'policy page');
    const forms = admin.page.locator('details.node-edit');
    expect(await forms.count() > 0, 'the admin sees no edit forms on the policy page');
    await admin.page.$$eval('details.node-edit', (ds) => ds.forEach((d) => { d.open = true; }));
    await audit(admin, 'policy page', 'edit forms open');
    await visit(admin, '/finnes-ikke', '404 page', { status: 404, shot: 'not-found' });
    equal(await h1(admin), 'Fant ikke siden', 'the 404 page\'s heading');
  });

  for (const role of ['leader', 'union', 'viewer']) {
    await check(`the ${role} opens the dashboard, a goal, units, indicators and policies, and gets 403 for admin pages`, async () => {
      const s = b[role];
      for (const [url, label] of rolePages.other) await visit(s, url, label);
      equal(await s.page.locator('details.node-edit').count(), 0, `edit forms on the policy page for ${role}`);
      for (const url of ['/import', '/brukere', '/logg']) await visit(s, url, '403 page', { status: 403 });
      equal(await h1(s), 'Ingen tilgang', 'the 403 page\'s heading');
      if (role === 'union') await screenshot(s, 'forbidden');
      await visit(s, '/enheter/finnes-ikke', '404 page', { status: 404 });
    });
  }

  await check('Heltid: the union representative reads a plan, its scenarios and a rota grid; only the leader and HR edit; the viewer gets 403', async () => {
    const s = b.union;
    await visit(s, '/heltid', 'heltid', { shot: 'heltid' });
    const units = s.page.locator('main table.data tbody th a[href^="/heltid/"]');
    expect(await units.count() > 0, 'the demo has no staffing plans on /heltid');
    // The unit with a rota: the demo makes one.
    let withRota = null;
    for (const href of await units.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      await visit(s, href, 'heltid unit');
      if (await s.page.locator('tr[data-rota] a').count() > 0) { withRota = href; break; }
    }
    expect(withRota !== null, 'no unit shows a rota');
    equal(await s.page.getByRole('link', { name: 'Endre planen' }).count(), 0, 'edit links for the union');
    equal(await s.page.getByRole('button', { name: 'Lag turnus' }).count(), 0, 'rota form for the union');
    expect(await s.page.locator('figure.chart svg').count() > 0, 'the scenario chart is not drawn');
    await s.page.selectOption('#f', '2');
    await clickTo(s, s.page.getByRole('button', { name: 'Regn ut' }), 'scenario F = 2');
    expect((await s.page.locator('table.scenarios thead').innerText()).includes('Valgt: F = 2'), 'the chosen scenario is not F = 2');
    await clickTo(s, s.page.locator('tr[data-rota] a').first(), 'rota grid');
    await screenshot(s, 'heltid-rota');
    const grid = s.page.locator('table.rota');
    expect(await grid.count() > 0, 'no rota grid');
    expect(await grid.first().locator('tbody th[scope="row"]').count() > 1, 'the grid has no rows of persons');
    equal(await s.page.locator('main form').count(), 0, 'forms on the rota page for the union');
    for (const url of [`${withRota}/plan`]) await visit(s, url, '403 page', { status: 403 });
    await visit(admin, `${withRota}/plan`, 'plan editor', { shot: 'heltid-plan-editor' });
    await visit(b.viewer, '/heltid', '403 page', { status: 403 });
  });

  await check('the leader opens «Se de ansatte bak tallene» on the own sector and sees the individuals', async () => {
    const s = b.leader;
    await visit(s, '/enheter', 'units');
    await clickTo(s, s.page.locator(`main a[href^="/enheter/${LEADER_UNIT}?"]`).first(), 'own unit page');
    const link = s.page.getByRole('link', { name: 'Se de ansatte bak tallene' });
    equal(await link.count(), 1, 'links to the individuals on the own sector');
    await clickTo(s, link, 'individuals');
    expect((await h1(s)).startsWith('Ansatte i '), `the heading is «${await h1(s)}»`);
    const rows = await s.page.locator('main table.data tbody tr').count();
    expect(rows > 0, 'the table of individuals is empty');
  });

  await check('the leader has no individuals link on another sector, and its /ansatte gives 403', async () => {
    const s = b.leader;
    await visit(s, '/enheter', 'units');
    await clickTo(s, s.page.locator(`main a[href^="/enheter/${OTHER_UNIT}?"]`).first(), 'other unit page');
    equal(await s.page.getByRole('link', { name: 'Se de ansatte bak tallene' }).count(), 0,
      `links to the individuals of ${OTHER_UNIT}`);
    await visit(s, `/enheter/${OTHER_UNIT}/ansatte`, '403 page', { status: 403 });
  });

  await check('union and viewer get no individuals link and 403 for /enheter/<unit>/ansatte', async () => {
    for (const role of ['union', 'viewer']) {
      const s = b[role];
      await visit(s, `/enheter/${LEADER_UNIT}`, 'unit page');
      equal(await s.page.getByRole('link', { name: 'Se de ansatte bak tallene' }).count(), 0,
        `individuals links for ${role}`);
      await visit(s, `/enheter/${LEADER_UNIT}/ansatte`, '403 page', { status: 403 });
    }
  });

  await check('the admin sees the leader\'s view of individuals (individuals.view) in /logg', async () => {
    await visit(admin, '/logg', 'audit log');
    const rows = await admin.page.locator('main table.data tbody tr').allInnerTexts();
    const views = rows.filter((r) => r.includes('individuals.view'));
    expect(views.length > 0, 'no individuals.view in the audit log');
    expect(views.some((r) => r.includes('leder') && r.includes(LEADER_UNIT)),
      `no individuals.view by leder of ${LEADER_UNIT}: ${views.join(' | ')}`);
  });

  await check('a leader sees an overdue plan on Mine oppgaver, records it, sees it done, and the unit\'s compliance rises after the recompute', async () => {
    const s = b.leader;
    await visit(s, '/oppgaver', 'Mine oppgaver', { shot: null });
    await s.page.setViewportSize({ width: 1280, height: 900 });
    const row = s.page.locator('tr[data-status="overdue"][data-duty="oppfolgingsplan"]').first();
    expect(await row.count() === 1, 'the leader has no overdue follow-up plan on Mine oppgaver');
    const person = await row.getAttribute('data-employee');
    const due = await row.getAttribute('data-due');
    const unitHref = (await row.locator('a[href^="/enheter/"]').first().getAttribute('href')).split('?')[0];
    const year = due.slice(0, 4);
    // The unit's figure for the year before.
    const figureOf = async () => {
      await visit(s, `/indikatorer/followup_plan_compliance?periode=${year}`, 'compliance indicator');
      return (await unitFigures(s))[unitHref];
    };
    const before = await figureOf();
    expect(before !== undefined, `no figure for ${unitHref} on the indicator page`);
    await visit(s, '/oppgaver', 'Mine oppgaver');
    // On time: the plan was made on the due day and not recorded until now.
    const form = s.page.locator(`tr[data-employee="${person}"][data-duty="oppfolgingsplan"][data-due="${due}"] form`).first();
    await form.locator('input[type="date"]').fill(due);
    await clickTo(s, form.getByRole('button', { name: 'Plan laget' }), 'Mine oppgaver after recording');
    // The layout's recompute notice is a status too; the page's own says what was recorded.
    const notices = await s.page.getByRole('status').allInnerTexts();
    expect(notices.some((t) => t.includes('Registrert')), `the notices say «${notices.join(' | ')}»`);
    const done = s.page.locator(`tr[data-employee="${person}"][data-duty="oppfolgingsplan"][data-due="${due}"]`).first();
    equal(await done.getAttribute('data-status'), 'done', 'the status after recording');
    expect((await done.innerText()).includes('registrert i agp'), 'the row does not say it was recorded in agp');
    await audit(s, 'Mine oppgaver', 'after recording');
    await screenshot(s, 'tasks-leader');
    // The server recomputes by itself; the unit's figure counts the plan within a minute.
    let after = before;
    for (let i = 0; i < 60 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      after = await figureOf();
    }
    expect(after !== before, `the compliance figure of ${unitHref} stayed ${before}`);
    const num = (t) => Number(t.replace(/[^\d,]/g, '').replace(',', '.'));
    expect(num(after) > num(before), `the compliance figure of ${unitHref} went from ${before} to ${after}`);
  });

  await check('a leader opens an overdue measure from Mine oppgaver, reports it done with a note and a file, and the dashboard counts one overdue measure less', async () => {
    const s = b.leader;
    await s.page.setViewportSize({ width: 1280, height: 900 });
    const overdueCount = async () => {
      await visit(s, '/', 'dashboard');
      return Number(await s.page.locator('[data-overdue-measures]').innerText());
    };
    const before = await overdueCount();
    expect(before > 0, `the demo leader has ${before} overdue measures on the dashboard`);
    await visit(s, '/oppgaver', 'Mine oppgaver');
    const row = s.page.locator('table:has(caption:text-matches("^Tiltak som ikke er fullført")) tr[data-overdue="1"]').first();
    expect(await row.count() === 1, 'Mine oppgaver lists no overdue measure of the leader\'s units');
    const key = await row.getAttribute('data-measure');
    await clickTo(s, row.locator('th a').first(), 'measure page');
    equal(await s.page.locator('form[action$="/oppdater"]').count(), 1, 'the update form on the own measure');
    await s.page.selectOption('#status', 'fullført');
    await s.page.fill('#notat', 'Gjennomført i personalmøtet; alle har fått tilbud om større stilling.');
    await clickTo(s, s.page.getByRole('button', { name: 'Lagre' }), 'measure page after saving');
    const notices = await s.page.getByRole('status').allInnerTexts();
    expect(notices.some((t) => t.includes('Lagret')), `the notices say «${notices.join(' | ')}»`);
    expect((await s.page.locator('main dl.facts').innerText()).includes('Fullført'), 'the status is not Fullført');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agp-e2e-evidence-')), 'referat.txt');
    fs.writeFileSync(file, 'Referat fra personalmøtet: alle deltidsansatte har fått tilbud.\n');
    await s.page.fill('#tittel', 'Referat fra personalmøtet');
    await s.page.setInputFiles('#fil', file);
    await clickTo(s, s.page.getByRole('button', { name: 'Legg ved' }), 'measure page after attaching');
    const link = s.page.getByRole('link', { name: 'Referat fra personalmøtet' });
    equal(await link.count(), 1, 'the attached file is listed');
    const [download] = await Promise.all([s.page.waitForEvent('download'), link.click()]);
    equal(download.suggestedFilename(), 'referat.txt', 'the evidence is offered as a download');
    await audit(s, 'measure page', 'after attaching');
    await screenshot(s, 'measure-leader');
    equal(await overdueCount(), before - 1, 'overdue measures on the dashboard after reporting one done');
    await visit(s, '/tiltak?vis=fullført', 'completed measures');
    expect(await s.page.locator(`tr[data-measure="${key}"]`).count() === 1, `${key} is not among the completed`);
  });

  await check('union representatives read a measure and its history but get no form to change it', async () => {
    const s = b.union;
    await visit(s, '/tiltak', 'measures');
    const first = s.page.locator('main table tr[data-measure] th a').first();
    expect(await first.count() === 1, 'the union sees no measures');
    await clickTo(s, first, 'measure page');
    equal(await s.page.locator('form[action$="/oppdater"]').count(), 0, 'update forms for the union');
    await screenshot(s, 'measure-union');
  });

  await check('union and viewer see the follow-up in numbers only on Mine oppgaver', async () => {
    for (const role of ['union', 'viewer']) {
      const s = b[role];
      await visit(s, '/oppgaver', 'follow-up in numbers');
      equal(await h1(s), 'Oppfølging i tall', `${role}'s heading`);
      equal(await s.page.locator('form[action="/oppgaver/registrer"]').count(), 0, `${role}'s record forms`);
      equal(await s.page.locator('tr[data-employee]').count(), 0, `${role}'s rows about persons`);
    }
    await screenshot(b.union, 'tasks-union');
  });

  await check('a union representative downloads the annual report as HTML (axe-clean, «skjult» where HR sees a number) and as PDF', async () => {
    const s = b.union;
    await visit(s, '/rapporter', 'reports');
    await s.page.check('#r-format-html');
    const [html] = await Promise.all([s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: 'Last ned rapporten' }).click()]);
    expect(/^arbeidsgiverpolitikk-.*\.html$/.test(html.suggestedFilename()), `file name ${html.suggestedFilename()}`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agp-e2e-report-')), 'rapport.html');
    await html.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    expect(!text.includes('<script') && text.includes('<svg class="chart"'), 'the report is not self-contained with charts');
    expect(text.includes('data-suppressed="1"'), 'the union report withholds nothing');
    await s.page.goto('file://' + file);
    await audit(s, 'annual report (HTML file)');
    await screenshot(s, 'report-html');
    await visit(s, '/rapporter', 'reports');
    const [pdf] = await Promise.all([s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: 'Last ned rapporten' }).click()]);
    const pdfFile = file.replace(/\.html$/, '.pdf');
    await pdf.saveAs(pdfFile);
    equal(fs.readFileSync(pdfFile).subarray(0, 4).toString(), '%PDF', 'the downloaded PDF\'s first bytes');
  });

  await check('union and viewer see «skjult» where the admin sees a number (sick leave per unit)', async () => {
    await visit(admin, '/indikatorer', 'indicators');
    await clickTo(admin, admin.page.getByRole('link', { name: 'Sykefravær', exact: true }), 'indicator page');
    const full = await unitFigures(admin);
    expect(Object.keys(full).length > 5, `the admin's table has ${Object.keys(full).length} units`);
    expect(!Object.values(full).includes('skjult'), 'the admin sees «skjult»');
    for (const role of ['union', 'viewer']) {
      const s = b[role];
      await visit(s, '/indikatorer', 'indicators');
      await clickTo(s, s.page.getByRole('link', { name: 'Sykefravær', exact: true }), 'indicator page');
      const seen = await unitFigures(s);
      const hidden = Object.keys(seen).filter((u) => seen[u] === 'skjult' && isNumber(full[u] || ''));
      expect(hidden.length > 0, `${role} sees no «skjult» where the admin sees a number`);
      const extra = Object.keys(seen).filter((u) => isNumber(seen[u]) && !isNumber(full[u] || ''));
      expect(extra.length === 0, `${role} sees numbers the admin does not: ${extra.join(', ')}`);
      expect(Object.keys(seen).some((u) => isNumber(seen[u])), `${role} sees no number at all`);
    }
  });

  await check('without JavaScript the dashboard and an indicator page still show their figures and tables', async () => {
    const s = await openBrowser('viewer without JavaScript', { javaScriptEnabled: false });
    await s.page.goto(`${BASE}/logg-inn`);
    await s.page.getByLabel('Brukernavn').fill(ACCOUNTS.viewer.name);
    await s.page.getByLabel('Passord').fill(ACCOUNTS.viewer.password);
    await Promise.all([s.page.waitForNavigation(), s.page.getByRole('button', { name: 'Logg inn' }).click()]);
    equal(new URL(s.page.url()).pathname, '/', 'the address after login without JavaScript');
    const values = await s.page.locator('.cards .figure-value').allInnerTexts();
    expect(values.length >= 4 && values.some((v) => /\d/.test(v)), `the key figures: ${values.join(', ')}`);
    expect(await s.page.locator('main table.chart-data').count() > 0, 'the dashboard has no data tables');
    equal(await s.page.locator('main svg').count(), 0, 'charts drawn without JavaScript');
    await s.page.goto(`${BASE}/indikatorer/sick_leave_pct`);
    const chartTable = s.page.locator('figure.chart table.chart-data').first();
    expect(await chartTable.isVisible(), 'the chart\'s table is not visible');
    expect(await chartTable.locator('tbody tr').count() > 1, 'the chart\'s table has no rows');
    const units = s.page.locator('main table.data:not(.chart-data)');
    expect(await units.isVisible(), 'the table of units is not visible');
    expect(await units.locator('tbody tr').count() > 5, 'the table of units has few rows');
  });

  await check('keyboard: the first Tab reaches the skip link, which is visible and moves focus to main', async () => {
    const s = admin;
    await visit(s, '/', 'dashboard');
    await s.page.keyboard.press('Tab');
    const first = await s.page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return { cls: a.className, href: a.getAttribute('href'), text: a.textContent.trim(),
        visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight };
    });
    equal(first.href, '#main', `the first focused element (${first.text})'s href`);
    expect(first.visible, 'the skip link is not visible when focused');
    await s.page.keyboard.press('Enter');
    // Either main takes focus itself, or it becomes the starting point of sequential navigation,
    // so that the next Tab lands inside it.
    let where = await s.page.evaluate(() => document.activeElement.closest('main') ? 'main' : document.activeElement.tagName);
    if (where !== 'main') {
      await s.page.keyboard.press('Tab');
      where = await s.page.evaluate(() => document.activeElement.closest('main') ? 'main' : document.activeElement.outerHTML.slice(0, 80));
    }
    equal(where, 'main', 'focus after following the skip link');
  });

  await check('an assessment form without its CSRF token is refused with 403', async () => {
    const s = admin;
    await visit(s, `/mal/${POLICY_ID}/delmal-heltid-1`, 'goal page');
    await s.page.getByLabel('Begrunnelse').fill('Skal avvises');
    await s.page.$$eval('form[action$="/vurdering"] input[name="csrf"]', (els) => els.forEach((e) => e.remove()));
    await clickTo(s, s.page.getByRole('button', { name: 'Lagre vurderingen' }), '403 page', { status: 403 });
    equal(await h1(s), 'Skjemaet er utløpt', 'the heading');
    await screenshot(s, 'forbidden-csrf');
  });

  await check(`editing the target of ${GOAL_ID} on /policy/${POLICY_ID} changes its status on the dashboard`, async () => {
    const s = admin;
    const statusOnDashboard = async () => {
      await clickTo(s, s.page.locator('nav.main-nav').getByRole('link', { name: 'Oversikt' }), 'dashboard');
      const link = s.page.locator(`a.node-title[href*="/${POLICY_ID}/${GOAL_ID}?"]`);
      expect(await link.count() === 1, `the dashboard shows no goal ${GOAL_ID} (is ${POLICY_ID} the default policy?)`);
      return (await link.locator('xpath=following-sibling::span[contains(@class,"node-status")][1]').innerText()).trim();
    };
    const before = await statusOnDashboard();
    await clickTo(s, s.page.locator('nav.main-nav').getByRole('link', { name: 'Policy' }), 'policies');
    await clickTo(s, s.page.locator(`main a[href="/policy/${POLICY_ID}"]`).first(), 'policy page');
    const node = s.page.locator(`li#node-${GOAL_ID}`);
    await node.locator('> details.node-edit > summary').click();
    const prefix = `#e-${GOAL_ID}-ind-0-`;
    // A ceiling the data meets, or, when the goal is met already, one it cannot meet.
    const value = before.includes('nådd') ? '0,1' : '99';
    await s.page.locator(`${prefix}rule`).selectOption('at_most');
    await s.page.locator(`${prefix}value`).fill(value);
    await audit(s, 'policy page', 'one edit form open, filled in');
    shotNumber += 1;
    await node.screenshot({ path: path.join(SCREENSHOT_DIR, `${String(shotNumber).padStart(2, '0')}-policy-edit-form.png`) });
    await clickTo(s, node.locator('> details.node-edit').getByRole('button', { name: 'Lagre som ny versjon' }), 'policy page after saving');
    expect(s.page.url().includes(`lagret=${GOAL_ID}`), `after saving the address is ${s.page.url()}`);
    const notice = await s.page.locator('.notice-success').first().innerText();
    expect(notice.includes('lagret som versjon'), `the notice says «${notice}»`);
    await screenshot(s, 'policy-saved');
    const after = await statusOnDashboard();
    expect(after !== before, `the status stayed «${before}» after setting «høyst ${value} %»`);
    if (value === '99') expect(after.includes('nådd'), `«høyst 99 %» gave «${after}», not «nådd»`);
    return `status before: «${before}»; after «høyst ${value} %»: «${after}»`;
  });

  let versionBefore = 0;
  await check('a bad package shows its problems as file:line:column and offers no import button', async () => {
    const s = admin;
    await clickTo(s, s.page.locator('nav.main-nav').getByRole('link', { name: 'Import' }), 'import');
    versionBefore = await footerVersion(s);
    await s.page.locator('#pakke').setInputFiles(uploadFiles(BAD_PACKAGE));
    await clickTo(s, s.page.getByRole('button', { name: 'Kontroller pakken' }), 'import report with errors');
    expect(/^\/import\/[A-Za-z0-9_-]+$/.test(new URL(s.page.url()).pathname), `the upload led to ${s.page.url()}`);
    equal(await h1(s), 'Pakken har feil', 'the heading');
    const places = (await s.page.locator('ol.problems li code.where').allInnerTexts()).map((t) => t.trim());
    expect(places.length >= 2, `the problems list has ${places.length} places: ${places.join(', ')}`);
    for (const p of places) expect(/^[\w.-]+\.csv:\d+:\d+$/.test(p), `«${p}» is not file:line:column`);
    expect(places.some((p) => p.startsWith('positions.csv:2:')), `the unknown unit (positions.csv:2) is not listed: ${places.join(', ')}`);
    expect(places.some((p) => p.startsWith('positions.csv:3:')), `the bad date (positions.csv:3) is not listed: ${places.join(', ')}`);
    equal(await s.page.getByRole('button', { name: 'Importer' }).count(), 0, 'import buttons');
    await screenshot(s, 'import-errors');
  });

  await check('a good package is imported after confirmation, and the footer\'s data version increases', async () => {
    const s = admin;
    await visit(s, '/import', 'import');
    await s.page.locator('#pakke').setInputFiles(uploadFiles(GOOD_PACKAGE));
    await clickTo(s, s.page.getByRole('button', { name: 'Kontroller pakken' }), 'import report without errors');
    equal(await h1(s), 'Pakken er kontrollert', 'the heading');
    await screenshot(s, 'import-checked');
    await clickTo(s, s.page.getByRole('button', { name: 'Importer', exact: true }), 'import progress');
    await s.page.locator('#import-status[data-state="done"]').waitFor({ timeout: 120000 });
    equal(await s.page.locator('#import-status').getAttribute('data-state'), 'done', 'the state');
    await audit(s, 'import done', 'updated by import.js');
    await s.page.reload();
    equal(await h1(s), 'Importen er fullført', 'the heading when done');
    await audit(s, 'import done');
    await screenshot(s, 'import-done');
    await clickTo(s, s.page.getByRole('link', { name: 'Til oversikten' }), 'dashboard');
    const after = await footerVersion(s);
    expect(after > versionBefore, `the data version went from ${versionBefore} to ${after}`);
  });

  // The two safety nets below must be able to fail: axe must see a planted violation, and the
  // console listener must hear the Content-Security-Policy refuse an inline script.
  await check('self-test: axe-core reports a planted violation (an image without alt text)', async () => {
    const s = admin;
    await loadAxe(s.page);
    await s.page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
      img.id = 'e2e-planted';
      document.querySelector('main').append(img);
    });
    const ids = await s.page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return r.violations.map((v) => v.id);
    }, AXE_TAGS);
    expect(ids.includes('image-alt'), `axe reported ${JSON.stringify(ids)}, not image-alt`);
    await s.page.evaluate(() => document.getElementById('e2e-planted').remove());
  });

  await check('self-test: the Content-Security-Policy refuses an inline script, and the console check sees it', async () => {
    const s = admin;
    const before = consoleErrors.length;
    const ran = await s.page.addScriptTag({ content: 'window.e2eInline = true;' }).then(() => true, () => false);
    expect(!ran && !(await s.page.evaluate(() => window.e2eInline === true)), 'an inline script ran');
    await s.page.waitForTimeout(100);
    const seen = consoleErrors.slice(before).filter((e) => e.text.includes('Content Security Policy'));
    expect(seen.length > 0, 'the refusal was not logged as a console error');
    consoleErrors.splice(before);  // planted here, not the app's
  });

  for (const role of ROLES) {
    await check(`axe-core finds no WCAG 2.1 A/AA violations on the pages the ${role} visited`, async () => {
      const runs = axeRuns.filter((r) => r.role === role);
      expect(runs.length > 0, 'axe ran on no page');
      const bad = runs.filter((r) => r.violations.length > 0);
      const lines = [];
      for (const r of bad) {
        lines.push(`${r.label}: ${r.url}`);
        for (const v of r.violations) {
          lines.push(`  ${v.id} (${v.impact}): ${v.help}`);
          for (const t of v.targets.slice(0, 5)) lines.push(`    ${t}`);
          if (v.targets.length > 5) lines.push(`    … and ${v.targets.length - 5} more`);
        }
      }
      expect(bad.length === 0, `${bad.length} of ${runs.length} pages have violations:\n${lines.join('\n')}`);
      return `${runs.length} pages checked`;
    });
  }

  await check('no page logged a console error or a CSP violation, for any role', async () => {
    const real = consoleErrors.filter((e) => {
      const m = /Failed to load resource: the server responded with a status of (\d+)/.exec(e.text);
      return !(m && e.s.documents.has(`${m[1]} ${e.url}`));
    });
    expect(real.length === 0, real.map((e) => `${e.s.role} on ${e.page}: ${e.text}${e.url ? ` (${e.url})` : ''}`).join('\n'));
  });

  await closeAll();
  const failed = results.filter((r) => !r.ok);
  const shots = fs.readdirSync(SCREENSHOT_DIR).filter((f) => f.endsWith('.png')).length;
  console.log(`\n${results.length - failed.length} of ${results.length} checks passed, ` +
    `${axeRuns.length} axe runs, ${shots} screenshots in ${SCREENSHOT_DIR}, ` +
    `${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  for (const f of failed) console.log(`FAILED: ${f.name}`);
  return failed.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), async (e) => {
  console.log(`FAIL the run broke off: ${e && e.stack ? e.stack : e}`);
  await closeAll();
  process.exit(1);
});
