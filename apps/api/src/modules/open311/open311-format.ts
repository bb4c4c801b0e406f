import { XMLBuilder } from 'fast-xml-parser';
import type { Open311Format } from './open311.types';

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/**
 * The element of each item of a list, by the list's element (the spec's XML): JSON's bare arrays are
 * the XML's wrapper elements (Spark convention).
 */
const ITEM_ELEMENTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

/** `services.json` → { name: 'services', format: 'json' }; null without a known format. */
export function splitResource(file: string): { name: string; format: Open311Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1).toLowerCase();
  return format === 'json' || format === 'xml' ? { name: file.slice(0, dot), format } : null;
}

/** The format a path asks for by its extension; JSON when it names none. */
export function formatOfPath(path: string): Open311Format {
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

/** A document as the spec writes it: JSON as is, XML under `root` with lists wrapped per ITEM_ELEMENTS. */
export function renderOpen311(format: Open311Format, root: string, value: unknown): string {
  if (format === 'json') return JSON.stringify(value);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: toXmlTree(root, value) }) as string}`;
}

function toXmlTree(element: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[element];
    if (!item) throw new Error(`no item element for the list <${element}>`);
    return value.length ? { [item]: value.map((v) => toXmlTree(item, v)) } : '';
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, toXmlTree(k, v)]])));
  }
  return value;
}
