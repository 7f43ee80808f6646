import { claimTypes, getClaimType, toBuddhistDate } from '@authenkit/authen-code';
import type {
  AgentAuthenCodeItem,
  AgentClaimType,
  AgentProbeResponse,
  AgentReadCardOnlyResponse,
  CheckAuthenStatusFlat,
  CheckAuthenStatusNested,
  CheckAuthenStatusStringResults,
  NhsoDataSetC1,
  RealPersonResponse,
  RightSearchResponse,
} from '@authenkit/nhso-client/schemas';
import { bangkokParts } from './clock.js';
import {
  findHospital,
  formatBuddhistCompact,
  gregorianBirthDate,
  type SandboxPerson,
  thaiAgeText,
} from './population.js';
import type { IssuedCode } from './store.js';

/**
 * Claim types (service codes) the sandbox knows, with their Thai names — taken from `@authenkit/authen-code`'s
 * catalogue (`PG0060001` first, legacy COVID-era services last). Card reads offer the first four.
 *
 * @example
 * ```ts
 * import { SANDBOX_CLAIM_TYPES } from '@authenkit/nhso-sandbox';
 * console.log(SANDBOX_CLAIM_TYPES[0]?.claimType); // PG0060001
 * ```
 */
export const SANDBOX_CLAIM_TYPES: readonly { claimType: string; claimTypeName: string }[] = claimTypes
  .filter((c) => c.code !== 'OPD')
  .sort((a, b) =>
    a.code === 'PG0060001' ? -1 : b.code === 'PG0060001' ? 1 : Number(a.legacy) - Number(b.legacy),
  )
  .map((c) => ({ claimType: c.code, claimTypeName: c.nameTh }));

/** @internal */
export const claimTypeName = (code: string): string => getClaimType(code)?.nameTh ?? code;

const sexTh = (p: SandboxPerson): string => (p.sex === 'male' ? 'ชาย' : 'หญิง');

/** @internal Card part of the Agent read (`read-card-only`). */
export function agentCardFields(
  p: SandboxPerson,
  nowMs: number,
  correlationId: string,
  image?: string,
): AgentReadCardOnlyResponse {
  return {
    pid: p.pid,
    titleName: p.titleCode,
    fname: p.firstNameTh,
    lname: p.lastNameTh,
    nation: p.nation,
    birthDate: formatBuddhistCompact(p.birthDate),
    sex: sexTh(p),
    age: thaiAgeText(p.birthDate, nowMs),
    ...(image !== undefined ? { image } : {}),
    correlationId,
  };
}

/** @internal Right part of an Agent read / probe. */
export function agentRightFields(p: SandboxPerson, nowMs: number): Omit<AgentProbeResponse, 'pid'> {
  const now = bangkokParts(nowMs).dateTime;
  const claimTypes: AgentClaimType[] = SANDBOX_CLAIM_TYPES.slice(0, 4).map((c) => ({ ...c }));
  const r = p.right;
  if (!r) return { transDate: now, checkDate: now, claimTypes, mainInscl: null, subInscl: null };
  return {
    transDate: now,
    mainInscl: `(${r.mainInscl}) ${r.mainInsclName}`,
    subInscl: `(${r.subInscl}) ${r.subInsclName}`,
    checkDate: now,
    claimTypes,
    hospSub: { ...r.hospSub },
    hospMainOp: { ...r.hospMainOp },
    hospMain: { ...r.hospMain },
    paidModel: r.paidModel,
    startDateTime: `${r.startDate}T00:00:00`,
    expireDateTime: `${r.expireDate}T23:59:59`,
  };
}

/** @internal */
export function agentCodeItem(c: IssuedCode, nowMs: number): AgentAuthenCodeItem {
  return {
    claimType: c.claimType,
    claimCode: c.claimCode,
    claimDateTime: c.serviceDateTime,
    hcode: c.hcode,
    checkDate: bangkokParts(nowMs).dateTime,
  };
}

/**
 * Shapes of `check-authen-status` the sandbox can answer with: `nested` (current, default), `flat` (older
 * `CheckAuthenStatus`) and `string-results` (`{success, results: "<JSON string>", message}`).
 *
 * @example
 * ```ts no-run
 * import { startSandbox, type AuthenStatusShape } from '@authenkit/nhso-sandbox';
 * const shape: AuthenStatusShape = 'flat';
 * const sandbox = await startSandbox({ authenStatusShape: shape, people: 20 });
 * await sandbox.close();
 * ```
 */
export type AuthenStatusShape = 'nested' | 'flat' | 'string-results';

/** @internal */
export function authenStatusBody(
  shape: AuthenStatusShape,
  p: SandboxPerson | undefined,
  codes: readonly IssuedCode[],
  nowMs: number,
): CheckAuthenStatusNested | CheckAuthenStatusFlat | CheckAuthenStatusStringResults {
  const found = codes.length > 0;
  const statusMessage = !p ? 'ไม่พบข้อมูลบุคคล' : found ? 'พบข้อมูลการ authen' : 'ไม่พบข้อมูลการ authen';
  const hname = (h: string): string => findHospital(h)?.hname ?? h;
  if (shape === 'string-results') {
    return {
      success: Boolean(p),
      results: JSON.stringify(
        codes.map((c) => ({
          hospitalCode: c.hcode,
          serviceDate: c.serviceDateTime,
          authCode: c.claimCode,
          serviceCode: c.claimType,
        })),
      ),
      message: statusMessage,
    };
  }
  if (!p) return { statusAuthen: false, statusMessage };
  const province = findHospital(p.right?.hospMain.hcode ?? '')?.provinceCode ?? p.address.provinceCode;
  if (shape === 'flat') {
    return {
      statusAuthen: found,
      statusMessage,
      personalId: p.pid,
      firstName: p.firstNameTh,
      lastName: p.lastNameTh,
      fullName: `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}`,
      sex: sexTh(p),
      age: thaiAgeText(p.birthDate, nowMs),
      birthDate: gregorianBirthDate(p.birthDate),
      nationCode: p.nation,
      nationDescription: 'ไทย',
      provinceCode: `${province}00`,
      provinceName: p.address.province,
      mainInscl: p.right?.mainInscl ?? null,
      mainInsclName: p.right?.mainInsclName ?? null,
      subInscl: p.right?.subInscl ?? null,
      subInsclName: p.right?.subInsclName ?? null,
      hospMain: p.right ? { ...p.right.hospMain } : null,
      hospMainOp: p.right ? { ...p.right.hospMainOp } : null,
      hospSub: p.right ? { ...p.right.hospSub } : null,
      paidModel: p.right?.paidModel ?? null,
      serviceHistories: codes.map((c) => ({
        hcode: c.hcode,
        hname: hname(c.hcode),
        serviceDate: c.serviceDateTime,
        claimCode: c.claimCode,
        serviceCode: c.claimType,
        serviceName: claimTypeName(c.claimType),
        sourceChannel: c.channel,
        tel: c.mobile,
      })),
    };
  }
  return {
    statusAuthen: found,
    statusMessage,
    firstName: p.firstNameTh,
    lastName: p.lastNameTh,
    sex: sexTh(p),
    birthDate: { year: p.birthDate.year, month: p.birthDate.month },
    nation: { code: p.nation, descriptionTh: 'ไทย' },
    province: { id: `${p.address.provinceCode}00`, name: p.address.province },
    mainInscl: p.right ? { id: p.right.mainInscl, name: p.right.mainInsclName } : null,
    subInscl: p.right ? { id: p.right.subInscl, name: p.right.subInsclName } : null,
    serviceHistories: codes.map((c) => ({
      hospital: { hcode: c.hcode, hname: hname(c.hcode) },
      serviceDateTime: c.serviceDateTime,
      claimCode: c.claimCode,
      service: { code: c.claimType, name: claimTypeName(c.claimType) },
      sourceChannel: c.channel,
    })),
  };
}

/** @internal */
export function realPersonBody(p: SandboxPerson, nowMs: number): RealPersonResponse {
  const r = p.right;
  return {
    pid: p.pid,
    firstName: p.firstNameTh,
    middleName: null,
    lastName: p.lastNameTh,
    fullName: `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}`,
    sex: sexTh(p),
    age: thaiAgeText(p.birthDate, nowMs),
    nationCode: p.nation,
    nationDescription: 'ไทย',
    provinceCode: `${p.address.provinceCode}00`,
    provinceName: p.address.province,
    mainInscl: r ? `(${r.mainInscl}) ${r.mainInsclName}` : null,
    mainInsclCode: r?.mainInscl ?? null,
    mainInsclName: r?.mainInsclName ?? null,
    subInscl: r ? `(${r.subInscl}) ${r.subInsclName}` : null,
    subInsclCode: r?.subInscl ?? null,
    subInsclName: r?.subInsclName ?? null,
    birthDate: formatBuddhistCompact(p.birthDate),
    birthDateNew: { year: p.birthDate.year, month: p.birthDate.month, day: p.birthDate.day },
    paidModel: r?.paidModel ?? null,
    hospMainNew: r ? { ...r.hospMain } : null,
    hospMainOpNew: r ? { ...r.hospMainOp } : null,
    hospSubNew: r ? { ...r.hospSub } : null,
  };
}

/** @internal */
export function rightSearchBody(p: SandboxPerson, checkDate: string): RightSearchResponse {
  const r = p.right;
  return {
    pid: p.pid,
    checkDate,
    ...(p.deathDate ? { deathDate: p.deathDate, status: '003' } : {}),
    funds: r
      ? [
          {
            mainInscl: { id: r.mainInscl, name: r.mainInsclName },
            subInscl: { id: r.subInscl, name: r.subInsclName },
            cardId: r.cardId,
            hospMain: { ...r.hospMain },
            hospSub: { ...r.hospSub },
            hospMainOp: { ...r.hospMainOp },
            paidModel: r.paidModel,
            startDateTime: `${r.startDate}T00:00:00`,
            expireDateTime: `${r.expireDate}T23:59:59`,
          },
        ]
      : [],
  };
}

/** @internal `nhsoDataSetC1` for UCWS `searchCurrentByPID`. */
export function ucwsDataSet(
  p: SandboxPerson | undefined,
  personId: string,
  nowMs: number,
  wsStatus: string,
  wsStatusDesc: string,
): NhsoDataSetC1 {
  const now = bangkokParts(nowMs).dateTime;
  const base: NhsoDataSetC1 = {
    person_id: personId,
    ws_status: wsStatus,
    ws_status_desc: wsStatusDesc,
    ws_date_request: now,
    ws_data_source: 'SANDBOX',
    wsid: '1',
    count_select: '0',
  };
  if (!p || wsStatus !== 'NHSO-000001') return base;
  const r = p.right;
  return {
    ...base,
    count_select: '1',
    birthdate: formatBuddhistCompact(p.birthDate),
    fname: p.firstNameTh,
    lname: p.lastNameTh,
    title: p.titleCode,
    title_name: p.titleTh,
    sex: p.sex === 'male' ? '1' : '2',
    nation: p.nation,
    cardid: r?.cardId ?? '',
    maininscl: r?.mainInscl ?? '',
    maininscl_main: r ? (r.mainInscl === 'UCS' || r.mainInscl === 'WEL' ? 'U' : r.mainInscl.slice(0, 1)) : '',
    maininscl_name: r?.mainInsclName ?? '',
    subinscl: r?.subInscl ?? '',
    subinscl_name: r?.subInsclName ?? '',
    hmain: r?.hospMain.hcode ?? '',
    hmain_name: r?.hospMain.hname ?? '',
    hmain_op: r?.hospMainOp.hcode ?? '',
    hmain_op_name: r?.hospMainOp.hname ?? '',
    hsub: r?.hospSub.hcode ?? '',
    hsub_name: r?.hospSub.hname ?? '',
    paid_model: r?.paidModel ?? '',
    startdate: r ? toBuddhistDate(r.startDate) : '',
    expdate: r ? toBuddhistDate(r.expireDate) : '',
    primary_moo: p.address.moo,
    primary_tumbon_name: p.address.tumbon,
    primary_amphur_name: p.address.amphur,
    primary_province_name: p.address.province,
    primaryprovince: `${p.address.provinceCode}00`,
    purchaseprovince: `${p.address.provinceCode}00`,
    purchaseprovince_name: p.address.province,
    ...(p.deathDate ? { status: '003', status_desc: 'เสียชีวิต' } : { status: '' }),
  };
}
