/** The GDPR domain's public face: the family's right of access (its data export). */
export { exportFamilyData } from './export.js';
