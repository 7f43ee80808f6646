import { formatBuddhistCompact, type SandboxPerson } from './population.js';

/**
 * A card-image spec in `@authenkit/thai-idcard`'s "fields" form (`CardImageSpec`), built from a sandbox
 * person, so the virtual card and the sandbox agree on who the patient is.
 *
 * @example
 * ```ts
 * import { generatePopulation, personToCardSpec } from '@authenkit/nhso-sandbox';
 * const spec = personToCardSpec(generatePopulation({ seed: 1, size: 1 }).people[0]!);
 * console.log(spec.fields.citizenId.length); // 13
 * ```
 */
export interface SandboxCardSpec {
  /** MOI fields. */
  fields: {
    citizenId: string;
    titleTh: string;
    firstNameTh: string;
    lastNameTh: string;
    titleEn: string;
    firstNameEn: string;
    lastNameEn: string;
    /** `YYYYMMDD` Buddhist Era. */
    birthDate: string;
    sex: 'male' | 'female';
    issuer: string;
    /** `YYYYMMDD` Buddhist Era. */
    issueDate: string;
    /** `YYYYMMDD` Buddhist Era. */
    expiryDate: string;
    address: { houseNo: string; moo: string; subdistrict: string; district: string; province: string };
  };
  /** NHSO applet fields (absent when the person has no right). */
  nhso?: { mainInscl: string; subInscl: string; mainHospital: string; subHospital: string; paidType: string };
  /** Extension keys (kept by thai-idcard's `loadCardImage`). */
  [extension: string]: unknown;
}

/**
 * Turn a sandbox person into a thai-idcard card image spec (fields form). Pass it to
 * `createVirtualCard({ image: spec })` or `buildCardImage(spec)` from `@authenkit/thai-idcard/virtual`,
 * or save it as JSON for `nhso-sandbox agent --virtual FILE`.
 *
 * @example
 * ```ts
 * import { generatePopulation, personToCardSpec } from '@authenkit/nhso-sandbox';
 * import { createVirtualCard } from '@authenkit/thai-idcard/virtual';
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * const person = generatePopulation({ seed: 1, size: 10 }).people[3]!;
 * const card = createVirtualCard({ image: personToCardSpec(person) });
 * console.log((await readThaiIdCard(card.transport())).citizenId === person.pid); // true
 * ```
 */
export function personToCardSpec(person: SandboxPerson): SandboxCardSpec {
  const spec: SandboxCardSpec = {
    fields: {
      citizenId: person.pid,
      titleTh: person.titleTh,
      firstNameTh: person.firstNameTh,
      lastNameTh: person.lastNameTh,
      titleEn: person.titleEn,
      firstNameEn: person.firstNameEn,
      lastNameEn: person.lastNameEn,
      birthDate: formatBuddhistCompact(person.birthDate),
      sex: person.sex,
      issuer: person.cardIssuer,
      issueDate: formatBuddhistCompact(person.cardIssueDate),
      expiryDate: formatBuddhistCompact(person.cardExpireDate),
      address: {
        houseNo: person.address.houseNo,
        moo: `หมู่ที่ ${person.address.moo}`,
        subdistrict: `ตำบล${person.address.tumbon}`,
        district: `อำเภอ${person.address.amphur}`,
        province: `จังหวัด${person.address.province}`,
      },
    },
  };
  if (person.right) {
    spec.nhso = {
      mainInscl: `(${person.right.mainInscl}) ${person.right.mainInsclName}`,
      subInscl: `(${person.right.subInscl}) ${person.right.subInsclName}`,
      mainHospital: person.right.hospMain.hname,
      subHospital: person.right.hospSub.hname,
      paidType: person.right.paidModel,
    };
  }
  return spec;
}
