// Generated products in the sample spreadsheet's format, for the export benchmark and the crash test.
// Shirts only, every row complete, so the demo assistant's mapping makes them valid without gap-filling.
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const COLORS = ['Navy', 'White', 'Sage', 'Sand', 'Black', 'Rust', 'Sky Blue', 'Charcoal'];

export const HEADER = [
  'SKU',
  'Parent SKU',
  'Variation Theme',
  'Title',
  'Brand',
  'Category',
  'Department',
  'Color',
  'Size',
  'Material',
  'Care Instructions',
  'Country of Origin',
  'Price',
  'Quantity',
  'EAN',
  'Description',
  'Bullet 1',
  'Bullet 2',
  'Image URL',
  'Keywords',
];

function ean13(n: number): string {
  const body = `42${String(n).padStart(10, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function generatedRows(n: number, prefix = 'GEN'): Array<Record<string, string>> {
  return Array.from({ length: n }, (_, i) => {
    const color = COLORS[i % COLORS.length]!;
    const size = SIZES[i % SIZES.length]!;
    return {
      SKU: `${prefix}-TEE-${String(i + 1).padStart(5, '0')}`,
      'Parent SKU': '',
      'Variation Theme': '',
      Title: `Brightwater Basics Men's Organic Cotton Crew T-Shirt, ${color}, ${size}`,
      Brand: 'Brightwater Basics',
      Category: 'Shirts',
      Department: 'Mens',
      Color: color,
      Size: size,
      Material: 'Organic Cotton',
      'Care Instructions': 'Machine wash 30°C',
      'Country of Origin': 'Portugal',
      Price: (19 + (i % 7)).toFixed(2),
      Quantity: String(10 + (i % 90)),
      EAN: ean13(i + 1),
      Description: `A soft organic cotton crew neck tee in ${color.toLowerCase()}, pre-washed for a lasting fit.`,
      'Bullet 1': '100% organic cotton, 160 g/m²',
      'Bullet 2': 'Regular fit, ribbed crew neck',
      'Image URL': `https://images.example.com/brightwater/tee-${i + 1}.jpg`,
      Keywords: 'organic cotton t-shirt crew neck mens',
    };
  });
}

export function toCsv(rows: Array<Record<string, string>>): string {
  const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => esc(r[h] ?? '')).join(','))].join('\n') + '\n';
}
