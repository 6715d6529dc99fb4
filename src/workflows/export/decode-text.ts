// Bytes → text for CSV/JSON sources. Spreadsheet exports arrive as UTF-8 (with or without BOM), UTF-16 from
// Excel's "Unicode text", or Windows-1252 from older Excel "CSV" saves; the last is decoded with a warning.
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  encoding: string;
  warning?: string;
}

export function decodeText(bytes: Buffer): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'utf-16be' };
  return utf8(bytes);
}

function utf8(bytes: Buffer): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const line = lineOfFirstBadByte(bytes);
    return {
      text: iconv.decode(bytes, 'windows-1252'),
      encoding: 'windows-1252',
      warning:
        `The file is not valid UTF-8 (first bad byte on line ${line}); it was read as Windows-1252 (Western European). ` +
        'Check accented characters in the samples; if they look wrong, save the file as "CSV UTF-8" and load it again.',
    };
  }
}

/** 1-based line of the first byte that breaks UTF-8, for the warning. */
function lineOfFirstBadByte(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
