/**
 * `npm start -w examples/his-backend`:
 *
 *   NHSO_BASE_URL=… NHSO_TOKEN=… HCODE=10699 RECORDER_PID=… [DATABASE=his.sqlite] [PORT=8081] npm start -w examples/his-backend
 *
 * Then e.g. `curl -X POST localhost:8081/jobs/end-of-day -d '{"date":"2026-11-25"}'` from cron at 23:30.
 */
import { startHisBackend } from './server.js';

const need = (name: string) => {
  const v = process.env[name];
  if (!v) {
    console.error(`Set ${name} (see README.md).`);
    process.exit(2);
  }
  return v;
};

const his = await startHisBackend({
  baseUrl: need('NHSO_BASE_URL'),
  token: need('NHSO_TOKEN'),
  hcode: need('HCODE'),
  recorderPid: need('RECORDER_PID'),
  database: process.env.DATABASE ?? 'his.sqlite',
  port: Number(process.env.PORT ?? 8081),
});
console.log(`HIS backend: ${his.url}`);
const stop = async () => {
  await his.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
