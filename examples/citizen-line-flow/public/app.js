// Citizen side of the LINE flow. Steps: menu → consent → citizen ID + phone → scan → code.
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem('authenkit.lang') === 'en' ? 'en' : 'th';
const pick = (v) => (v && typeof v === 'object' ? (v[lang] ?? v.th) : (v ?? ''));
const steps = ['menu', 'consent', 'declined', 'register', 'scan', 'result'];

function show(step) {
  for (const s of steps) $(`step-${s}`).hidden = s !== step;
  $('error').hidden = true;
  document.body.dataset.step = step;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.placeholder = t(lang, el.dataset.i18nPlaceholder);
}

function showError(err) {
  $('error').textContent = pick(err?.message) || t(lang, 'error');
  $('error').hidden = false;
}

async function post(path, body, type = 'application/json') {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': type }, body });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw json.error ?? { code: 'ERROR' };
  return json;
}

/** Any photo → PNG bytes (the server reads PNG): decode with the browser, re-encode with a canvas. */
async function toPng(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = Object.assign(document.createElement('canvas'), {
    width: Math.round(bitmap.width * scale),
    height: Math.round(bitmap.height * scale),
  });
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

// 0-0000-00000-00-0 as the citizen types.
$('pid').addEventListener('input', (ev) => {
  const d = ev.target.value.replace(/\D/g, '').slice(0, 13);
  const parts = [d.slice(0, 1), d.slice(1, 5), d.slice(5, 10), d.slice(10, 12), d.slice(12, 13)].filter(
    Boolean,
  );
  ev.target.value = parts.join('-');
});

$('go-request').addEventListener('click', () => show('consent'));
$('accept').addEventListener('click', async () => {
  try {
    await post('/api/consent', JSON.stringify({ accept: true }));
    show('register');
  } catch (err) {
    showError(err);
  }
});
$('decline').addEventListener('click', async () => {
  try {
    await post('/api/consent', JSON.stringify({ accept: false }));
    show('declined');
  } catch (err) {
    showError(err);
  }
});
for (const b of document.querySelectorAll('[data-back]')) b.addEventListener('click', () => show('menu'));
$('step-register').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await post(
      '/api/register',
      JSON.stringify({ pid: $('pid').value.replace(/\D/g, ''), phone: $('phone').value }),
    );
    show('scan');
  } catch (err) {
    showError(err);
  }
});
$('photo').addEventListener('change', async (ev) => {
  const file = ev.target.files?.[0];
  if (!file) return;
  $('scan-status').textContent = t(lang, 'scanning');
  try {
    const png = await toPng(file);
    const out = await post(`/api/scan?requestId=${crypto.randomUUID()}`, png, 'image/png');
    $('code').textContent = out.claimCode;
    $('r-unit').textContent = `${out.hname ?? ''} (${out.hcode})`;
    $('r-service').textContent = pick(out.service) || out.claimType;
    $('r-when').textContent = pick(out.when);
    show('result');
  } catch (err) {
    showError(err);
  } finally {
    $('scan-status').textContent = '';
    ev.target.value = '';
  }
});
$('again').addEventListener('click', () => show('scan'));
$('lang').addEventListener('click', () => {
  lang = lang === 'th' ? 'en' : 'th';
  localStorage.setItem('authenkit.lang', lang);
  applyLanguage();
});

applyLanguage();
show('menu');
document.body.dataset.ready = 'true';
