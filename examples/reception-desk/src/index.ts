export { type DeskState, type ReceptionDesk, type ReceptionDeskOptions, startReceptionDesk } from './desk.js';
export {
  cardFor,
  OFFLINE_HOSPITAL,
  type OfflineCounter,
  type OfflineCounterOptions,
  pickPatient,
  startOfflineCounter,
} from './offline.js';
