/**
 * FAT timestamps and the reproducible clock.
 *
 * A FAT directory entry stores a date word (bits 15-9 years since 1980, 8-5 month, 4-0 day) and
 * a time word (bits 15-11 hours, 10-5 minutes, 4-0 seconds / 2) -- Microsoft's FAT specification,
 * "Date and Time Formats". mkimg always encodes UTC (mkfs.fat uses local time except under
 * --invariant, where it uses UTC), so an image does not depend on the machine's time zone.
 *
 * `SOURCE_DATE_EPOCH` (reproducible-builds.org) replaces the clock wherever mkimg stamps a
 * time or derives a volume id: the same inputs then give a byte-identical image.
 */
import { InputError } from "../errors.js";

export interface DosDateTime {
  date: number;
  time: number;
}

/** 1980-01-01 00:00:00, what mkfs.fat writes for a time FAT cannot represent. */
const FALLBACK: DosDateTime = { date: 1 + (1 << 5), time: 0 };

/** Encodes `when` (as UTC) into FAT's date and time words, seconds rounded down to even. */
export function encodeDosDateTime(when: Date): DosDateTime {
  const year = when.getUTCFullYear();
  if (!(year >= 1980 && year <= 2107)) return { ...FALLBACK };
  const date = when.getUTCDate() + ((when.getUTCMonth() + 1) << 5) + ((year - 1980) << 9);
  const time = (when.getUTCSeconds() >> 1) + (when.getUTCMinutes() << 5) + (when.getUTCHours() << 11);
  return { date, time };
}

/** Decodes FAT's date and time words (as UTC). A zero date (never set) decodes to 1980-01-01. */
export function decodeDosDateTime(date: number, time: number): Date {
  const year = 1980 + (date >> 9);
  const month = Math.max(1, (date >> 5) & 0x0f);
  const day = Math.max(1, date & 0x1f);
  const hours = time >> 11;
  const minutes = (time >> 5) & 0x3f;
  const seconds = (time & 0x1f) * 2;
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}

/**
 * The value of SOURCE_DATE_EPOCH in seconds, or undefined when it is not set (or empty).
 * A value that is not a whole number of seconds is refused rather than ignored.
 */
export function sourceDateEpoch(environment: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = environment.SOURCE_DATE_EPOCH;
  if (text === undefined || text === "") return undefined;
  if (!/^[0-9]{1,15}$/.test(text)) {
    throw new InputError("SOURCE_DATE_EPOCH", `not a whole number of seconds since 1970: "${text}"`);
  }
  return Number(text);
}

/** The time to stamp: SOURCE_DATE_EPOCH when set, else the clock. */
export function stampTime(environment: NodeJS.ProcessEnv = process.env): Date {
  const epoch = sourceDateEpoch(environment);
  return epoch === undefined ? new Date() : new Date(epoch * 1000);
}
