export { type CheckUpdate, openVisitStore, type VisitRow, type VisitStore } from './db.js';
export { checkDay, closeVisit, type DaySummary, type InvoiceAmounts } from './jobs.js';
export { type HisBackendOptions, startHisBackend } from './server.js';
