const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; other numbers stay in Arabic digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones];
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** Zones have no public names (DESIGN §8), so they are numbered neutrally: 第一片区 … 第十片区. */
export const zoneName = (ordinal: number) => `第${chineseNumeral(ordinal)}片区`;

/**
 * The place name inside an official committee name, for composing grid names: 老街社区居委会 → 老街社区,
 * 新兴村委会 → 新兴村, 官塘社区居民委员会 → 官塘社区, 陈家营村委会（大） → 陈家营村（大）.
 */
export function placeName(officialName: string): string {
  return officialName.replace(/居民委员会|居委会/, '').replace(/村民委员会|村委会/, '村');
}

/** A grid's name in local usage: its village's place name and its number, e.g. 老街社区第1网格. */
export const gridName = (villageName: string, ordinal: number) => `${placeName(villageName)}第${ordinal}网格`;

/** Zero-pads `n` to at least `minDigits`, and wider when `count` needs it, so usernames sort in order. */
export function sequenceLabel(n: number, count: number, minDigits: number): string {
  return String(n).padStart(Math.max(minDigits, String(count).length), '0');
}
