/**
 * `npm start -w examples/his-backend`:
 *
 *   NHSO_BASE_URL=… NHSO_TOKEN=… HCODE=10699 RECORDER_PID=… [DATABASE=his.sqlite] [PORT=8081] npm start -w examples/his-backend
 *
 * Then e.g. `curl -X POST localhost:8081/jobs/end-of-day -d '{"date":"2026-11-25"}'` from cron at 23:30.
 */
import { requireEnv as need, stopOnSignal } from '@authenkit-examples/shared/start';
import { startHisBackend } from './server.js';

const his = await startHisBackend({
  baseUrl: need('NHSO_BASE_URL'),
  token: need('NHSO_TOKEN'),
  hcode: need('HCODE'),
  recorderPid: need('RECORDER_PID'),
  database: process.env.DATABASE ?? 'his.sqlite',
  port: Number(process.env.PORT ?? 8081),
});
console.log(`HIS backend: ${his.url}`);
stopOnSignal(() => his.close());
