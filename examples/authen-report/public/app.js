// Browser side of the report page. The server does the filtering with the SDK's filterReport and
// formats every cell (Thai dates, masked IDs); the page only renders what it gets, in either language.
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem('authenkit.lang') === 'en' ? 'en' : 'th';
let options = null;
let report = null;
const pick = (v) => (v && typeof v === 'object' ? (v[lang] ?? v.th) : (v ?? ''));

function query() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('filters'))) if (String(v).trim()) params.set(k, String(v).trim());
  return params;
}

function fillSelects() {
  for (const select of document.querySelectorAll('select[data-options]')) {
    const chosen = select.value;
    const list = options?.[select.dataset.options] ?? [];
    select.replaceChildren(
      new Option(t(lang, 'all'), ''),
      ...list.map((o) => new Option(pick(o.label), o.value)),
    );
    select.value = chosen;
  }
}

function renderReport() {
  const head = $('head');
  const cols = options?.columns ?? [];
  head.replaceChildren(
    ...cols.map((c) => Object.assign(document.createElement('th'), { textContent: pick(c.label) })),
  );
  const body = $('rows');
  if (!report) {
    body.replaceChildren();
    return;
  }
  $('caption').textContent = report.caption ? pick(report.caption) : '';
  $('count').textContent = t(lang, 'count', { n: report.total });
  if (report.rows.length === 0) {
    const td = Object.assign(document.createElement('td'), {
      colSpan: cols.length,
      className: 'empty',
      textContent: t(lang, 'empty'),
    });
    const tr = document.createElement('tr');
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(
    ...report.rows.map((row) => {
      const tr = document.createElement('tr');
      const cells = row[lang] ?? row.th;
      cols.forEach((c, i) => {
        tr.append(
          Object.assign(document.createElement('td'), {
            textContent: cells[i] ?? '',
            className: c.key === 'authenCode' ? 'code' : '',
          }),
        );
      });
      return tr;
    }),
  );
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  document.title = `AuthenKit · ${t(lang, 'appTitle')}`;
  fillSelects();
  renderReport();
  updateLinks();
}

function updateLinks() {
  const q = query();
  q.set('lang', lang);
  $('csv').href = `/api/report.csv?${q}`;
  $('xlsx').href = `/api/report.xlsx?${q}`;
}

async function search() {
  $('count').textContent = t(lang, 'loading');
  const res = await fetch(`/api/report?${query()}`);
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    $('count').textContent = `${t(lang, 'error')}: ${pick(body.error?.message) || res.status}`;
    return;
  }
  report = await res.json();
  renderReport();
  updateLinks();
  document.body.dataset.ready = 'true';
}

$('filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  search();
});
$('filters').addEventListener('reset', () =>
  setTimeout(() => {
    setDefaultDates();
    search();
  }, 0),
);
$('filters').addEventListener('change', updateLinks);
$('lang').addEventListener('click', () => {
  lang = lang === 'th' ? 'en' : 'th';
  localStorage.setItem('authenkit.lang', lang);
  applyLanguage();
});

// Default window, as NHSO's screen: the last 7 days of visits (Bangkok dates).
function setDefaultDates() {
  const bkk = (daysAgo) =>
    new Date(Date.now() + 7 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
  document.querySelector('[name=serviceFrom]').value = bkk(6);
  document.querySelector('[name=serviceTo]').value = bkk(0);
}
setDefaultDates();

const res = await fetch('/api/options');
options = await res.json();
$('sandbox-badge').hidden = !options.sandbox;
applyLanguage();
await search();
