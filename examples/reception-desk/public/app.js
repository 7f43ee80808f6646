// Browser side of the reception desk. It only talks to its own server (same origin, so no CORS):
// the server owns the card reader and the NHSO token; the page never sees the full citizen ID.
import { dictionary, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem('authenkit.lang') === 'en' ? 'en' : 'th';
let state = null;
let options = { claimTypes: [], certifiers: [] };
let visits = [];
let lastResult = null;

/** A server value that exists in both languages ({ th, en }) or a plain string. */
const pick = (v) => (v && typeof v === 'object' ? (v[lang] ?? v.th) : (v ?? ''));

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.placeholder = t(lang, el.dataset.i18nPlaceholder);
  document.title = `AuthenKit · ${t(lang, 'appTitle')}`;
  renderOptions();
  render();
  renderVisits();
  renderResult();
}

function renderOptions() {
  const select = $('claimType');
  const chosen = select.value;
  select.replaceChildren(new Option(t(lang, 'claimTypePlaceholder'), ''));
  for (const ct of options.claimTypes) select.add(new Option(`${ct.code} : ${pick(ct.name)}`, ct.code));
  select.value = chosen;
  const box = $('certifiers');
  const current = box.querySelector('input:checked')?.value ?? options.certifiers[0]?.value;
  box.replaceChildren(
    ...options.certifiers.map((c) => {
      const label = document.createElement('label');
      const input = Object.assign(document.createElement('input'), {
        type: 'radio',
        name: 'certifier',
        value: c.value,
        checked: c.value === current,
      });
      label.append(input, document.createTextNode(pick(c.label)));
      return label;
    }),
  );
}

function render() {
  if (!state) return;
  $('unit').textContent = state.hospital ? `${state.hospital.hname} (${state.hospital.hcode})` : '–';
  $('sandbox-badge').hidden = !state.sandbox;
  const reader = $('reader');
  reader.dataset.state = state.reader.state;
  $('reader-name').textContent = state.reader.name ?? '–';
  const stateKey = {
    none: 'readerNone',
    empty: 'readerEmpty',
    reading: 'readerReading',
    ready: 'readerReady',
    error: 'readerError',
  }[state.reader.state];
  $('reader-state').textContent =
    state.reader.state === 'error' && state.reader.error
      ? pick(state.reader.error.message)
      : t(lang, stateKey);

  const card = state.card;
  $('card-empty').hidden = Boolean(card);
  $('card-data').hidden = !card;
  $('save').disabled = !card || state.reader.state !== 'ready';
  if (card) {
    $('f-pid').textContent = card.maskedPid;
    $('f-name').textContent = card.nameTh;
    $('f-name-en').textContent = card.nameEn;
    $('f-birth').textContent = pick(card.birthDate);
    $('f-sex').textContent = pick(card.sex);
    $('f-age').textContent = pick(card.age);
    const expiry = $('f-expiry');
    expiry.textContent = pick(card.expiry);
    if (card.expired) {
      const warn = Object.assign(document.createElement('span'), { className: 'warn' });
      warn.textContent = ` · ${t(lang, 'cardExpired')}`;
      expiry.append(warn);
    }
    const photo = $('photo');
    if (card.photoVersion && photo.dataset.version !== `${card.session}:${card.photoVersion}`) {
      photo.dataset.version = `${card.session}:${card.photoVersion}`;
      const img = Object.assign(document.createElement('img'), {
        src: `/api/card/photo?session=${encodeURIComponent(card.session)}&v=${card.photoVersion}`,
        alt: '',
      });
      photo.replaceChildren(img);
    } else if (!card.photoVersion) {
      delete photo.dataset.version;
      photo.replaceChildren(
        Object.assign(document.createElement('span'), {
          className: 'muted',
          textContent: t(lang, 'photoLoading'),
        }),
      );
    }
    if (card.defaults) {
      if (card.defaults.hn && !$('hn').value) $('hn').value = card.defaults.hn;
      if (card.defaults.phone && !$('phone').value) $('phone').value = card.defaults.phone;
    }
  } else {
    $('photo').replaceChildren();
    delete $('photo').dataset.version;
  }
  renderRights();
}

function renderRights() {
  const box = $('rights');
  const r = state?.rights;
  if (!state?.card || !r) {
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: '–' }));
    return;
  }
  if (r.status !== 'ok') {
    const key = r.status === 'loading' ? 'rightsLoading' : 'rightsUnavailable';
    box.replaceChildren(
      Object.assign(document.createElement('p'), { className: 'muted', textContent: t(lang, key) }),
    );
    return;
  }
  const item = (k, v, cls = '') => {
    const div = Object.assign(document.createElement('div'), { className: `right-box ${cls}` });
    div.append(
      Object.assign(document.createElement('div'), { className: 'k', textContent: t(lang, k) }),
      Object.assign(document.createElement('div'), { className: 'v', textContent: v || '–' }),
    );
    return div;
  };
  const unit = (u) => (u ? `${u.hname} (${u.hcode})` : '');
  const code = (c) => (c ? `(${c.code}) ${pick(c.name)}` : '');
  box.replaceChildren(
    item('mainInscl', code(r.mainInscl), 'main'),
    item('subInscl', code(r.subInscl)),
    item('hospMain', unit(r.hospMain)),
    item('hospSub', unit(r.hospSub)),
  );
}

function renderResult() {
  const box = $('result');
  box.hidden = !lastResult;
  if (!lastResult) return;
  $('code').textContent = lastResult.claimCode;
  box.dataset.reused = String(lastResult.reused);
  $('result-note').textContent = t(lang, lastResult.reused ? 'resultReused' : 'resultNew');
  $('status-line').textContent = lastResult.status ? t(lang, lastResult.status) : '';
  $('status-line').dataset.found = String(lastResult.status === 'statusFound');
}

function renderVisits() {
  const body = $('log');
  if (!visits.length) {
    const td = Object.assign(document.createElement('td'), {
      colSpan: 5,
      className: 'muted',
      textContent: t(lang, 'noVisits'),
    });
    body.replaceChildren(document.createElement('tr'));
    body.firstChild.append(td);
    return;
  }
  body.replaceChildren(
    ...visits.map((v) => {
      const tr = document.createElement('tr');
      for (const [text, cls] of [
        [v.time, ''],
        [v.maskedPid, 'mono'],
        [v.name, ''],
        [v.claimType, 'mono'],
        [v.claimCode, 'mono code'],
      ])
        tr.append(Object.assign(document.createElement('td'), { textContent: text, className: cls }));
      return tr;
    }),
  );
}

function showError(err) {
  const box = $('form-error');
  if (!err) {
    box.hidden = true;
    return;
  }
  const known = dictionary[lang][`err_${err.code}`];
  const detail = pick(err.message);
  box.textContent =
    known && detail && known !== detail ? `${known}: ${detail}` : known || detail || t(lang, 'err_UNKNOWN');
  box.hidden = false;
}

async function api(path, init) {
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw { code: 'NETWORK' };
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw body.error ?? { code: 'UNKNOWN' };
  return body;
}

async function loadVisits() {
  visits = (await api('/api/visits')).visits;
  renderVisits();
}

function setDefaultsForNow() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  $('visitDate').value = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  $('visitTime').value = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

$('visit-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  showError(null);
  const form = new FormData(ev.target);
  const body = {
    session: state?.card?.session,
    claimType: form.get('claimType'),
    visitDate: form.get('visitDate'),
    visitTime: form.get('visitTime'),
    hn: form.get('hn') || undefined,
    phone: form.get('phone'),
    certifier: form.get('certifier') ?? undefined,
  };
  if (!body.claimType || !body.visitDate || !body.visitTime || !body.phone) {
    showError({ code: 'INVALID_REQUEST', message: t(lang, 'required') });
    return;
  }
  const save = $('save');
  save.disabled = true;
  save.firstElementChild.textContent = t(lang, 'saving');
  try {
    lastResult = await api('/api/visits', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    renderResult();
    await loadVisits();
  } catch (err) {
    showError(err);
  } finally {
    save.firstElementChild.textContent = t(lang, 'save');
    save.disabled = !state?.card;
  }
});

$('check').addEventListener('click', async () => {
  if (!lastResult) return;
  try {
    const s = await api(`/api/visits/${encodeURIComponent(lastResult.claimCode)}/status`);
    lastResult.status = s.found ? 'statusFound' : 'statusNotFound';
  } catch (err) {
    lastResult.status = null;
    showError(err);
  }
  renderResult();
});

$('copy').addEventListener('click', async () => {
  if (!lastResult) return;
  await navigator.clipboard?.writeText(lastResult.claimCode).catch(() => {});
  $('copy').textContent = t(lang, 'copied');
  setTimeout(() => {
    $('copy').textContent = t(lang, 'copy');
  }, 1500);
});

$('visitDate').addEventListener('change', async () => {
  if (!state?.card) return;
  try {
    const { age } = await api(
      `/api/card/age?session=${encodeURIComponent(state.card.session)}&date=${$('visitDate').value}`,
    );
    state.card.age = age;
    render();
  } catch {}
});

$('lang').addEventListener('click', () => {
  lang = lang === 'th' ? 'en' : 'th';
  localStorage.setItem('authenkit.lang', lang);
  applyLanguage();
});

async function main() {
  setDefaultsForNow();
  options = await api('/api/options');
  applyLanguage();
  await loadVisits();
  const events = new EventSource('/api/events');
  events.addEventListener('state', (ev) => {
    const next = JSON.parse(ev.data);
    const cardChanged = next.card?.session !== state?.card?.session;
    state = next;
    if (cardChanged) {
      lastResult = null;
      showError(null);
      $('hn').value = '';
      $('phone').value = '';
      setDefaultsForNow();
      renderResult();
    }
    render();
    document.body.dataset.ready = 'true';
  });
}

main().catch(showError);
