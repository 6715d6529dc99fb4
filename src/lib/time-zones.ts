// Calendar days in a marketplace's time zone, written as ISO 8601 with that zone's offset. The Sales API wants
// interval offsets that match granularityTimeZone, so intervals are built here rather than by the caller.
import { findMarketplace } from './marketplaces.js';

// Zones Amazon's Seller Central uses for day boundaries per marketplace (NA: Pacific time).
const ZONES: Record<string, string> = {
  US: 'America/Los_Angeles',
  CA: 'America/Los_Angeles',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  UK: 'Europe/London',
  IE: 'Europe/Dublin',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  IT: 'Europe/Rome',
  ES: 'Europe/Madrid',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  PL: 'Europe/Warsaw',
  SE: 'Europe/Stockholm',
  TR: 'Europe/Istanbul',
  EG: 'Africa/Cairo',
  ZA: 'Africa/Johannesburg',
  AE: 'Asia/Dubai',
  SA: 'Asia/Riyadh',
  IN: 'Asia/Kolkata',
  JP: 'Asia/Tokyo',
  SG: 'Asia/Singapore',
  AU: 'Australia/Sydney',
};

export function defaultZone(marketplaceId: string): string {
  return ZONES[findMarketplace(marketplaceId)?.countryCode ?? ''] ?? 'UTC';
}

/** Minutes east of UTC in `zone` at instant `ms`; undefined for an unknown zone. */
export function zoneOffset(zone: string, ms: number): number | undefined {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
    if (!m) return undefined;
    return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  } catch {
    return undefined;
  }
}

/** The instant of 00:00 local time on a YYYY-MM-DD day in `zone`. */
export function localMidnight(day: string, zone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let ms = wall - (zoneOffset(zone, wall) ?? 0) * 60_000;
  ms = wall - (zoneOffset(zone, ms) ?? 0) * 60_000; // second pass settles days that change offset
  return ms;
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2024-09-01T00:00:00-07:00. */
export function formatInZone(ms: number, zone: string): string {
  const offset = zoneOffset(zone, ms) ?? 0;
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
