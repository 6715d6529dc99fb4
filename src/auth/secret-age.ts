// Amazon expires an app's LWA client secret 180 days after it is issued; we warn from 30 days before.
export const SECRET_LIFETIME_DAYS = 180;
export const SECRET_WARN_DAYS = 30;

export interface SecretAge {
  setAt: string;
  ageDays: number;
  daysLeft: number;
  /** True from 30 days before expiry (and after it). */
  warn: boolean;
  message: string;
}

export function secretAge(setAt: string | undefined, now = Date.now()): SecretAge | undefined {
  if (!setAt) return undefined;
  const t = Date.parse(setAt);
  if (!Number.isFinite(t)) return undefined;
  const ageDays = Math.floor((now - t) / 86_400_000);
  const daysLeft = SECRET_LIFETIME_DAYS - ageDays;
  const warn = daysLeft <= SECRET_WARN_DAYS;
  const message =
    daysLeft <= 0
      ? `The LWA client secret was set ${ageDays} days ago and has expired (Amazon: 180 days); run \`sp-api-mcp credentials rotate\` or paste the new secret with \`sp-api-mcp setup\`.`
      : warn
        ? `The LWA client secret expires in ${daysLeft} days (set ${ageDays} days ago); run \`sp-api-mcp credentials rotate\`.`
        : `The LWA client secret is ${ageDays} days old (${daysLeft} days left).`;
  return { setAt, ageDays, daysLeft, warn, message };
}
