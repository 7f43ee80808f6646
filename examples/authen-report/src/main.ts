/**
 * `npm start -w examples/authen-report`:
 *
 *   NHSO_BASE_URL=… NHSO_TOKEN=… HCODE=10699 HNAME='รพ.…' ZONE=4 PROVINCE_CODE=1200 PROVINCE_NAME=นนทบุรี \
 *   [PORT=8083] npm start -w examples/authen-report
 */
import { requireEnv as need, stopOnSignal } from '@authenkit-examples/shared/start';
import { startAuthenReport } from './report.js';

const app = await startAuthenReport({
  baseUrl: need('NHSO_BASE_URL'),
  token: need('NHSO_TOKEN'),
  unit: {
    hcode: need('HCODE'),
    hname: process.env.HNAME ?? need('HCODE'),
    zone: Number(process.env.ZONE ?? 4),
    provinceCode: process.env.PROVINCE_CODE ?? '',
    provinceName: process.env.PROVINCE_NAME ?? '',
  },
  port: Number(process.env.PORT ?? 8083),
});
console.log(`Authen Code report: ${app.url}`);
stopOnSignal(() => app.close());
