/** One unit of the official register of statistical divisions (统计用区划代码): names and codes only. */
export interface DivisionRecord {
  code: string;
  name: string;
  parentCode: string;
}
