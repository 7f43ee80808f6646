import { decodeServiceQr, generateQrSigningKeyPair, toHex } from '@authenkit/qr-service';
import { decodePng } from '@authenkit/qr-service/poster';
import { decodeQrFromImage } from '@authenkit/qr-service/read';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinicQr } from '../src/index.js';

const unit = { hcode: '10998', hname: 'รพ.ทดสอบชุมแพ' };
const keys = generateQrSigningKeyPair();
let app: Awaited<ReturnType<typeof startClinicQr>>;
const get = (path: string) => fetch(new URL(path, app.url));

beforeAll(async () => {
  app = await startClinicQr({ units: [unit], signingKey: keys.privateKey, keyId: 'K1' });
});
afterAll(() => app.close());

describe('clinic-qr API', () => {
  it('lists the NHSO QR services with Thai and English names and says posters are signed', async () => {
    const res = await get('/api/options');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.services.map((s: { code: string }) => s.code)).toContain('PG0090001');
    const hi = body.services.find((s: { code: string }) => s.code === 'PG0090001');
    expect(hi.name.th).toContain('Home Isolation');
    expect(body.signed).toBe(true);
    expect(body.publicKey).toBe(toHex(keys.publicKey));
    expect(JSON.stringify(body)).not.toContain(toHex(keys.privateKey));
  });

  it('renders a PNG poster whose QR decodes to the unit and service, signed with the key', async () => {
    const res = await get(`/api/posters/PG0010065.png?hcode=${unit.hcode}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toContain('10998-PG0010065.png');
    const text = decodeQrFromImage(decodePng(new Uint8Array(await res.arrayBuffer())));
    const qr = decodeServiceQr(text, { publicKey: keys.publicKey });
    expect(qr).toMatchObject({ hcode: '10998', serviceCode: 'PG0010065', signature: 'valid', keyId: 'K1' });
  });

  it('puts the validity date into the payload', async () => {
    const res = await get(`/api/posters/OPD.png?hcode=${unit.hcode}&validUntil=2030-12-31`);
    const qr = decodeServiceQr(decodeQrFromImage(decodePng(new Uint8Array(await res.arrayBuffer()))), {
      now: new Date('2030-06-01T00:00:00Z'),
    });
    expect(qr.validUntil?.toISOString()).toBe('2030-12-31T16:59:59.000Z');
  });

  it('serves an SVG preview and a multi-page PDF of the chosen services', async () => {
    const svg = await get(`/api/posters/PG0090001.svg?hcode=${unit.hcode}`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<(\?xml|svg)/);
    const pdf = await get(`/api/posters.pdf?hcode=${unit.hcode}&services=OPD,PG0090001`);
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(2);
  });

  it('rejects an unknown unit or service with a bilingual error', async () => {
    const a = await get('/api/posters/OPD.png?hcode=99999');
    expect(a.status).toBe(400);
    expect((await a.json()).error).toMatchObject({
      code: 'UNKNOWN_UNIT',
      message: { th: expect.any(String) },
    });
    const b = await get(`/api/posters/PG9999999.png?hcode=${unit.hcode}`);
    expect((await b.json()).error.code).toBe('UNKNOWN_SERVICE');
  });

  it('serves the Thai page', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('สร้าง QR Code');
  });
});
