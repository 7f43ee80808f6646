// Browser side of the clinic QR page: pick a unit and services, preview the posters, download them.
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem('authenkit.lang') === 'en' ? 'en' : 'th';
let options;
let shown = [];
const pick = (v) => (v && typeof v === 'object' ? (v[lang] ?? v.th) : (v ?? ''));

function render() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  const unit = $('unit').value;
  $('unit').replaceChildren(...options.units.map((u) => new Option(`${u.hcode} : ${u.hname}`, u.hcode)));
  if (unit) $('unit').value = unit;
  const chosen = new Set([...document.querySelectorAll('#services input:checked')].map((i) => i.value));
  $('services').replaceChildren(
    ...options.services.map((s) => {
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), {
        type: 'checkbox',
        name: 'service',
        value: s.code,
        checked: chosen.has(s.code),
      });
      const text = document.createElement('span');
      text.append(
        pick(s.name),
        Object.assign(document.createElement('span'), { className: 'code', textContent: s.code }),
      );
      label.append(box, text);
      return label;
    }),
  );
  $('signing').textContent = t(lang, options.signed ? 'signed' : 'unsigned');
  renderPosters();
}

function query(extra = {}) {
  const q = new URLSearchParams({ hcode: $('unit').value, ...extra });
  if ($('validUntil').value) q.set('validUntil', $('validUntil').value);
  return q;
}

function renderPosters() {
  $('all').hidden = shown.length === 0;
  $('all').href = `/api/posters.pdf?${query({ services: shown.join(',') })}`;
  $('posters').replaceChildren(
    ...shown.map((code) => {
      const s = options.services.find((x) => x.code === code);
      const card = Object.assign(document.createElement('div'), { className: 'poster' });
      card.dataset.service = code;
      const img = Object.assign(document.createElement('img'), {
        src: `/api/posters/${code}.svg?${query()}`,
        alt: pick(s.name),
      });
      const name = Object.assign(document.createElement('div'), {
        className: 'name',
        textContent: pick(s.name),
      });
      const codeLine = Object.assign(document.createElement('div'), {
        className: 'code',
        textContent: `${t(lang, 'code5')} ${code}`,
      });
      const actions = Object.assign(document.createElement('div'), { className: 'actions' });
      for (const ext of ['png', 'pdf']) {
        const a = Object.assign(document.createElement('a'), {
          className: 'btn btn-secondary btn-small',
          href: `/api/posters/${code}.${ext}?${query()}`,
          textContent: t(lang, ext),
        });
        a.download = '';
        a.dataset.testid = `download-${code}-${ext}`;
        actions.append(a);
      }
      card.append(img, name, codeLine, actions);
      return card;
    }),
  );
}

$('form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  shown = [...document.querySelectorAll('#services input:checked')].map((i) => i.value);
  $('error').hidden = shown.length > 0;
  $('error').textContent = t(lang, 'noneSelected');
  renderPosters();
});
$('lang').addEventListener('click', () => {
  lang = lang === 'th' ? 'en' : 'th';
  localStorage.setItem('authenkit.lang', lang);
  render();
});

options = await (await fetch('/api/options')).json();
render();
document.body.dataset.ready = 'true';
