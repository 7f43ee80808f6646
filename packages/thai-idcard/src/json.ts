import type { NhsoData, ThaiAddress } from './parse.js';
import type { ThaiIdCardData } from './read.js';

/**
 * The stable JSON output of `thai-idcard read --json` (schema version 1). Keys are never renamed;
 * new keys may be added.
 *
 * @example
 * ```ts
 * import { type ThaiIdCardJson } from '@authenkit/thai-idcard';
 * const show = (j: ThaiIdCardJson) => `${j.firstNameTh} ${j.lastNameTh}`;
 * console.log(typeof show);
 * ```
 */
export interface ThaiIdCardJson {
  schemaVersion: 1;
  citizenId: string;
  citizenIdValid: boolean;
  titleTh: string;
  firstNameTh: string;
  middleNameTh: string;
  lastNameTh: string;
  titleEn: string;
  firstNameEn: string;
  middleNameEn: string;
  lastNameEn: string;
  /** `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or null (Gregorian). */
  birthDate: string | null;
  sex: 'male' | 'female' | 'unknown';
  issuer: string;
  issuerCode: string;
  issueDate: string | null;
  /** Null when lifelong. */
  expiryDate: string | null;
  lifelong: boolean;
  address: ThaiAddress;
  requestNumber: string;
  photoNumber: string;
  cardVersion: string;
  laserCode: string | null;
  chipSerial: string | null;
  nhso: NhsoData | null;
  atr: string;
  /** Path of the written JPEG, only when `--photo` was given. */
  photo?: string;
}

/**
 * Key list of {@link ThaiIdCardJson}, in output order (documentation and schema tests).
 *
 * @example
 * ```ts
 * import { THAI_ID_CARD_JSON_SCHEMA } from '@authenkit/thai-idcard';
 * console.log(THAI_ID_CARD_JSON_SCHEMA.includes('citizenId')); // true
 * ```
 */
export const THAI_ID_CARD_JSON_SCHEMA = [
  'schemaVersion',
  'citizenId',
  'citizenIdValid',
  'titleTh',
  'firstNameTh',
  'middleNameTh',
  'lastNameTh',
  'titleEn',
  'firstNameEn',
  'middleNameEn',
  'lastNameEn',
  'birthDate',
  'sex',
  'issuer',
  'issuerCode',
  'issueDate',
  'expiryDate',
  'lifelong',
  'address',
  'requestNumber',
  'photoNumber',
  'cardVersion',
  'laserCode',
  'chipSerial',
  'nhso',
  'atr',
] as const;

/**
 * Converts a read result to the stable JSON schema (photo bytes are not included; pass the path instead).
 *
 * @example
 * ```ts
 * import { readThaiIdCard, toThaiIdCardJson } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const json = toThaiIdCardJson(await readThaiIdCard(createVirtualCard({ image: sampleCardImage() }).transport()));
 * console.log(json.birthDate); // '1990-04-15'
 * ```
 */
export function toThaiIdCardJson(data: ThaiIdCardData, options: { photoPath?: string } = {}): ThaiIdCardJson {
  const out: ThaiIdCardJson = {
    schemaVersion: 1,
    citizenId: data.citizenId,
    citizenIdValid: data.citizenIdValid,
    titleTh: data.titleTh,
    firstNameTh: data.firstNameTh,
    middleNameTh: data.middleNameTh,
    lastNameTh: data.lastNameTh,
    titleEn: data.titleEn,
    firstNameEn: data.firstNameEn,
    middleNameEn: data.middleNameEn,
    lastNameEn: data.lastNameEn,
    birthDate: data.birthDate,
    sex: data.sex,
    issuer: data.issuer,
    issuerCode: data.issuerCode,
    issueDate: data.issueDate,
    expiryDate: data.expiryDate,
    lifelong: data.lifelong,
    address: { ...data.address },
    requestNumber: data.requestNumber,
    photoNumber: data.photoNumber,
    cardVersion: data.cardVersion,
    laserCode: data.laserCode,
    chipSerial: data.chipSerial,
    nhso: data.nhso ? { ...data.nhso } : null,
    atr: data.atr,
  };
  if (options.photoPath !== undefined) out.photo = options.photoPath;
  return out;
}
