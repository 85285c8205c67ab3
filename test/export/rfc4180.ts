/**
 * An RFC 4180 reader written for the tests, independent of src/export/delimited.ts: a state
 * machine over characters, strict where the RFC is (a quote inside an unquoted field, text after a
 * closing quote, an unclosed quote are errors), records ended by CRLF.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let state: 'start' | 'plain' | 'quoted' | 'quote-in-quoted' = 'start';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    switch (state) {
      case 'start':
      case 'plain':
        if (c === '"') {
          if (state === 'plain') throw new Error(`quote inside an unquoted field at ${i}`);
          state = 'quoted';
        } else if (c === ',') {
          record.push(field);
          field = '';
          state = 'start';
        } else if (c === '\r') {
          if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
          i++;
          record.push(field);
          records.push(record);
          record = [];
          field = '';
          state = 'start';
        } else if (c === '\n') {
          throw new Error(`bare LF at ${i}: records end with CRLF`);
        } else {
          field += c;
          state = 'plain';
        }
        break;
      case 'quoted':
        if (c === '"') state = 'quote-in-quoted';
        else field += c;
        break;
      case 'quote-in-quoted':
        if (c === '"') {
          field += '"';
          state = 'quoted';
        } else if (c === ',' || c === '\r') {
          // The field is closed: read the separator again, as the end of it.
          state = 'plain';
          i--;
        } else {
          throw new Error(`text after a closing quote at ${i}`);
        }
        break;
    }
  }
  if (state === 'quoted') throw new Error('unclosed quote');
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}
