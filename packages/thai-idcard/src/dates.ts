/**
 * Card dates (`YYYYMMDD`, Buddhist era) → ISO-like strings, via `@authenkit/authen-code`.
 */
import { parseBuddhistDate } from '@authenkit/authen-code';

/**
 * A date field of the card after parsing.
 *
 * @example
 * ```ts
 * import { parseCardDate } from '@authenkit/thai-idcard';
 * const d = parseCardDate('25300000');
 * console.log(d.date, d.lifelong); // '1987' false
 * ```
 */
export interface CardDate {
  /** `YYYY-MM-DD`, `YYYY-MM` (unknown day), `YYYY` (unknown month and day) in the Gregorian calendar, or null. */
  date: string | null;
  /** True for `99999999` (ไม่มีวันหมดอายุ / lifelong). */
  lifelong: boolean;
  /** The 8 characters as stored on the card (trimmed). */
  raw: string;
}

/**
 * Parses a card date (`YYYYMMDD` Buddhist era; `00` month/day = unknown; `99999999` = lifelong; blank = null).
 * Never throws: unparseable dates become `date: null` (the raw text is kept).
 *
 * @example
 * ```ts
 * import { parseCardDate } from '@authenkit/thai-idcard';
 * console.log(parseCardDate('25400115').date, parseCardDate('99999999').lifelong); // '1997-01-15' true
 * ```
 */
export function parseCardDate(raw: string): CardDate {
  const text = raw.replace(/[\0 ]+$/g, '').trim();
  if (text === '' || /^0+$/.test(text) || /^-+$/.test(text))
    return { date: null, lifelong: false, raw: text };
  try {
    const d = parseBuddhistDate(text);
    if (d.lifelong) return { date: null, lifelong: true, raw: text };
    return { date: d.iso, lifelong: false, raw: text };
  } catch {
    return { date: null, lifelong: false, raw: text };
  }
}
