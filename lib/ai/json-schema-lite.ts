/**
 * A JSON Schema checker for the subset our schemas use (the model card schema): type, enum,
 * const, required, properties, additionalProperties, items, min/maxItems, min/maxLength, pattern,
 * minimum, maximum, exclusiveMinimum and local `$ref`s to `#/$defs/...`. No validator package
 * is a direct dependency, and the schema file stays the one source of truth: this reads it as
 * it is. A keyword outside the subset throws, so the schema cannot silently outgrow the checker.
 */
export interface Schema {
  [keyword: string]: unknown;
}

export interface SchemaProblem {
  /** JSON Pointer of the offending value ('' is the document). */
  path: string;
  message: string;
}

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', 'default', 'examples']);
const KNOWN = new Set([
  'type', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', '$ref',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const matchesType = (value: unknown, type: string) =>
  typeOf(value) === type || (type === 'number' && typeOf(value) === 'integer');

/** Every problem of `value` against `schema` (empty when valid). */
export function checkSchema(value: unknown, schema: Schema, root: Schema = schema, path = ''): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const fail = (message: string, at = path) => problems.push({ path: at, message });
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`json-schema-lite: unsupported keyword '${keyword}' at ${path || '/'}`);
  }
  if (typeof schema.$ref === 'string') {
    const match = /^#\/\$defs\/([\w-]+)$/.exec(schema.$ref);
    const target = match ? (root.$defs as Record<string, Schema> | undefined)?.[match[1]] : undefined;
    if (!target) throw new Error(`json-schema-lite: unresolved $ref '${schema.$ref}'`);
    problems.push(...checkSchema(value, target, root, path));
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => matchesType(value, t))) {
      fail(`must be ${types.join(' or ')}, got ${typeOf(value)}`);
      return problems; // the other keywords would only repeat the type mismatch
    }
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) fail(`must be one of ${(schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
  if ('const' in schema && value !== schema.const) fail(`must be ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail(`must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) fail(`must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`must match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be ≥ ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`must be ≤ ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail(`must be > ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => problems.push(...checkSchema(item, schema.items as Schema, root, `${path}/${i}`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) fail(`'${key}' is required`);
    for (const [key, item] of Object.entries(object)) {
      const at = `${path}/${key}`;
      if (properties[key]) problems.push(...checkSchema(item, properties[key], root, at));
      else if (schema.additionalProperties === false) fail('is not an allowed property', at);
      else if (typeof schema.additionalProperties === 'object') problems.push(...checkSchema(item, schema.additionalProperties as Schema, root, at));
    }
  }
  return problems;
}
