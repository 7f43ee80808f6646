/**
 * `npm start -w examples/clinic-qr`:
 *
 *   HCODE=10998 HNAME='รพ.ตัวอย่าง' [QR_SIGNING_KEY=<64 hex>] [PORT=8082] npm start -w examples/clinic-qr
 *
 * Generate a signing key once with `npx authen-qr keygen` (or `generateQrSigningKeyPair()`), keep it secret.
 */
import { startClinicQr } from './clinic.js';

const hcode = process.env.HCODE ?? '10998';
const app = await startClinicQr({
  units: [{ hcode, hname: process.env.HNAME ?? 'รพ.ทดสอบชุมแพ' }],
  ...(process.env.QR_SIGNING_KEY ? { signingKey: process.env.QR_SIGNING_KEY } : {}),
  port: Number(process.env.PORT ?? 8082),
});
console.log(`Clinic QR: ${app.url}`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
