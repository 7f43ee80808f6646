export { type StaffLoginAppOptions, type StaffSession, startStaffLogin } from './staff-login.js';
