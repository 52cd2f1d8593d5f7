// What kind of value each API field takes, read from its zod create schema (via JSON Schema),
// so a spreadsheet cell can be turned into the value the API would have received.
import { z } from 'zod';

export type FieldKind = 'text' | 'number' | 'boolean' | 'list' | 'money' | 'date' | 'datetime';

interface JsonSchemaNode {
  type?: string | string[];
  format?: string;
  anyOf?: JsonSchemaNode[];
}

export interface FieldInfo {
  kinds: Record<string, FieldKind>;
  required: string[];
}

const cache = new WeakMap<z.ZodObject, FieldInfo>();

export function fieldInfo(schema: z.ZodObject): FieldInfo {
  const known = cache.get(schema);
  if (known) return known;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchemaNode>; required?: string[] };
  const kinds: Record<string, FieldKind> = {};
  for (const [field, node] of Object.entries(json.properties ?? {})) {
    if (field !== 'custom') kinds[field] = kindOf(node);
  }
  const info = { kinds, required: (json.required ?? []).filter((f) => f !== 'custom') };
  cache.set(schema, info);
  return info;
}

function kindOf(node: JsonSchemaNode): FieldKind {
  const variants = node.anyOf ?? [node];
  const types = new Set(variants.flatMap((v) => (Array.isArray(v.type) ? v.type : v.type ? [v.type] : [])));
  if (types.has('string') && types.has('number')) return 'money';
  if (types.has('number') || types.has('integer')) return 'number';
  if (types.has('boolean')) return 'boolean';
  if (types.has('array')) return 'list';
  const format = variants.find((v) => v.format)?.format;
  if (format === 'date') return 'date';
  if (format === 'date-time') return 'datetime';
  return 'text';
}
