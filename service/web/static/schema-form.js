// A form generated from a JSON Schema: objects become fieldsets, arrays repeatable rows (a table
// when the items are a few short fields), oneOf a type switcher, enums a select, long text a
// textarea. read() gives the JSON back; a control left untouched gives back exactly what was
// loaded, so loading and saving a file changes nothing. Every node knows its dotted path
// ("groups.0.agencies.3.score"), the path the service uses for its error messages.

import { describedBy, focusInside, h, uid } from "./dom.js";
import { branchLabel, enumLabel, fieldLabel, itemLabel } from "./labels.js";
import {
  ABSENT, branchIndex, isEmptyValue, isNullable, isScalar, jsonType, newValue, resolver, typesOf,
} from "./schema.js";

const join = (path, key) => (path === "" ? String(key) : `${path}.${key}`);
const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** What a control stands for when emptied: what was loaded if that was empty, else by schema. */
function emptyValue(initial, required, schema) {
  if (isEmptyValue(initial)) return initial === undefined ? ABSENT : initial;
  if (!required) return ABSENT;
  if (isNullable(schema)) return null;
  return typesOf(schema).includes("string") ? "" : ABSENT;
}

/** The kind of control for a scalar schema. */
export function controlKind(schema) {
  if (Array.isArray(schema.enum)) return "select";
  const types = typesOf(schema).filter((t) => t !== "null");
  if (!schema.oneOf && types.length === 1 && types[0] === "boolean") return "checkbox";
  if (!schema.oneOf && schema.format === "date") return "date";
  if (!schema.oneOf && types.every((t) => t === "integer" || t === "number")) return "number";
  if (!schema.oneOf && (schema.maxLength || 0) >= 500) return "textarea";
  return "text";
}

/** Return typed text as JSON: a const, a number (decimal comma too), else the text. */
export function parseText(text, alternatives) {
  const trimmed = text.trim();
  const types = new Set(alternatives.flatMap(typesOf));
  const constant = alternatives.find((alt) => "const" in alt && String(alt.const) === trimmed);
  if (constant) return constant.const;
  const numeric = types.has("integer") || types.has("number");
  if (numeric && /^[-+]?\d+$/.test(trimmed)) return Number(trimmed);
  if (types.has("number") && /^[-+]?\d*[.,]\d+$/.test(trimmed)) {
    return Number(trimmed.replace(",", "."));
  }
  // Not a number where one is expected: sent as typed, the service says what is wrong.
  return types.has("string") ? text.normalize("NFC") : trimmed;
}

function displayText(value) {
  if (isEmptyValue(value)) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** True when a list's items are a few short fields: shown as a table a clerk can paste into. */
export function isTableItem(schema, resolve) {
  const props = Object.entries(schema.properties || {});
  if (!typesOf(schema).includes("object") || !props.length) return false;
  const scalars = props.filter(([, sub]) => isScalar(resolve(sub).schema, resolve));
  const short = scalars.every(([, sub]) => controlKind(resolve(sub).schema) !== "textarea");
  return scalars.length >= 1 && scalars.length <= 4 && short &&
    (schema.required || []).every((key) => scalars.some(([name]) => name === key));
}

/** The root fields in the order the document prints them: Nơi nhận and Người ký after the
 * body, before the appendices (the schema declares them earlier). */
const PRINTED_LAST = ["recipients", "signature"];
function documentOrder(props) {
  const entries = Object.entries(props);
  const late = entries.filter(([key]) => PRINTED_LAST.includes(key));
  const rest = entries.filter(([key]) => !PRINTED_LAST.includes(key));
  const at = rest.findIndex(([key]) => key === "appendices" || key === "attached");
  rest.splice(at < 0 ? rest.length : at, 0, ...late);
  return rest;
}

class FormNode {
  constructor(form, meta) {
    this.form = form;
    this.meta = meta;
    this.caption = meta.caption;
    this.path = "";
  }

  /** Record the node's path, register it for error lookup. */
  renumber(path, register) {
    this.path = path;
    this.el.dataset.path = path;
    register(path, this);
  }

  setCaption(caption) {
    this.caption = caption;
  }

  /** Show messages next to the node; they describe its controls for assistive technology. */
  showErrors(messages) {
    const ids = messages.map((text) => {
      const id = uid("err");
      this.errors.append(h("p", { class: "field-error", id, text }));
      return id;
    });
    for (const el of this.described()) {
      describedBy(el, ids);
      el.setAttribute("aria-invalid", "true");
    }
    return ids;
  }

  described() {
    return [this.el];
  }

  focus() {
    focusInside(this.el);
  }
}

export class LeafNode extends FormNode {
  constructor(form, schema, value, meta) {
    super(form, meta);
    this.schema = schema;
    this.initial = value;
    this.empty = emptyValue(value, meta.required, schema);
    this.kind = meta.control || controlKind(schema);
    this.alternatives = schema.oneOf ? schema.oneOf.map((b) => form.resolve(b).schema) : [schema];
    const id = uid();
    this.input = this.makeInput(id, value);
    this.label = h("label", { for: id, class: meta.compact ? "visually-hidden" : null });
    this.errors = h("div", { class: "errors" });
    const hint = schema.description && !meta.compact ?
      h("p", { class: "hint", id: uid("hint"), text: schema.description }) : null;
    if (hint) describedBy(this.input, [hint.id]);
    if (meta.required && this.kind !== "checkbox") this.input.setAttribute("aria-required", "true");
    const parts = this.kind === "checkbox" ? [this.input, this.label] : [this.label, this.input];
    this.el = h("div", { class: `field field-${this.kind}` }, ...parts, this.datalist, hint,
      this.errors);
    this.setCaption(meta.caption);
    this.initialText = this.text();
  }

  makeInput(id, value) {
    if (this.kind === "select") {
      const select = h("select", { id });
      const choices = this.schema.enum;
      if (!this.meta.required || isNullable(this.schema) || !choices.includes(value)) {
        select.append(h("option", { value: "", text: "— Không chọn —" }));
      }
      choices.forEach((choice, i) => select.append(
        h("option", { value: String(i), text: enumLabel(choice) })));
      select.value = choices.includes(value) ? String(choices.indexOf(value)) : "";
      return select;
    }
    if (this.kind === "checkbox") {
      const box = h("input", { id, type: "checkbox" });
      box.checked = value === true;
      return box;
    }
    if (this.kind === "textarea") {
      const area = h("textarea", { id, rows: 3 });
      area.value = displayText(value);
      return area;
    }
    // Numbers as the document prints them: "101,5", not "101.5" (typed either way).
    const text = this.kind === "number" && typeof value === "number" ?
      String(value).replace(".", ",") : displayText(value);
    const dateOk = text === "" || /^\d{4}-\d{2}-\d{2}$/.test(text);
    const type = this.kind === "date" && dateOk ? "date" : "text";
    const input = h("input", { id, type, autocomplete: "off" });
    if (this.kind === "number") input.setAttribute("inputmode", "decimal");
    const constants = this.alternatives.filter((alt) => "const" in alt);
    if (constants.length) {
      this.datalist = h("datalist", { id: uid("list") }, ...constants.map(
        (alt) => h("option", { value: String(alt.const), label: enumLabel(alt.const) })));
      input.setAttribute("list", this.datalist.id);
    }
    if (this.schema.maxLength && !this.schema.oneOf) input.maxLength = this.schema.maxLength;
    input.value = text;
    return input;
  }

  text() {
    return this.kind === "checkbox" ? String(this.input.checked) : this.input.value;
  }

  setCaption(caption, context = "") {
    super.setCaption(caption);
    this.label.textContent = context ? `${caption} (${context})` : caption;
  }

  read() {
    const text = this.text();
    if (text === this.initialText) return this.initial;
    if (this.kind === "checkbox") return this.input.checked;
    if (text.trim() === "") return this.empty;
    if (this.kind === "select") return this.schema.enum[Number(text)];
    return parseText(text, this.alternatives);
  }

  described() {
    return [this.input];
  }

  focus() {
    this.input.focus();
  }
}

/** A value the form has no control for (or of the wrong shape): edited as JSON text. */
class JsonNode extends LeafNode {
  constructor(form, schema, value, meta) {
    super(form, { ...schema, description: "Dữ liệu JSON." }, value, { ...meta, control: "json" });
  }

  makeInput(id, value) {
    const area = h("textarea", { id, rows: 4, class: "json", spellcheck: "false" });
    area.value = value === ABSENT ? "" : JSON.stringify(value, null, 2);
    return area;
  }

  read() {
    const text = this.text();
    if (text === this.initialText) return this.initial;
    if (text.trim() === "") return this.empty;
    try {
      return JSON.parse(text);
    } catch {
      return text;  // the service will say the value is not what the field takes
    }
  }
}

class ConstNode extends FormNode {
  constructor(form, schema, value, meta) {
    super(form, meta);
    this.value = meta.required || value !== ABSENT ? schema.const : ABSENT;
    this.el = h("span", { hidden: true });
  }

  renumber() {}  // nothing to edit: errors about it go to the enclosing fieldset

  read() {
    return this.value;
  }
}

class ObjectNode extends FormNode {
  constructor(form, schema, value, meta, ref) {
    super(form, meta);
    this.value = isPlainObject(value) ? value : {};
    const props = schema.properties || {};
    const required = new Set(schema.required || []);
    this.children = new Map();
    this.extras = Object.keys(this.value).filter((key) => !(key in props));
    this.errors = h("div", { class: "errors" });
    const row = meta.layout === "row";
    if (row) this.header = h("th", { scope: "row" }, h("span"), this.errors);
    else if (!meta.root) this.legend = h("legend");
    this.el = row ? h("tr", {}, this.header) :
      h(meta.root ? "div" : "fieldset", { class: meta.root ? "form-root" : "object" },
        this.legend, this.errors);
    for (const [key, sub] of meta.root ? documentOrder(props) : Object.entries(props)) {
      const childSchema = form.resolve(sub).schema;
      const compact = row && isScalar(childSchema, form.resolve);
      const child = form.build(sub, key in this.value ? this.value[key] : ABSENT, {
        name: key, owner: ref || "", required: required.has(key), compact, inRow: row,
        caption: fieldLabel(key, ref || ""),
      });
      this.children.set(key, child);
      if (!row) this.el.append(child.el);
      else if (compact) this.el.append(h("td", {}, child.el));
      else this.el.append(h("td", {}, h("details", {}, h("summary", { text: child.caption }),
        child.el)));
    }
    if (this.extras.length) {
      this.errors.before(h("p", { class: "note", text: "Trường không có trong mẫu (giữ nguyên " +
        `khi lưu): ${this.extras.join(", ")}` }));
    }
    this.setCaption(meta.caption);
  }

  setCaption(caption) {
    super.setCaption(caption);
    if (this.legend) this.legend.textContent = caption;
    if (this.header) this.header.firstChild.textContent = caption.replace(/^\D+/, "");
    for (const child of this.children.values()) {
      if (child.meta.compact) child.setCaption(child.caption, caption);
    }
  }

  renumber(path, register) {
    super.renumber(path, register);
    for (const [key, child] of this.children) child.renumber(join(path, key), register);
  }

  read() {
    const out = {};
    const known = [...this.children.keys()];
    const order = [...Object.keys(this.value), ...known.filter((k) => !(k in this.value))];
    for (const key of order) {
      const value = this.children.has(key) ? this.children.get(key).read() : this.value[key];
      if (value !== ABSENT) out[key] = value;
    }
    return out;
  }
}

/** An optional object: absent until the clerk adds it. */
class OptionalNode extends FormNode {
  constructor(form, sub, value, meta) {
    super(form, meta);
    this.sub = sub;
    this.absent = value === null ? null : ABSENT;
    this.add = h("button", { type: "button", class: "add", text: `Thêm “${meta.caption}”` });
    this.drop = h("button", { type: "button", class: "remove", text: `Bỏ “${meta.caption}”` });
    this.errors = h("div", { class: "errors" });
    this.body = h("div");
    this.el = h("div", { class: "optional" }, this.body, this.errors);
    this.add.addEventListener("click", () => this.toggle(newValue(sub, form.resolve), true));
    this.drop.addEventListener("click", () => this.toggle(this.absent, true));
    this.toggle(value, false);
  }

  toggle(value, changed) {
    this.inner = isEmptyValue(value) ? null :
      this.form.build(this.sub, value, { ...this.meta, required: true });
    this.body.replaceChildren(...(this.inner ? [this.inner.el, this.drop] : [this.add]));
    if (changed) {
      this.form.structureChanged();
      (this.inner || this).focus();
    }
  }

  renumber(path, register) {
    this.path = path;
    if (this.inner) this.inner.renumber(path, register);
    else register(path, this);
  }

  showErrors(messages) {
    return this.inner ? this.inner.showErrors(messages) : super.showErrors(messages);
  }

  described() {
    return this.inner ? this.inner.described() : [this.add];
  }

  read() {
    return this.inner ? this.inner.read() : this.absent;
  }

  focus() {
    (this.inner ? this.inner.el : this.add).focus();
  }
}

class UnionNode extends FormNode {
  constructor(form, schema, value, meta) {
    super(form, meta);
    this.branches = schema.oneOf;
    this.index = branchIndex(this.branches, value, form.resolve);
    const id = uid();
    this.select = h("select", { id, class: "union-select" }, ...this.branches.map((branch, i) => {
      const { schema: node, ref } = form.resolve(branch);
      const type = typesOf(node).filter((t) => t !== "null")[0] || "object";
      return h("option", { value: String(i), text: branchLabel(node, ref, meta.name, type) });
    }));
    this.select.value = String(this.index);
    this.typeLabel = h("label", { for: id });
    this.body = h("div", { class: "union-body" });
    this.el = h("div", { class: "union" }, h("div", { class: "field union-type" }, this.typeLabel,
      this.select), this.body);
    this.child = this.makeChild(value);
    this.select.addEventListener("change", () => this.switchTo(Number(this.select.value)));
    this.setCaption(meta.caption);
  }

  makeChild(value) {
    const child = this.form.build(this.branches[this.index], value, this.meta);
    this.body.replaceChildren(child.el);
    return child;
  }

  /** Change the branch, keeping what can be kept (a text becomes {text}, and back). */
  switchTo(index) {
    const old = this.child.read();
    this.index = index;
    const branch = this.form.resolve(this.branches[index]).schema;
    let value = newValue(branch, this.form.resolve);
    if (typeof old === "string" && branch.properties?.text) value = { ...value, text: old };
    else if (isPlainObject(old) && typeof old.text === "string" &&
             typesOf(branch).includes("string")) value = old.text;
    else if (typeof old === "string" && typesOf(branch).includes("array")) value = [old];
    this.child = this.makeChild(value);
    this.child.setCaption(this.caption);
    this.form.structureChanged();
  }

  setCaption(caption) {
    super.setCaption(caption);
    this.typeLabel.replaceChildren("Dạng", h("span", { class: "visually-hidden",
      text: ` của ${caption}` }));
    this.child.setCaption(caption);
  }

  renumber(path, register) {
    this.path = path;
    this.child.renumber(path, register);
  }

  read() {
    return this.child.read();
  }
}

export class ArrayNode extends FormNode {
  constructor(form, schema, value, meta) {
    super(form, meta);
    this.items = schema.items || {};
    this.max = schema.maxItems ?? Infinity;
    this.initial = value;
    const item = form.resolve(this.items).schema;
    this.stringItems = typesOf(item).includes("string");
    // No table inside a table's cell: a nested list is a list, which wraps.
    this.table = isTableItem(item, form.resolve) && !meta.inRow;
    this.itemName = itemLabel(meta.name, meta.owner);
    this.legend = h("legend");
    this.errors = h("div", { class: "errors" });
    this.addButton = h("button", { type: "button", class: "add",
      text: `Thêm ${this.itemName.toLocaleLowerCase("vi")}` });
    this.addButton.addEventListener("click", () => this.insert([undefined], this.rows.length));
    this.list = this.table ? this.makeTable(item) : h("ol", { class: "rows" });
    this.el = h("fieldset", { class: this.table ? "array table-array" : "array" }, this.legend,
      this.errors, this.table ? h("div", { class: "table-wrap" }, this.tableEl) : this.list, this.addButton);
    this.rows = [];
    for (const v of Array.isArray(value) ? value : []) this.rows.push(this.makeRow(v));
    this.list.append(...this.rows.map((row) => row.el));
    this.setCaption(meta.caption);
  }

  makeTable(item) {
    const owner = this.form.resolve(this.items).ref || "";
    const heads = Object.keys(item.properties).map(
      (key) => h("th", { scope: "col", text: fieldLabel(key, owner) }));
    const body = h("tbody");
    this.tableEl = h("table", {}, h("thead", {}, h("tr", {},
      h("th", { scope: "col", text: "STT" }), ...heads, h("th", { scope: "col", text: "Thao tác" }))),
    body);
    return body;
  }

  makeRow(value) {
    const node = this.form.build(this.items, value === undefined ?
      newValue(this.items, this.form.resolve) : value, {
      name: this.meta.name, owner: this.meta.owner, required: true, caption: this.itemName,
      layout: this.table ? "row" : undefined,
    });
    const tool = (text, cls) => h("button", { type: "button", class: cls, text });
    const row = { node, up: tool("↑", "move"), down: tool("↓", "move"), remove: tool("Xóa", "remove") };
    const tools = h("div", { class: "row-tools" }, row.up, row.down, row.remove);
    row.el = this.table ? node.el : h("li", { class: "row" }, node.el, tools);
    if (this.table) node.el.append(h("td", {}, tools));
    row.up.addEventListener("click", () => this.move(row, -1));
    row.down.addEventListener("click", () => this.move(row, 1));
    row.remove.addEventListener("click", () => this.remove(row));
    return row;
  }

  /** Insert rows with these values at ``at`` (``replace``: instead of every row). */
  insert(values, at, replace = false) {
    if (replace) {
      for (const row of this.rows) row.el.remove();
      this.rows = [];
      at = 0;
    }
    const made = values.map((v) => this.makeRow(v));
    this.rows.splice(at, 0, ...made);
    this.list.replaceChildren(...this.rows.map((row) => row.el));
    this.form.structureChanged();
    if (made.length) made[0].node.focus();
    return made;
  }

  move(row, delta) {
    const from = this.rows.indexOf(row);
    const to = from + delta;
    if (to < 0 || to >= this.rows.length) return;
    this.rows.splice(from, 1);
    this.rows.splice(to, 0, row);
    this.list.replaceChildren(...this.rows.map((r) => r.el));
    this.form.structureChanged();
    (delta < 0 && !row.up.disabled ? row.up : row.down.disabled ? row.up : row.down).focus();
  }

  remove(row) {
    const at = this.rows.indexOf(row);
    this.rows.splice(at, 1);
    row.el.remove();
    this.form.structureChanged();
    const next = this.rows[Math.min(at, this.rows.length - 1)];
    (next ? next.remove : this.addButton).focus();
  }

  setCaption(caption) {
    super.setCaption(caption);
    this.legend.textContent = caption;
  }

  renumber(path, register) {
    super.renumber(path, register);
    this.rows.forEach((row, i) => {
      const name = `${this.itemName} ${i + 1}`;
      row.node.renumber(join(path, i), register);
      row.node.setCaption(name);
      row.up.disabled = i === 0;
      row.down.disabled = i === this.rows.length - 1;
      row.up.setAttribute("aria-label", `Chuyển ${name} lên`);
      row.down.setAttribute("aria-label", `Chuyển ${name} xuống`);
      row.remove.setAttribute("aria-label", `Xóa ${name}`);
      for (const button of [row.up, row.down, row.remove]) {
        button.title = button.getAttribute("aria-label");
      }
    });
    this.addButton.disabled = this.rows.length >= this.max;
  }

  read() {
    if (!this.rows.length && (this.initial === ABSENT || this.initial === null)) {
      return this.initial;
    }
    const blank = this.stringItems ? "" : null;
    return this.rows.map((row) => {
      const value = row.node.read();
      return value === ABSENT ? blank : value;
    });
  }
}

/** The form of one kind: build it from a value, read it back, show errors by field path. */
export class SchemaForm {
  constructor(container, schema, { widgets = [], decorators = [], onChange = () => {},
    services = {} } = {}) {
    this.container = container;
    this.schema = schema;
    this.resolve = resolver(schema);
    this.widgets = widgets;
    this.decorators = decorators;
    this.onChange = onChange;
    this.services = services;
    this.index = new Map();
    this.shown = [];
  }

  /** Return the node for a schema and a value (ABSENT when the JSON leaves it out). */
  build(schemaNode, value, meta) {
    const { schema, ref } = this.resolve(schemaNode);
    const resolve = this.resolve;
    const widget = this.widgets.map((make) => make(this, schema, value, meta)).find(Boolean);
    let node = widget || null;
    const types = typesOf(schema).filter((t) => t !== "null");
    const shapeOk = (type) => isEmptyValue(value) || jsonType(value) === type;
    if (node) { /* a widget took it */ } else if ("const" in schema) {
      node = new ConstNode(this, schema, value, meta);
    } else if (isScalar(schema, resolve) || Array.isArray(schema.enum)) {
      const scalar = value === ABSENT || value === null || typeof value !== "object";
      node = scalar ? new LeafNode(this, schema, value, meta) :
        new JsonNode(this, schema, value, meta);
    } else if (Array.isArray(schema.oneOf)) {
      node = new UnionNode(this, schema, value, meta);
    } else if (types.length === 1 && types[0] === "object" && shapeOk("object")) {
      node = !meta.required && !meta.root && meta.layout !== "row" ?
        new OptionalNode(this, schemaNode, value, meta) :
        new ObjectNode(this, schema, value, meta, ref);
    } else if (types.length === 1 && types[0] === "array" && shapeOk("array")) {
      node = new ArrayNode(this, schema, value, meta);
    } else {
      node = new JsonNode(this, schema, value, meta);
    }
    for (const decorate of this.decorators) decorate(this, node, schema, meta);
    return node;
  }

  /** Build the form for ``value`` (a whole input of the kind). */
  load(value) {
    this.root = this.build(this.schema, value, { name: "", owner: "", required: true,
      root: true, caption: this.schema.title || "Văn bản" });
    this.container.replaceChildren(this.root.el);
    this.renumber();
  }

  read() {
    return this.root.read();
  }

  renumber() {
    this.index = new Map();
    this.root.renumber("", (path, node) => this.index.set(path, node));
  }

  /** Rows were added, removed, moved, or a branch switched. */
  structureChanged() {
    this.renumber();
    this.onChange();
  }

  /** Return the node a path's error belongs to, and the part of the path it does not cover. */
  locate(path) {
    const parts = path === "" ? [] : path.split(".");
    for (let n = parts.length; n >= 0; n -= 1) {
      const node = this.index.get(parts.slice(0, n).join("."));
      if (node) return { node, rest: parts.slice(n).join(".") };
    }
    return { node: this.root, rest: path };
  }

  /** Return a readable name for a path: "Nhóm 1 › Cơ quan 4 › Tổng điểm". */
  describePath(path) {
    const parts = path === "" ? [] : path.split(".");
    const names = [];
    for (let n = 1; n <= parts.length; n += 1) {
      const node = this.index.get(parts.slice(0, n).join("."));
      const followedByItem = n < parts.length && /^\d+$/.test(parts[n]);
      if (node && !(node instanceof ArrayNode && followedByItem)) names.push(node.caption);
    }
    return names.join(" › ") || "Toàn văn bản";
  }

  /** Show the service's {path: [messages]} next to the fields; return them for a summary. */
  showErrors(errors) {
    this.clearErrors();
    const entries = Object.entries(errors || {}).map(([path, messages]) => {
      const { node, rest } = this.locate(path);
      const texts = messages.map((m) => (rest ? `${rest}: ${m}` : m));
      const ids = node.showErrors(texts);
      this.shown.push({ node, ids });
      return { path, label: this.describePath(path), messages: texts, node };
    });
    // In the order of the form, top to bottom.
    const after = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
    return entries.sort((a, b) => (a.node.el === b.node.el ? 0 : after(a.node.el, b.node.el)
      ? -1 : 1));
  }

  clearErrors() {
    for (const { node, ids } of this.shown) {
      for (const el of node.described()) {
        describedBy(el, ids, false);
        el.removeAttribute("aria-invalid");
      }
    }
    this.container.querySelectorAll(".field-error").forEach((el) => el.remove());
    this.shown = [];
  }
}
