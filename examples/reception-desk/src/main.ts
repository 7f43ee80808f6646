/**
 * `npm start -w examples/reception-desk`: the desk on a real PC/SC reader and a real NHSO environment.
 *
 *   NHSO_BASE_URL=https://…  NHSO_TOKEN=…  HCODE=10699 HNAME='รพ.…'  [PORT=8080]  npm start -w examples/reception-desk
 *
 * For a try-out without a reader or NHSO access, run `npm run demo` at the repository root instead.
 */
import { createPcscReaderManager } from '@authenkit/thai-idcard/pcsc';
import { requireEnv, stopOnSignal } from '@authenkit-examples/shared/start';
import { startReceptionDesk } from './desk.js';

const env = (name: string) =>
  requireEnv(name, 'For an offline try-out run `npm run demo` at the repository root.');

const readerManager = createPcscReaderManager();
const desk = await startReceptionDesk({
  sandboxUrl: env('NHSO_BASE_URL'),
  token: env('NHSO_TOKEN'),
  agentUrl: process.env.NHSO_AGENT_URL ?? 'http://localhost:8189',
  sandbox: false,
  readerManager,
  hospital: { hcode: env('HCODE'), hname: process.env.HNAME ?? env('HCODE') },
  port: Number(process.env.PORT ?? 8080),
});
console.log(`Reception desk: ${desk.url} (Ctrl-C to stop)`);

stopOnSignal(
  () => desk.close(),
  () => readerManager.close(),
);
