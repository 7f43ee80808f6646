/**
 * The two NHSO jobs an HIS backend runs, kept apart from HTTP so they can run from cron, a queue or a test:
 *
 * - `checkDay`: at end of day, ask NHSO which Authen Codes exist for every visit of the day
 *   (`checkAuthenStatusMany`: batched, rate-limited, one answer per visit) and record the outcome.
 * - `closeVisit`: close one visit with NHSO (`closeClaim`, "ปิดสิทธิ") and store the EP code.
 *
 * Both are safe to run twice: a confirmed visit is not asked again, a closed visit is never closed again.
 */
import type { NhsoClient } from '@authenkit/nhso-client';
import type { VisitRow, VisitStore } from './db.js';

/** Outcome of {@link checkDay}. */
export interface DaySummary {
  date: string;
  /** Visits asked about (confirmed visits from an earlier run are skipped). */
  checked: number;
  /** NHSO has the code the counter recorded. */
  confirmed: number;
  /** The counter recorded no code, but NHSO has one for this unit and day: adopted into the HIS. */
  adopted: number;
  /** NHSO has no code for the visit: follow up before sending the claim. */
  missing: string[];
  /** Visits whose check failed (network, token, …): run the job again later. */
  failed: { vn: string; code: string }[];
}

/**
 * Checks every not-yet-confirmed visit of `date` with NHSO and records the result.
 *
 * The matching rule is the one HIS vendors use: a visit is confirmed when NHSO lists a code for the same
 * person, the same unit (`hcode`) and the same day — and, when the counter recorded a code, that very code.
 */
export async function checkDay(
  store: VisitStore,
  client: NhsoClient,
  options: { date: string; hcode: string; now?: () => Date },
): Promise<DaySummary> {
  const now = options.now ?? (() => new Date());
  const visits = store.listByDate(options.date).filter((v) => v.authStatus !== 'CONFIRMED');
  const summary: DaySummary = {
    date: options.date,
    checked: visits.length,
    confirmed: 0,
    adopted: 0,
    missing: [],
    failed: [],
  };
  if (visits.length === 0) return summary;

  const checkedAt = now().toISOString();
  const updates: {
    vn: string;
    authCode: string | null;
    authStatus: VisitRow['authStatus'];
    checkedAt: string;
  }[] = [];
  // Bounded concurrency and rate (NHSO throttles); one answer per visit, failures per item, never for the batch.
  const queries = visits.map((v) => ({ personalId: v.pid, serviceDate: options.date, visit: v }));
  for await (const result of client.checkAuthenStatusMany(queries, { concurrency: 4, ratePerSecond: 10 })) {
    const visit = result.item.visit;
    if (!result.ok) {
      summary.failed.push({ vn: visit.vn, code: result.error.code });
      continue;
    }
    const ours = result.value.histories.filter(
      (h) => h.hcode === options.hcode && (h.serviceCode == null || h.serviceCode === visit.claimType),
    );
    const match = visit.authCode ? ours.find((h) => h.claimCode === visit.authCode) : ours[0];
    if (match) {
      if (visit.authCode) summary.confirmed++;
      else summary.adopted++;
      updates.push({ vn: visit.vn, authCode: match.claimCode, authStatus: 'CONFIRMED', checkedAt });
    } else {
      summary.missing.push(visit.vn);
      updates.push({ vn: visit.vn, authCode: null, authStatus: 'MISSING', checkedAt });
    }
  }
  store.recordChecks(updates);
  return summary;
}

/** Amounts of a visit's invoice, in baht. */
export interface InvoiceAmounts {
  totalAmount: number;
  paidAmount: number;
  privilegeAmount: number;
}

/**
 * Closes a visit with NHSO and stores the EP code. Returns the stored code without calling NHSO again when
 * the visit is already closed (close-claim is not idempotent on NHSO's side: never retry it blindly).
 */
export async function closeVisit(
  store: VisitStore,
  client: NhsoClient,
  options: { vn: string; hcode: string; recorderPid: string; amounts: InvoiceAmounts; now?: () => Date },
): Promise<{ vn: string; closeCode: string; alreadyClosed: boolean }> {
  const visit = store.get(options.vn);
  if (!visit) throw Object.assign(new Error(`no visit ${options.vn}`), { code: 'NOT_FOUND', status: 404 });
  if (visit.closeCode) return { vn: visit.vn, closeCode: visit.closeCode, alreadyClosed: true };
  const now = options.now ?? (() => new Date());
  // The transaction id is derived from the visit, so a retry after a crash sends the SAME id and NHSO
  // (and the client's own cache) answer with the code already issued instead of a second one.
  const transactionId =
    `${options.hcode}${visit.serviceDate.replaceAll('-', '')}${visit.serviceTime.replace(':', '')}00${visit.vn}`
      .replace(/[^0-9A-Za-z]/g, '')
      .slice(0, 255);
  const result = await client.closeClaim({
    hcode: options.hcode,
    pid: visit.pid,
    mainInsclCode: visit.mainInscl ?? 'UCS',
    claimServiceCode: visit.claimType,
    serviceDateTime: Date.parse(`${visit.serviceDate}T${visit.serviceTime}:00+07:00`),
    invoiceDateTime: now().getTime(),
    transactionId,
    visitNumber: visit.vn,
    sourceId: 'AUTHENKIT-HIS',
    recorderPid: options.recorderPid,
    ...options.amounts,
  });
  store.recordClose(visit.vn, result.authenCode, now().toISOString());
  return { vn: visit.vn, closeCode: result.authenCode, alreadyClosed: false };
}
