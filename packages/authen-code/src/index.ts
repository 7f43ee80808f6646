export { AuthenCodeError, type AuthenCodeErrorCode, isAuthenCodeError } from './errors.js';
