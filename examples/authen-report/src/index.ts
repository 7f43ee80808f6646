export {
  type AuthenReportOptions,
  itemToRecord,
  queryToFilter,
  type ReportUnit,
  startAuthenReport,
} from './report.js';
