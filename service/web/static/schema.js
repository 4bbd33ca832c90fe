// JSON Schema helpers for the form: follow $ref, tell kinds of nodes apart, match oneOf branches.
// Only the subset the service's schemas use: type (or a list with "null"), const, enum,
// properties/required/additionalProperties, items, oneOf, $ref to #/$defs.

/** The value of a property that is left out of the JSON object. */
export const ABSENT = Symbol("absent");

const isNullType = (node) => node && node.type === "null" && Object.keys(node).length === 1;

/** Return a function that resolves a node's $ref chain: {schema, ref} (ref: the $defs name).
 * "X or null" unions (anyOf/oneOf [X, {type: null}]) become X marked nullable; any other anyOf
 * is read as a oneOf. */
export function resolver(root) {
  return function resolve(node) {
    let schema = node || {};
    let ref = null;
    for (let hops = 0; schema.$ref && hops < 32; hops += 1) {
      const match = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
      const target = match && root.$defs && root.$defs[decodeURIComponent(match[1])];
      if (!target) break;
      const { $ref, ...rest } = schema;
      ref = match[1];
      schema = { ...target, ...rest };
    }
    const key = Array.isArray(schema.anyOf) ? "anyOf" : Array.isArray(schema.oneOf) ? "oneOf" : "";
    if (!key) return { schema, ref };
    const { [key]: branches, ...rest } = schema;
    const others = branches.filter((branch) => !isNullType(branch));
    if (others.length === 1 && others.length < branches.length) {
      const inner = resolve(others[0]);
      return { schema: { ...inner.schema, ...rest, nullable: true }, ref: inner.ref };
    }
    return { schema: { ...rest, oneOf: branches }, ref };
  };
}

/** Return the JSON types a schema allows, "null" included. */
export function typesOf(schema) {
  if ("const" in schema) return [jsonType(schema.const)];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map(jsonType))];
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties) return ["object"];
  if (schema.items) return ["array"];
  return [];
}

/** Return the JSON type of a value ("integer" for whole numbers). */
export function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

/** True when the schema accepts null. */
export function isNullable(schema) {
  return schema.nullable === true || typesOf(schema).includes("null");
}

const SCALARS = new Set(["string", "number", "integer", "boolean"]);

/** True when a (resolved) schema describes one value typed into one control. */
export function isScalar(schema, resolve) {
  if (Array.isArray(schema.oneOf)) {
    return schema.oneOf.every((branch) => isScalar(resolve(branch).schema, resolve));
  }
  const types = typesOf(schema).filter((t) => t !== "null");
  return types.length > 0 && types.every((t) => SCALARS.has(t));
}

function matches(pattern, text) {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return true;  // a pattern this browser cannot compile: let the server judge
  }
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True when ``value`` plausibly is an instance of the (resolved) schema. */
export function fits(schema, value, resolve) {
  if (Array.isArray(schema.oneOf)) {
    return schema.oneOf.some((branch) => fits(resolve(branch).schema, value, resolve));
  }
  if ("const" in schema) return value === schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  const types = typesOf(schema);
  const type = jsonType(value);
  if (!(types.includes(type) || (type === "integer" && types.includes("number")))) return false;
  if (type === "string" && schema.pattern && !matches(schema.pattern, value)) return false;
  if (type !== "object") return true;
  const required = schema.required || [];
  const known = schema.properties || {};
  if (!required.every((key) => key in value)) return false;
  return schema.additionalProperties !== false || Object.keys(value).every((key) => key in known);
}

/** Return the index of the oneOf branch ``value`` belongs to (same JSON type at worst, or 0). */
export function branchIndex(branches, value, resolve) {
  if (value === ABSENT || value === undefined) return 0;
  const resolved = branches.map((branch) => resolve(branch).schema);
  const exact = resolved.findIndex((schema) => fits(schema, value, resolve));
  if (exact >= 0) return exact;
  const type = jsonType(value);
  const loose = resolved.findIndex((schema) => typesOf(schema).includes(type) ||
    (isPlainObject(value) && typesOf(schema).includes("object")));
  return Math.max(loose, 0);
}

/** Return the value a new, empty instance of the schema starts with. */
export function newValue(schema, resolve) {
  const { schema: node } = resolve(schema);
  if ("const" in node) return node.const;
  if (Array.isArray(node.oneOf)) return newValue(node.oneOf[0], resolve);
  const type = typesOf(node).filter((t) => t !== "null")[0];
  if (type === "object") {
    const value = {};
    for (const key of node.required || []) {
      const child = resolve(node.properties?.[key] || {}).schema;
      const childType = typesOf(child)[0];
      if ("const" in child || childType === "object" || childType === "array") {
        value[key] = newValue(child, resolve);
      }
    }
    return value;
  }
  if (type === "array") {
    return (node.minItems || 0) > 0 ? [newValue(node.items || {}, resolve)] : [];
  }
  return ABSENT;
}

/** True when a value counts as "nothing entered" (what an empty control stands for). */
export function isEmptyValue(value) {
  return value === ABSENT || value === null || value === "" || value === undefined;
}
