/**
 * Builds an OpenAPI 3.1 document from the gateway's aliases and the actions' own declarations
 * (params in fastest-validator notation, summary, permission), so the document cannot drift from
 * the code.
 */
export interface RouteAction {
  method: string;
  path: string;
  actionName: string;
  summary?: string;
  permission?: string;
  realm: 'staff' | 'patient' | 'any' | 'none';
  params?: Record<string, unknown>;
}

type JsonSchema = Record<string, unknown>;

function ruleObject(rule: unknown): Record<string, unknown> {
  if (typeof rule === 'string') {
    const [type, ...flags] = rule.split('|');
    return { type, ...(flags.includes('optional') ? { optional: true } : {}) };
  }
  return (rule ?? {}) as Record<string, unknown>;
}

/** Translates one fastest-validator rule into JSON Schema (the common subset). */
export function ruleToSchema(rule: unknown): JsonSchema {
  const r = ruleObject(rule);
  const schema: JsonSchema = {};
  switch (r.type) {
    case 'number': schema.type = r.integer ? 'integer' : 'number'; break;
    case 'boolean': schema.type = 'boolean'; break;
    case 'email': Object.assign(schema, { type: 'string', format: 'email' }); break;
    case 'date': Object.assign(schema, { type: 'string', format: 'date-time' }); break;
    case 'enum': Object.assign(schema, { type: 'string', enum: r.values }); break;
    case 'array': Object.assign(schema, { type: 'array', items: ruleToSchema(r.items ?? 'any') }); break;
    case 'object': Object.assign(schema, { type: 'object' }, r.props ? paramsToSchema(r.props as Record<string, unknown>) : {}); break;
    case 'string': schema.type = 'string'; break;
    default: break;
  }
  // Bounds keywords depend on the JSON type: lengths for strings, item counts for arrays.
  const bounds = schema.type === 'string' ? ['minLength', 'maxLength'] : schema.type === 'array' ? ['minItems', 'maxItems'] : ['minimum', 'maximum'];
  if (typeof r.min === 'number') schema[bounds[0]] = r.min;
  if (typeof r.max === 'number') schema[bounds[1]] = r.max;
  if (r.positive) schema.exclusiveMinimum = 0;
  if (r.pattern instanceof RegExp) schema.pattern = r.pattern.source;
  if (r.default !== undefined) schema.default = r.default;
  if (r.nullable) {
    schema.type = [schema.type ?? 'string', 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
  }
  return schema;
}

function isOptional(rule: unknown): boolean {
  const r = ruleObject(rule);
  return Boolean(r.optional) || r.default !== undefined;
}

export function paramsToSchema(params: Record<string, unknown>): { properties: Record<string, JsonSchema>; required: string[] } {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, rule] of Object.entries(params)) {
    if (name.startsWith('$$')) continue;
    properties[name] = ruleToSchema(rule);
    if (!isOptional(rule)) required.push(name);
  }
  return { properties, required };
}

const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { type: { type: 'string' }, message: { type: 'string' }, details: {}, requestId: { type: 'string' } },
      required: ['type', 'message'],
    },
  },
};

/** `extraPaths`: path items written by hand for what is not an action (WebSocket upgrades, event streams). */
export function buildOpenApi(
  routes: RouteAction[], info: { title: string; version: string }, extraPaths: Record<string, Record<string, unknown>> = {},
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = structuredClone(extraPaths);
  for (const route of routes) {
    const openPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const pathParams = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    const { properties, required } = paramsToSchema(route.params ?? {});
    const method = route.method.toLowerCase();
    const inQuery = method === 'get' || method === 'delete';
    const parameters = [
      // OpenAPI requires every path placeholder to be declared, even when the action has no rule for it.
      ...pathParams.filter((name) => !(name in properties)).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(properties)
        .filter(([name]) => pathParams.includes(name) || inQuery)
        .map(([name, schema]) => ({ name, in: pathParams.includes(name) ? 'path' : 'query', required: pathParams.includes(name) || required.includes(name), schema })),
    ];
    const bodyProps = inQuery ? {} : Object.fromEntries(Object.entries(properties).filter(([name]) => !pathParams.includes(name)));
    paths[openPath] ??= {};
    paths[openPath][method] = {
      operationId: route.actionName,
      summary: route.summary ?? route.actionName,
      tags: [route.actionName.split('.')[0]],
      ...(route.realm === 'staff' || route.realm === 'patient' || route.permission === 'authenticated'
        ? { security: [{ bearer: [] }], 'x-realm': route.realm } : {}),
      'x-permission': route.permission,
      ...(parameters.length ? { parameters } : {}),
      ...(Object.keys(bodyProps).length
        ? { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: bodyProps, required: required.filter((r) => r in bodyProps), additionalProperties: false } } } } }
        : {}),
      responses: {
        200: { description: 'OK' },
        400: { description: 'Bad input', content: { 'application/json': { schema: ERROR_SCHEMA } } },
        401: { description: 'Not signed in or wrong realm' },
        403: { description: 'Forbidden' },
        404: { description: 'Not found or outside your scope' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { Error: ERROR_SCHEMA } },
    paths,
  };
}
