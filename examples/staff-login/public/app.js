// Staff log-in page: PIN 2 goes to this app's own server only (never to NHSO, never stored).
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem('authenkit.lang') === 'en' ? 'en' : 'th';
let session = null;
const pick = (v) => (v && typeof v === 'object' ? (v[lang] ?? v.th) : (v ?? ''));

function render() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  $('form').hidden = Boolean(session);
  $('done').hidden = !session;
  if (session) {
    $('s-pid').textContent = session.maskedPid;
    $('s-name').textContent = session.name;
    $('s-unit').textContent = session.hcode;
    $('s-exp').textContent = new Date(session.expiresAt).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', {
      timeZone: 'Asia/Bangkok',
    });
  }
}

$('form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const pin = $('pin').value;
  $('pin').value = ''; // do not keep the PIN in the page
  $('error').hidden = true;
  $('login').textContent = t(lang, 'loggingIn');
  try {
    const res = await fetch('/api/login', { method: 'POST', body: JSON.stringify({ pin }) });
    const body = await res.json();
    if (!res.ok) {
      const tries = body.error?.triesLeft;
      $('error').textContent =
        pick(body.error?.message) +
        (typeof tries === 'number' ? ` — ${t(lang, 'triesLeft', { n: tries })}` : '');
      $('error').hidden = false;
    } else session = body;
  } finally {
    render();
  }
});
$('logout').addEventListener('click', async () => {
  await fetch('/api/logout', { method: 'POST' });
  session = null;
  render();
});
$('lang').addEventListener('click', () => {
  lang = lang === 'th' ? 'en' : 'th';
  localStorage.setItem('authenkit.lang', lang);
  render();
});
render();
document.body.dataset.ready = 'true';
