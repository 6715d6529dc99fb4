// Product identifiers (GTINs and ISBNs): length and check digit, the way GS1 and Amazon check them. Used by the
// export assistant before anything is sent and by the emulator, which rejects what Amazon rejects.

export type GtinKind = 'UPC-A' | 'EAN-8' | 'EAN-13' | 'GTIN-14' | 'ISBN-10' | 'ISBN-13';
/** Amazon's externally_assigned_product_identifier type for each kind. */
export type GtinType = 'upc' | 'ean' | 'gtin' | 'isbn';

export type GtinCheck =
  { ok: true; digits: string; kind: GtinKind; type: GtinType } | { ok: false; problem: string; damaged?: boolean; kind?: GtinKind };

/** "4.00638E+12" and friends: a spreadsheet turned the number into floating point and lost digits. */
export function isScientificNotation(raw: string): boolean {
  return /^\s*\d+([.,]\d+)?\s*[eE]\s*\+?\s*\d+\s*$/.test(raw);
}

/** GS1 mod-10 check digit of the digits before the last. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

function isbn10Valid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = s[i]!;
    const v = c === 'X' || c === 'x' ? 10 : c.charCodeAt(0) - 48;
    if (v < 0 || v > 10 || (v === 10 && i !== 9)) return false;
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

const KINDS: Record<number, GtinKind> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };
const TYPES: Record<GtinKind, GtinType> = {
  'UPC-A': 'upc',
  'EAN-8': 'ean',
  'EAN-13': 'ean',
  'GTIN-14': 'gtin',
  'ISBN-10': 'isbn',
  'ISBN-13': 'isbn',
};

/** Checks one identifier as written by a seller: spaces and dashes are allowed between digits. */
export function checkGtin(raw: string): GtinCheck {
  const text = raw.trim();
  if (isScientificNotation(text)) {
    return {
      ok: false,
      damaged: true,
      problem: `"${text}" was turned into a number in scientific notation by a spreadsheet; its digits are lost and cannot be recovered — take the barcode from the product or the original file`,
    };
  }
  const s = text.replace(/[\s-]/g, '');
  if (/^\d{9}[\dXx]$/.test(s)) {
    return isbn10Valid(s)
      ? { ok: true, digits: s.toUpperCase(), kind: 'ISBN-10', type: 'isbn' }
      : { ok: false, kind: 'ISBN-10', problem: `"${text}" is not a valid ISBN-10 (wrong check digit)` };
  }
  if (!/^\d+$/.test(s)) return { ok: false, problem: `"${text}" is not a barcode: a UPC, EAN or GTIN has only digits` };
  const kind: GtinKind | undefined = s.length === 13 && /^97[89]/.test(s) ? 'ISBN-13' : KINDS[s.length];
  if (!kind) {
    const hint =
      s.length === 11 || s.length === 7
        ? ' (a spreadsheet may have removed a leading zero: take the barcode from the product or the original file)'
        : '';
    return {
      ok: false,
      problem: `"${text}" has ${s.length} digits; a UPC has 12, an EAN 13 (or 8), a GTIN-14 14${hint}`,
    };
  }
  const expected = gs1CheckDigit(s.slice(0, -1));
  if (Number(s[s.length - 1]) !== expected) {
    return {
      ok: false,
      kind,
      problem: `"${text}" is not a valid ${kind}: its check digit is ${s[s.length - 1]}, the digits before it give ${expected}`,
    };
  }
  return { ok: true, digits: s, kind, type: TYPES[kind] };
}

/** Kinds each Amazon identifier type takes (externally_assigned_product_identifier.type). */
const KINDS_OF_TYPE: Record<string, GtinKind[]> = {
  upc: ['UPC-A'],
  ean: ['EAN-13', 'EAN-8', 'ISBN-13'],
  gtin: ['GTIN-14', 'EAN-13', 'UPC-A', 'EAN-8', 'ISBN-13'],
  isbn: ['ISBN-10', 'ISBN-13'],
};

/** Why this identifier is not valid for its declared type, or undefined (unknown types are not judged). */
export function identifierProblem(type: string, value: string): string | undefined {
  const kinds = KINDS_OF_TYPE[type.toLowerCase()];
  if (!kinds) return undefined;
  const g = checkGtin(value);
  if (!g.ok) return g.problem;
  return kinds.includes(g.kind) ? undefined : `a ${g.kind} is not a valid ${type.toUpperCase()}`;
}
