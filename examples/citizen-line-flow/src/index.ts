export { type CitizenLineFlowOptions, startCitizenLineFlow } from './line-flow.js';
