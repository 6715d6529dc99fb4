// Seller data as shop systems and spreadsheets write it, turned into values Amazon takes: prices by the
// marketplace's number convention (ambiguity flagged, never silently guessed) and HTML descriptions as text.

/** Marketplaces whose sellers write 19,99 for nineteen ninety-nine (decimal comma). */
const DECIMAL_COMMA_LANGUAGES = /^(de|fr|es|it|nl|sv|pl|tr|pt|da|fi|nb|cs)_/;

export function decimalSeparatorFor(languageTag: string): '.' | ',' {
  return DECIMAL_COMMA_LANGUAGES.test(languageTag) ? ',' : '.';
}

export interface ParsedNumber {
  value?: number;
  /** A fact worth telling the seller (currency symbol removed, decimal comma read). */
  note?: string;
  /** The text can be read two ways; value follows the marketplace's convention. */
  ambiguous?: string;
  problem?: string;
}

const CURRENCY = /[$€£¥₹]|\b(USD|EUR|GBP|JPY|CAD|AUD|MXN|SEK|PLN|TRY|BRL|INR|CHF)\b/gi;

/** A price or other decimal as written: "$24.00", "19,99 €", "1.299,00", "1,299" (ambiguous). */
export function parseDecimal(raw: string, decimal: '.' | ','): ParsedNumber {
  const t = raw.trim();
  const notes: string[] = [];
  let s = t.replace(CURRENCY, '').replace(/\s|\u00a0/g, '');
  if (s !== t.replace(/\s|\u00a0/g, '')) notes.push('currency symbol removed');
  if (s === '') return { problem: `"${t}" holds no number` };
  if (!/^[+-]?[\d.,']+$/.test(s)) return { problem: `"${t}" is not a number` };
  s = s.replace(/'/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let ambiguous: string | undefined;
  let normalised: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the later one is the decimal separator.
    const dec = lastDot > lastComma ? '.' : ',';
    const thousands = dec === '.' ? ',' : '.';
    normalised = s.split(thousands).join('').replace(dec, '.');
    if (dec !== decimal) notes.push(`read with "${dec}" as the decimal separator`);
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    const groupsOfThree = parts.length > 1 && parts.slice(1).every((p) => p.length === 3) && parts[0]!.length <= 3 && parts[0]!.length > 0;
    if (parts.length > 2) {
      // "1.234.567" or "1,234,567": thousands separators only.
      normalised = parts.join('');
    } else if (groupsOfThree) {
      // "1,299" or "1.299": thousands in one convention, decimals in the other.
      const asThousands = parts.join('');
      const asDecimal = parts.join('.');
      normalised = sep === decimal ? asDecimal : asThousands;
      ambiguous = `"${t}" could be ${Number(asThousands)} or ${Number(asDecimal)}; read as ${Number(normalised)} by this marketplace's convention — confirm with the seller`;
    } else {
      normalised = parts.join('.');
      if (sep !== decimal) notes.push(`read with "${sep}" as the decimal separator`);
    }
  } else normalised = s;
  const value = Number(normalised);
  if (!Number.isFinite(value)) return { problem: `"${t}" is not a number` };
  return { value, ...(notes.length ? { note: notes.join(', ') } : {}), ...(ambiguous ? { ambiguous } : {}) };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  deg: '°',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
};

export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i.test(s);
}

/** HTML as clean text: paragraphs and line breaks become lines, list items "• " lines; tags and scripts dropped. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|tr|table)\s*>/gi, '\n')
    .replace(/<(p|div|h[1-6]|ul|ol|tr|table)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
