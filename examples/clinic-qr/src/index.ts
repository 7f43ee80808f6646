export { type ClinicQrOptions, startClinicQr } from './clinic.js';
