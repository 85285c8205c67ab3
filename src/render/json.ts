export { formatJson, jsonChunks } from '../lib/rawjson.js';

/** The one way rcuser writes a JSON value of its own (not the server's) to stdout. */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent);
}
