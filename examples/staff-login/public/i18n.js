// Every string of the staff log-in page, Thai (default) and English.
export const dictionary = {
  th: {
    title: 'เข้าสู่ระบบด้วยบัตรประจำตัวประชาชนของเจ้าหน้าที่',
    subtitle: 'สปสช. Smart Card Authentication (ตัวอย่าง AuthenKit)',
    langToggle: 'English',
    step1: 'เสียบบัตรประจำตัวประชาชนของเจ้าหน้าที่ในเครื่องอ่านบัตร',
    step2: 'ใส่ "รหัส PIN 2" แล้วกด "ตกลง"',
    pin: 'รหัส PIN 2',
    login: 'ตกลง',
    loggingIn: 'กำลังตรวจสอบ…',
    ok: 'Authentication successful',
    name: 'ชื่อ นามสกุล',
    pid: 'เลขประจำตัวประชาชน',
    unit: 'หน่วยงาน',
    token: 'รหัสเข้าใช้งาน Web Services',
    tokenOk: 'ได้รับแล้ว (เก็บไว้ที่เซิร์ฟเวอร์) หมดอายุ',
    logout: 'ออกจากระบบ',
    triesLeft: 'เหลือโอกาสอีก {n} ครั้ง',
  },
  en: {
    title: "Log in with the staff member's ID card",
    subtitle: 'NHSO Smart Card Authentication (AuthenKit example)',
    langToggle: 'ภาษาไทย',
    step1: "Insert the staff member's ID card into the reader",
    step2: 'Enter "PIN 2" and press OK',
    pin: 'PIN 2',
    login: 'OK',
    loggingIn: 'Checking…',
    ok: 'Authentication successful',
    name: 'Name',
    pid: 'Citizen ID',
    unit: 'Unit',
    token: 'Web-services token',
    tokenOk: 'received (kept on the server), expires',
    logout: 'Log out',
    triesLeft: '{n} tries left',
  },
};

export function t(lang, key, vars = {}) {
  const s = dictionary[lang]?.[key] ?? dictionary.th[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}
