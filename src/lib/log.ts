// pino to stderr only: in stdio mode stdout belongs to the MCP protocol.
import { pino, type Logger } from 'pino';

/** Paths whose values must never reach a log line. */
export const REDACT_PATHS = [
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'authorization',
  'headers.authorization',
  'headers["x-amz-access-token"]',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  'url',
  '*.url',
];

export function createLogger(level = process.env.SP_API_MCP_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      name: 'sp-api-mcp',
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}

export const log: Logger = createLogger();

/** Masks LWA tokens (Atza|…, Atzr|…) and presigned-URL signatures inside free text. */
export function redactText(text: string): string {
  return text
    .replace(/Atz[a-z]\|[A-Za-z0-9_\-|.~+/=]+/g, 'Atz*|[redacted]')
    .replace(/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"]+/gi, '$1[redacted]')
    .replace(/(client_secret=)[^&\s"]+/gi, '$1[redacted]')
    .replace(/(refresh_token=)[^&\s"]+/gi, '$1[redacted]');
}
