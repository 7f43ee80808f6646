// Every string of the clinic QR page, Thai (default) and English. Service names come from the SDK.
export const dictionary = {
  th: {
    appTitle: 'สร้าง QR Code สำหรับคลินิก/หน่วยบริการ',
    appSubtitle: 'ประชาชนสแกน QR ด้วย LINE @nhso เพื่อขอรหัสเข้ารับบริการ (Authen Code) ด้วยตนเอง',
    langToggle: 'English',
    unit: 'หน่วยบริการ',
    services: 'บริการ',
    servicesHint: 'เลือกบริการที่หน่วยบริการให้บริการ (1 โปสเตอร์ต่อ 1 บริการ)',
    validUntil: 'ใช้ได้ถึงวันที่ (ไม่บังคับ)',
    generate: 'สร้าง QR Code',
    downloadAll: 'ดาวน์โหลดทั้งหมด (PDF)',
    code5: 'รหัส',
    png: 'PNG',
    pdf: 'PDF',
    signed: 'QR ลงลายมือชื่ออิเล็กทรอนิกส์ (Ed25519)',
    unsigned: 'QR ไม่ได้ลงลายมือชื่อ (ตั้งค่า QR_SIGNING_KEY เพื่อป้องกันการปลอมแปลง)',
    noneSelected: 'กรุณาเลือกบริการอย่างน้อย 1 รายการ',
    previewTitle: 'ตัวอย่างโปสเตอร์',
  },
  en: {
    appTitle: 'QR codes for clinics and service units',
    appSubtitle: 'Citizens scan the QR in LINE @nhso to request their Authen Code themselves',
    langToggle: 'ภาษาไทย',
    unit: 'Service unit',
    services: 'Services',
    servicesHint: 'Choose the services the unit offers (one poster per service)',
    validUntil: 'Valid until (optional)',
    generate: 'Create QR codes',
    downloadAll: 'Download all (PDF)',
    code5: 'Code',
    png: 'PNG',
    pdf: 'PDF',
    signed: 'QR payloads are signed (Ed25519)',
    unsigned: 'QR payloads are unsigned (set QR_SIGNING_KEY to prevent forgery)',
    noneSelected: 'Choose at least one service',
    previewTitle: 'Posters',
  },
};

export function t(lang, key) {
  return dictionary[lang]?.[key] ?? dictionary.th[key] ?? key;
}
