// Special controls on top of the generic form: the issue date with its draft toggle, citations
// picked from the registry, and pasting spreadsheet rows into a table of short fields.

import { h, uid } from "./dom.js";
import { fieldLabel } from "./labels.js";
import { ArrayNode, LeafNode, parseText } from "./schema-form.js";
import { isScalar, typesOf } from "./schema.js";

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

function accepts(pattern, text) {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return false;
  }
}

/** The issue date: a day, or for a draft only the month ("Bản nháp (để trống ngày)"). */
class IssueDateNode extends LeafNode {
  constructor(form, schema, value, meta) {
    super(form, schema, value, { ...meta, control: "issue-date" });
    this.input.after(h("div", { class: "draft-toggle" }, this.draft,
      h("label", { for: this.draft.id, text: "Bản nháp (để trống ngày)" })));
    this.draft.addEventListener("change", () => this.toggleDraft());
  }

  makeInput(id, value) {
    const text = typeof value === "string" ? value : "";
    const draft = MONTH.test(text);
    const known = text === "" || draft || FULL_DATE.test(text);
    this.lastFull = FULL_DATE.test(text) ? text : "";
    this.draft = h("input", { type: "checkbox", id: uid(), "aria-controls": id });
    this.draft.checked = draft;
    // A value in neither form stays visible as text, so nothing loaded is silently dropped.
    const input = h("input", { id, type: !known ? "text" : draft ? "month" : "date" });
    if (draft) input.placeholder = "năm-tháng, ví dụ 2024-03";
    input.value = value === null || typeof value === "object" ? "" : String(value);
    return input;
  }

  /** Return the node of a field next to this one (same object). */
  sibling(name) {
    const parent = this.path.split(".").slice(0, -1).join(".");
    return this.form.index.get(parent ? `${parent}.${name}` : name);
  }

  toggleDraft() {
    const value = this.input.value;
    // The service requires a draft to leave its number blank too: clear it, and give it back
    // when the draft box is unticked.
    const number = this.sibling("number");
    if (number instanceof LeafNode && this.draft.checked && number.input.value) {
      this.savedNumber = number.input.value;
      number.input.value = "";
    } else if (number instanceof LeafNode && !this.draft.checked && this.savedNumber &&
               !number.input.value) {
      number.input.value = this.savedNumber;
      this.savedNumber = "";
    }
    if (this.draft.checked) {
      if (FULL_DATE.test(value)) this.lastFull = value;
      this.input.type = "month";  // Firefox shows a text box: NNNN-TT
      this.input.placeholder = "năm-tháng, ví dụ 2024-03";
      this.input.value = value.slice(0, 7);
    } else {
      this.input.type = "date";
      this.input.removeAttribute("placeholder");
      this.input.value = value && this.lastFull.startsWith(value) ? this.lastFull : "";
    }
  }

  text() {
    return `${this.draft.checked}|${this.input.value}`;
  }

  read() {
    if (this.text() === this.initialText) return this.initial;
    const value = this.input.value.trim();
    return value === "" ? this.empty : value;
  }
}

/** Widget: a string whose pattern takes both a day and a month is an issue date. */
export function issueDate(form, schema, value, meta) {
  const types = typesOf(schema);
  if (!types.includes("string") || !schema.pattern || schema.oneOf) return null;
  if (!accepts(schema.pattern, "2023-12-31") || !accepts(schema.pattern, "2023-12")) return null;
  return new IssueDateNode(form, schema, value, meta);
}

// ---- Pasting rows from a spreadsheet ------------------------------------------------------

/** Return the cells of tab-separated text (Excel's and LibreOffice's clipboard format). */
export function parseTabular(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  const src = text.replace(/\r\n?/g, "\n");
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (quoted) {
      if (c === "\"" && src[i + 1] === "\"") { cell += "\""; i += 1; }
      else if (c === "\"") quoted = false;
      else cell += c;
    } else if (c === "\"" && cell === "") quoted = true;
    else if (c === "\t") { row.push(cell); cell = ""; }
    else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; }
    else cell += c;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows.map((cells) => cells.map((s) => s.trim())).filter((cells) => cells.some(Boolean));
}

const NUMBER_CELL = /^[-+]?\d+([.,]\d+)?$/;

/** Return one object per pasted row for ``columns`` [{key, alternatives}]; skip a header row. */
export function rowsToValues(rows, columns) {
  const numeric = columns.map((col) => col.alternatives.some(
    (alt) => typesOf(alt).some((t) => t === "number" || t === "integer")));
  const values = [];
  rows.forEach((cells, index) => {
    let fit = cells;
    // A leading "STT" (row number) column: drop whole numbers until the row fits.
    while (fit.length > columns.length && /^\d+\.?$/.test(fit[0])) fit = fit.slice(1);
    const header = index === 0 && numeric.some((isNum, i) => isNum && fit[i] &&
      !NUMBER_CELL.test(fit[i]));
    if (header) return;
    const value = {};
    columns.forEach((col, i) => {
      if (fit[i]) value[col.key] = parseText(fit[i], col.alternatives);
    });
    values.push(value);
  });
  return values;
}

function tableColumns(form, node) {
  const { schema: item, ref } = form.resolve(node.items);
  return Object.entries(item.properties)
    .map(([key, sub]) => [key, form.resolve(sub).schema])
    .filter(([, schema]) => isScalar(schema, form.resolve))
    .map(([key, schema]) => ({
      key,
      label: fieldLabel(key, ref || ""),
      alternatives: schema.oneOf ? schema.oneOf.map((b) => form.resolve(b).schema) : [schema],
    }));
}

function pastePanel(form, node) {
  const columns = tableColumns(form, node);
  const areaId = uid();
  const replaceId = uid();
  const area = h("textarea", { id: areaId, rows: 4, spellcheck: "false" });
  const replace = h("input", { type: "checkbox", id: replaceId });
  const button = h("button", { type: "button", text: "Thêm các dòng đã dán" });
  const status = h("p", { class: "status", "aria-live": "polite" });
  const names = columns.map((col) => col.label).join(" ⇥ ");
  button.addEventListener("click", () => {
    const values = rowsToValues(parseTabular(area.value), columns);
    if (!values.length) {
      status.textContent = "Không đọc được dòng nào: mỗi dòng cần có dạng " + names + ".";
      return;
    }
    node.insert(values, node.rows.length, replace.checked);
    status.textContent = `Đã thêm ${values.length} dòng.`;
    area.value = "";
  });
  return h("details", { class: "paste-panel" },
    h("summary", { text: "Dán từ bảng tính" }),
    h("label", { for: areaId, text: `Dán các dòng từ Excel hoặc LibreOffice, mỗi dòng: ${names} ` +
      "(chấp nhận dấu phẩy thập phân, ví dụ 97,5)" }),
    area,
    h("div", { class: "field-checkbox" }, replace,
      h("label", { for: replaceId, text: "Thay toàn bộ danh sách hiện có" })),
    button, status);
}

/** Pasting several rows into a cell of the table adds them after that row (or replaces it if
 * the row is still empty). */
function pasteIntoTable(form, node, event) {
  const text = event.clipboardData?.getData("text/plain") || "";
  if (!/[\t\n]/.test(text.trim())) return;
  const tr = event.target.closest("tr");
  const at = node.rows.findIndex((row) => row.el === tr);
  if (at < 0) return;
  const values = rowsToValues(parseTabular(text), tableColumns(form, node));
  if (!values.length) return;
  event.preventDefault();
  const current = node.rows[at].node.read();
  const blank = Object.values(current).every((v) => v === "" || v === null ||
    (Array.isArray(v) && !v.length));
  if (blank) {
    node.rows[at].el.remove();
    node.rows.splice(at, 1);
  }
  node.insert(values, blank ? at : at + 1);
}

/** Decorator: tables of short fields accept pasted rows; those with a number column (names
 * and scores, say) that are not nested in another table's row also get a paste area. */
export function pasteRows(form, node, schema, meta) {
  if (!(node instanceof ArrayNode) || !node.table) return;
  const columns = tableColumns(form, node);
  const numeric = columns.some((col) => col.alternatives.some(
    (alt) => typesOf(alt).some((t) => t === "number" || t === "integer")));
  if (numeric && !meta.inRow) node.addButton.after(pastePanel(form, node));
  node.list.addEventListener("paste", (event) => {
    if (event.target.closest("tbody") !== node.list) return;  // a nested table handles its own
    pasteIntoTable(form, node, event);
  });
}

// ---- Citations from the registry ------------------------------------------------------------

function vnDate(iso) {
  const [y, m, d] = iso.split("-");
  return `${Number(d)}/${Number(m)}/${y}`;
}

function resultItem(doc, node, present) {
  const name = `${doc.type} số ${doc.number} ngày ${vnDate(doc.issued)} của ${doc.issuer}: ` +
    doc.title;
  const add = h("button", { type: "button", text: present ? "Đã có" : "Thêm",
    "aria-label": `Thêm căn cứ: ${name}`, disabled: present });
  add.addEventListener("click", () => {
    node.insert([doc.id], node.rows.length);
    add.disabled = true;
    add.textContent = "Đã thêm";
  });
  return h("li", { class: doc.in_force ? "citation-result" : "citation-result not-in-force" },
    h("span", { class: "citation-name", text: name }),
    h("span", { class: "citation-id", text: doc.id }),
    doc.in_force ? null : h("span", { class: "citation-problem", text: doc.problem ||
      "Không còn hiệu lực vào ngày ban hành." }),
    doc.confidence === "unconfirmed" ?
      h("span", { class: "citation-note", text: "Thông tin chưa được xác minh." }) : null,
    add);
}

/** Return the day citations must be in force on: the issue date (first day for a draft). */
function citationDay(form) {
  const date = form.read().date;
  if (typeof date !== "string") return "";
  if (FULL_DATE.test(date)) return date;
  return MONTH.test(date) ? `${date}-01` : "";
}

function searchPanel(form, node) {
  const id = uid();
  const input = h("input", { type: "search", id, autocomplete: "off",
    placeholder: "Ví dụ: chính quyền địa phương, 77/2015" });
  const status = h("p", { class: "status", "aria-live": "polite" });
  const results = h("ul", { class: "citation-results" });
  let timer = 0;
  let controller = null;
  const search = async () => {
    controller?.abort();
    controller = new AbortController();
    const on = citationDay(form);
    status.textContent = "Đang tìm…";
    try {
      const found = await form.services.searchCitations(input.value.trim(), on,
        controller.signal);
      const listed = node.read();
      const present = new Set(Array.isArray(listed) ? listed : []);
      results.replaceChildren(...found.map((doc) => resultItem(doc, node, present.has(doc.id))));
      status.textContent = found.length ?
        `Tìm thấy ${found.length} văn bản${on ? `, hiệu lực xét vào ngày ${vnDate(on)}` : ""}.` :
        "Không tìm thấy văn bản nào.";
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = error.message;
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      search();
    }
  });
  return h("div", { class: "citation-search" },
    h("label", { for: id, text: "Tìm văn bản trong danh mục để thêm căn cứ" }),
    input, status, results);
}

/** Decorator: a list of citations whose items may be registry ids gets a registry search. */
export function citationSearch(form, node, schema, meta) {
  if (!(node instanceof ArrayNode) || meta.name !== "citations" || !form.services.searchCitations) {
    return;
  }
  const item = form.resolve(node.items).schema;
  const branches = item.oneOf ? item.oneOf.map((b) => form.resolve(b).schema) : [item];
  if (!branches.some((b) => typesOf(b).includes("string"))) return;
  node.errors.after(searchPanel(form, node));
}
