import { PID } from './server.js';

export const READ_BODY = {
  pid: PID,
  titleName: '001',
  fname: 'สมชาย',
  lname: 'ใจดี',
  nation: '099',
  birthDate: '25480320',
  sex: 'ชาย',
  transDate: '2021-03-16T13:11:56',
  mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
  subInscl: '(89) ช่วงอายุ 12-59 ปี',
  age: '20 ปี 7 เดือน 18 วัน',
  checkDate: '2025-11-07T17:26:31',
  claimTypes: [
    { claimType: 'PG0060001', claimTypeName: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' },
    { claimType: 'PG0130001', claimTypeName: 'บริการฟอกเลือดด้วยเครื่องไตเทียม (HD)' },
  ],
  correlationId: '4f376187-557c-497d-8377-b6a27d992537',
  hospSub: { hcode: '77702', hname: 'รพ.สต.ตัวอย่าง' },
  hospMainOp: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
  hospMain: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
  paidModel: '1',
  startDateTime: '2021-03-16T13:11:56',
  expireDateTime: '2065-03-19T23:59:59',
  vendorExtra: { anything: true },
};

/** 1×1 JPEG-ish bytes; only the base64 round trip matters. */
export const PHOTO = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9,
]);
export const PHOTO_B64 = Buffer.from(PHOTO).toString('base64');

export const NESTED_STATUS = {
  statusAuthen: true,
  statusMessage: 'พบข้อมูลการ authen',
  firstName: 'สมชาย',
  lastName: 'ใจดี',
  sex: 'ชาย',
  birthDate: { year: 2548, month: 3 },
  nation: { code: '099', descriptionTh: 'ไทย' },
  province: { id: '4700', name: 'สกลนคร' },
  mainInscl: { id: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' },
  subInscl: { id: '89', name: 'ช่วงอายุ 12-59 ปี' },
  serviceHistories: [
    {
      hospital: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
      serviceDateTime: '2025-01-02T23:30:00',
      claimCode: 'PP1238504971',
      service: { code: 'PG0060001', name: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' },
      sourceChannel: 'ENDPOINT',
    },
    {
      hospital: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
      serviceDateTime: '2025-01-02T09:00:00',
      claimCode: 'PP1238504972',
      service: { code: 'PG0130001', name: 'HD' },
      sourceChannel: 'API',
    },
  ],
};

export const FLAT_STATUS = {
  statusAuthen: 'TRUE',
  statusMessage: 'พบข้อมูลการ authen',
  personalId: PID,
  firstName: 'สมชาย',
  lastName: 'ใจดี',
  fullName: 'นาย สมชาย ใจดี',
  sex: 'ชาย',
  age: '23 ปี 7 เดือน 8 วัน',
  birthDate: '1992-08-28',
  nationCode: '099',
  nationDescription: 'ไทย',
  provinceCode: '4700',
  provinceName: 'สกลนคร',
  mainInscl: 'UCS',
  mainInsclName: 'สิทธิหลักประกันสุขภาพแห่งชาติ',
  subInscl: '89',
  subInsclName: 'ช่วงอายุ 12-59 ปี',
  hospMain: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
  serviceHistories: [
    {
      hcode: '10699',
      hname: 'รพ.ตัวอย่าง',
      serviceDate: '2023-10-06T15:16:38',
      claimCode: 'PP1015363237',
      serviceCode: 'PG0060001',
      serviceName: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)',
      sourceChannel: 'API',
      tel: '0812345678',
    },
  ],
};

export const STRING_RESULTS_STATUS = {
  success: true,
  results: JSON.stringify([
    { hospitalCode: '10699', serviceDate: '2025-01-02T08:15:00', authCode: 'PP1111111111' },
  ]),
  message: 'ok',
};

export const DATASET_XML = (fields: Record<string, string>) =>
  '<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>' +
  '<ns2:searchCurrentByPIDResponse xmlns:ns2="http://tokenws.ucws.nhso.go.th/"><return>' +
  Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('') +
  '</return></ns2:searchCurrentByPIDResponse></S:Body></S:Envelope>';

export const SOAP_FAULT =
  '<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault>' +
  '<faultcode>S:Server</faultcode><faultstring>java.lang.NullPointerException</faultstring></S:Fault></S:Body></S:Envelope>';

/** A valid nhso-claim-detail body (service 2025-01-02 08:00 Bangkok). */
export const CLAIM = {
  hcode: '10699',
  mainInsclCode: 'UCS',
  serviceDateTime: Date.UTC(2025, 0, 2, 1, 0),
  invoiceDateTime: Date.UTC(2025, 0, 2, 2, 0),
  transactionId: '1069920250102080000a1b2c3',
  totalAmount: 500,
  paidAmount: 0,
  privilegeAmount: 500,
  claimServiceCode: 'PG0060001',
  pid: PID,
  sourceId: 'HIS',
  visitNumber: 'VN1',
  recorderPid: '3100100123451',
};

/** A valid AuthenCode-by-PID body. */
export const AUTHEN_CODE_REQUEST = {
  sourceId: 'HIS',
  transId: '10699X',
  pid: PID,
  hcode: '10699',
  serviceCode: 'PG0060001',
  recorderPid: '3100100123451',
  phone: ['0812345678'],
};
