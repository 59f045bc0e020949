// `date`, `time` and `date-time` format checks that accept exactly what ajv-formats' full formats
// accept, without its per-call `split` and regex match arrays. Event payloads carry several
// timestamps each, and these checks run for every one of them on both the producing and the
// consuming side; a property test (test/unit/runtime/rfc3339-formats.test.ts) pins the equivalence.

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57 ? code - 48 : -1;
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const high = digit(text, at);
  const low = digit(text, at + 1);
  return high < 0 || low < 0 ? -1 : high * 10 + low;
}

/** RFC 3339 full-date (`2026-08-01`), with real month lengths and leap years. */
export function isRfc3339Date(text: string): boolean {
  return text.length === 10 && dateAt(text, 0);
}

function dateAt(text: string, at: number): boolean {
  const century = twoDigits(text, at);
  const yearInCentury = twoDigits(text, at + 2);
  if (century < 0 || yearInCentury < 0 || text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45)
    return false;
  const month = twoDigits(text, at + 5);
  const day = twoDigits(text, at + 8);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(century * 100 + yearInCentury) ? 29 : DAYS[month]!);
}

/** RFC 3339 full-time with a required offset (`10:00:00Z`, `10:00:00.5+02:00`), leap seconds at 23:59 UTC. */
export function isRfc3339Time(text: string): boolean {
  return timeAt(text, 0);
}

function timeAt(text: string, start: number): boolean {
  const length = text.length;
  const hour = twoDigits(text, start);
  const minute = twoDigits(text, start + 3);
  const secondWhole = twoDigits(text, start + 6);
  if (
    hour < 0 ||
    minute < 0 ||
    secondWhole < 0 ||
    text.charCodeAt(start + 2) !== 58 ||
    text.charCodeAt(start + 5) !== 58
  )
    return false;
  let at = start + 8;
  // `(?:\.\d+)?`. Seconds are compared as ajv-formats does, as a double: "59.99999999999999999" is 60.
  let seconds = secondWhole;
  if (text.charCodeAt(at) === 46) {
    let digits = 0;
    while (digit(text, at + 1 + digits) >= 0) digits += 1;
    if (digits === 0) return false;
    // Below 59 s no fraction reaches the next second, even rounded to a double: only 59.x and 60.x are read.
    if (secondWhole >= 59) {
      for (let k = at + 1; k <= at + digits; k += 1) {
        if (text.charCodeAt(k) !== 48) {
          seconds = Number(text.slice(start + 6, at + 1 + digits));
          break;
        }
      }
    }
    at += 1 + digits;
  }
  // Offset: `z`, or a sign with hours and optional (optionally colon-separated) minutes.
  let offsetSign = 1;
  let offsetHours = 0;
  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if (zone === 90 || zone === 122) {
    at += 1;
  } else if (zone === 43 || zone === 45) {
    offsetSign = zone === 45 ? -1 : 1;
    offsetHours = twoDigits(text, at + 1);
    if (offsetHours < 0) return false;
    at += 3;
    if (at < length) {
      const colon = text.charCodeAt(at) === 58 ? 1 : 0;
      offsetMinutes = twoDigits(text, at + colon);
      if (offsetMinutes < 0) return false;
      at += colon + 2;
    }
  } else {
    return false; // the offset is required (strict time zone)
  }
  if (at !== length) return false;
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && seconds < 60) return true;
  // A leap second is 23:59:60 UTC (with any fraction), whatever the local offset.
  const utcMinute = minute - offsetMinutes * offsetSign;
  const utcHour = hour - offsetHours * offsetSign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && seconds < 61;
}

/**
 * RFC 3339 date-time: full-date, one separator (`T`, `t` or a whitespace character, as
 * ajv-formats splits on `/t|\s/i`), full-time.
 */
export function isRfc3339DateTime(text: string): boolean {
  return text.length >= 19 && isDateTimeSeparator(text.charCodeAt(10)) && dateAt(text, 0) && timeAt(text, 11);
}

/** `t`, `T` or what a JavaScript `\s` matches. */
function isDateTimeSeparator(code: number): boolean {
  return (
    code === 84 ||
    code === 116 ||
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
