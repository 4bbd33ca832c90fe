// The editor page: load the kind's schema, build the form, keep the preview and the error
// messages up to date, and load and save JSON, DOCX and PDF files.

import { ApiError, filenameFrom, getJson, request, setToken, upload } from "./api.js";
import { h, saveBlob } from "./dom.js";
import { getDraft, newDraftId, saveDraft } from "./drafts.js";
import { Preview } from "./preview.js";
import { issueDocument } from "./register-issue.js";
import { SchemaForm } from "./schema-form.js";
import { newValue, resolver } from "./schema.js";
import { citationSearch, issueDate, pasteRows } from "./widgets.js";

const $ = (id) => document.getElementById(id);
const editor = $("editor");
const config = editor.dataset;
const kind = config.kind;
const PENDING_KEY = "vanban-pending-file";

let form = null;
let preview = null;
let started = false;  // no preview (nor its errors) before the clerk loads or types something
let fileName = `${kind}.json`;
// Errors are shown only for fields the clerk has touched, until "Kiểm tra dữ liệu", a download,
// or a loaded file asks for all of them: a blank form does not greet the first keystroke with
// a dozen messages about fields not yet reached.
const touched = new Set();
let checkAll = false;
let dirty = false;  // changed since the last save or download: leaving asks first
let draftId = new URL(window.location.href).searchParams.get("draft") || null;
let autosaveTimer = 0;
const AUTOSAVE_MS = 800;

function say(text) {
  $("messages").replaceChildren(...(text ? [h("p", { class: "message error", text })] : []));
}

/** Show which hand-typed citations the registry does not know (the service could not check them). */
function noteUnverified(paths) {
  const which = paths.map((path) => `căn cứ thứ ${Number(path.split(".").pop()) + 1}`);
  $("messages").replaceChildren(...(paths.length ? [h("p", {
    class: "message note",
    text: `Chưa kiểm chứng: ${which.join(", ")} nhập tay không có trong danh mục văn bản pháp lý, ` +
      "nên chưa kiểm tra được hiệu lực. Hãy đối chiếu văn bản gốc.",
  })] : []));
}

let unverifiedPaths = [];

function status(text) {
  $("form-status").textContent = text;
}

function showSummary(entries) {
  $("error-list").replaceChildren(...entries.map((entry) => {
    const link = h("a", { href: "#form-root", text: `${entry.label}: ${entry.messages.join(" ")}` });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      entry.node.el.scrollIntoView({ block: "center" });
      entry.node.focus();
    });
    return h("li", {}, link);
  }));
  $("error-summary").hidden = entries.length === 0;
}

function askForToken(retry) {
  const input = h("input", { type: "password", id: "api-token", autocomplete: "off" });
  const button = h("button", { type: "button", text: "Dùng mã này" });
  button.addEventListener("click", () => {
    setToken(input.value.trim());
    say("");
    retry();
  });
  $("messages").replaceChildren(
    h("p", { class: "message error", text: "Máy chủ yêu cầu mã truy cập API." }),
    h("label", { for: "api-token", text: "Mã truy cập" }), input, button);
  input.focus();
}

/** Show any failure: field errors next to their fields, anything else in the message area. */
function handle(error, retry) {
  if (!(error instanceof ApiError)) {
    say(`Lỗi không mong đợi: ${error.message}`);
    return;
  }
  if (error.status === 401) {
    askForToken(retry);
    return;
  }
  if (error.status === 422 && form) {
    const shown = form.showErrors(checkAll ? error.errors : forTouched(error.errors));
    showSummary(checkAll ? shown : []);
    say("");
    return;
  }
  say(error.message + Object.entries(error.errors).map(([k, v]) => ` ${k}: ${v.join(" ")}`)
    .join(""));
}

/** Return the errors of touched fields (and of the objects and lists holding them). */
function forTouched(errors) {
  const near = (path) => [...touched].some((t) => t === path || path.startsWith(`${t}.`) ||
    (path !== "" && t.startsWith(`${path}.`)));
  return Object.fromEntries(Object.entries(errors || {}).filter(([path]) => near(path)));
}

function touch(event) {
  const holder = event?.target?.closest?.("[data-path]");
  if (holder) touched.add(holder.dataset.path);
}

function changed(event) {
  started = true;
  dirty = true;
  if (event) touch(event);
  preview.schedule(() => form.read());
  clearTimeout(autosaveTimer);
  autosaveTimer = setTimeout(autosave, AUTOSAVE_MS);
}

/** Keep the form in this browser's drafts (the start page lists them). */
function autosave() {
  clearTimeout(autosaveTimer);
  if (!form || !started) return;
  if (!draftId) {
    draftId = newDraftId();
    const address = new URL(window.location.href);
    address.searchParams.delete("fixture");
    address.searchParams.set("draft", draftId);
    window.history.replaceState(null, "", address);
  }
  const ok = saveDraft(draftId, kind, config.kindTitle, form.read());
  $("draft-status").textContent = ok ? `Bản nháp tự lưu lúc ${new Date()
    .toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" })}.` :
    "Trình duyệt không cho lưu thêm bản nháp (bộ nhớ đầy).";
}

function saved() {
  dirty = false;
}

/** Check the whole form now: every error shows, with a summary that links to the fields. */
async function checkForm() {
  checkAll = true;
  started = true;
  await preview.update(form.read(), true);
  if (!$("error-summary").hidden) $("error-summary").scrollIntoView({ block: "nearest" });
  else status("Dữ liệu hợp lệ: có thể tải DOCX hoặc PDF.");
}

function refresh() {
  if (started) preview.update(form.read(), true);
}

function loadValue(value, name, { fromDraft = false } = {}) {
  form.load(value);
  afterBuild();
  fileName = name.split("/").pop().replace(/\.(docx|pdf)$/i, ".json");
  started = true;
  checkAll = true;  // a loaded file shows every problem it has
  dirty = false;
  if (!fromDraft) draftId = null;  // a new draft starts with the next change
  form.clearErrors();
  showSummary([]);
  say("");
  status(`Đã nạp “${fileName}”.`);
  preview.update(form.read(), true);
}

let previewErrors = {};  // what the form still lacks: the preview shows it as marked blanks

/** Return the preview's HTML: an incomplete form is drawn too, its gaps marked (not refused). */
async function renderHtml(value, signal) {
  const response = await request(config.previewsUrl, { method: "POST", json: value, signal });
  const body = await response.json();
  unverifiedPaths = body.unverified || [];
  previewErrors = body.errors || {};
  return body.html;
}

async function download(format, button) {
  button.disabled = true;
  checkAll = true;
  status(`Đang tạo tệp ${format.toUpperCase()}…`);
  try {
    const response = await request(`${config.documentsUrl}?format=${format}`,
      { method: "POST", json: form.read() });
    const name = filenameFrom(response.headers.get("Content-Disposition"), `van-ban.${format}`);
    saveBlob(await response.blob(), name);
    saved();
    status(`Đã tải “${name}” (tệp mang theo dữ liệu để mở lại sau).`);
  } catch (error) {
    status(`Chưa tạo được tệp ${format.toUpperCase()}.`);
    handle(error, () => download(format, button));
  } finally {
    button.disabled = false;
  }
}

function saveJson() {
  const text = `${JSON.stringify(form.read(), null, 2)}\n`;
  saveBlob(new Blob([text], { type: "application/json" }), fileName);
  saved();
  status(`Đã lưu “${fileName}”.`);
}

async function listFixtures() {
  const select = $("fixture-select");
  try {
    const { fixtures } = await getJson(`${config.fixturesUrl}?kind=${encodeURIComponent(kind)}`);
    const groups = new Map();
    for (const item of fixtures) {
      if (!groups.has(item.folder_label)) groups.set(item.folder_label, []);
      groups.get(item.folder_label).push(h("option", { value: item.path, text: item.label,
        title: item.path }));
    }
    select.replaceChildren(h("option", { value: "", text: "— Chọn dữ liệu mẫu —" }),
      ...[...groups].map(([label, options]) => h("optgroup", { label }, ...options)));
    if (config.fixture) select.value = config.fixture;
  } catch (error) {
    handle(error, listFixtures);
  }
}

async function loadFixture(path) {
  if (!path) {
    say("Hãy chọn một dữ liệu mẫu trong danh sách.");
    return;
  }
  const url = `${config.fixturesUrl}/${path.split("/").map(encodeURIComponent).join("/")}`;
  try {
    loadValue(await getJson(url), path);
    const address = new URL(window.location.href);
    address.searchParams.set("fixture", path);
    window.history.replaceState(null, "", address);
  } catch (error) {
    handle(error, () => loadFixture(path));
  }
}

function knownKinds() {
  return new Set([...document.querySelectorAll("nav.kinds a[data-kind]")]
    .map((a) => a.dataset.kind));
}

async function openFile(input) {
  const file = input.files[0];
  input.value = "";
  if (!file) return;
  let value;
  if (/\.(docx|pdf)$/i.test(file.name)) {
    try {
      value = await (await upload(config.sourcesUrl, file)).json();
    } catch (error) {
      // Not a field of this form: the file itself is what is wrong.
      if (error instanceof ApiError && error.status !== 401) {
        say([error.message, ...(error.errors.file || [])].join(" "));
      } else {
        handle(error, () => openFile(input));
      }
      return;
    }
  } else {
    try {
      value = JSON.parse(await file.text());
    } catch {
      // The browser's own message is in English ("Expected double-quoted property name …").
      say(`Tệp “${file.name}” không phải JSON hợp lệ. Hãy mở tệp JSON do vanban lưu, ` +
        "hoặc tệp DOCX, PDF do vanban tạo ra.");
      return;
    }
  }
  const other = value && typeof value === "object" && !Array.isArray(value) ? value.kind : null;
  if (other === kind) {
    loadValue(value, file.name);
  } else if (typeof other === "string" && knownKinds().has(other)) {
    // Another kind: open its editor and load the file there.
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ name: file.name, value }));
    window.location.href = document.querySelector(`nav.kinds a[data-kind="${CSS.escape(other)}"]`)
      .href;
  } else {
    say(`Tệp “${file.name}” không ghi loại văn bản (“kind”) mà dịch vụ biết.`);
  }
}

function pendingFile() {
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    const parsed = pending && JSON.parse(pending);
    return parsed && parsed.value && parsed.value.kind === kind ? parsed : null;
  } catch {
    return null;
  }
}

async function start() {
  let described;
  try {
    described = await getJson(config.schemaUrl);
  } catch (error) {
    status("Không tải được cấu trúc dữ liệu của loại văn bản này.");
    handle(error, start);
    return;
  }
  const schema = described.schema;
  form = new SchemaForm($("form-root"), schema, {
    widgets: [issueDate],
    decorators: [pasteRows, citationSearch],
    onChange: () => {
      afterBuild();
      changed();
    },
    services: {
      searchCitations: async (q, on, signal) => {
        const params = new URLSearchParams({ q });
        if (on) params.set("on", on);
        return (await getJson(`${config.citationsUrl}?${params}`, signal)).results;
      },
    },
  });
  preview = new Preview($("preview-frame"), $("preview-status"), {
    render: renderHtml,
    debounceMs: Number(config.debounceMs) || 400,
    stylesheets: [config.documentCss, config.frameCss],
    onResult: (result) => {
      if (result.ok && Object.keys(previewErrors).length) {
        const shown = form.showErrors(checkAll ? previewErrors : forTouched(previewErrors));
        showSummary(checkAll ? shown : []);
        noteUnverified(unverifiedPaths);
        $("preview-status").textContent = "Bản xem trước chưa đủ: còn mục bắt buộc chưa điền " +
          "(đánh dấu “…” trong văn bản). Bấm “Kiểm tra dữ liệu” để xem các mục còn thiếu.";
      } else if (result.ok) {
        form.clearErrors();
        showSummary([]);
        noteUnverified(unverifiedPaths);
      } else {
        handle(result.error, refresh);
        if (result.error.status === 422 && !checkAll) {
          $("preview-status").textContent = "Chưa cập nhật: còn mục bắt buộc chưa điền. " +
            "Bấm “Kiểm tra dữ liệu” để xem các mục còn thiếu.";
        }
      }
    },
  });
  form.load(newValue(schema, resolver(schema)));
  afterBuild();
  status("Nhập nội dung, hoặc bắt đầu từ một dữ liệu mẫu hay một tệp (JSON, DOCX, PDF).");
  const root = $("document-form");
  root.addEventListener("input", changed);
  root.addEventListener("change", changed);
  root.addEventListener("focusout", touch);
  root.addEventListener("focusin", (event) => {
    const el = event.target;
    if (el.matches("input, textarea") && el.value) preview.follow(el.value);
  });
  root.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("beforeunload", (event) => {
    if (!dirty) return;
    autosave();
    event.preventDefault();
    event.returnValue = "";  // the browser shows its own "leave the page?" question
  });
  setUpZoom();
  $("check-form").addEventListener("click", checkForm);
  $("collapse-all").addEventListener("click", () => collapseAll(true));
  $("expand-all").addEventListener("click", () => collapseAll(false));
  $("fixture-load").addEventListener("click", () => loadFixture($("fixture-select").value));
  $("file-open").addEventListener("change", (event) => openFile(event.target));
  $("save-json").addEventListener("click", saveJson);
  $("download-docx").addEventListener("click", (e) => download("docx", e.currentTarget));
  $("download-pdf").addEventListener("click", (e) => download("pdf", e.currentTarget));
  $("issue-document")?.addEventListener("click", (e) => issueDocument(form.read(), e.currentTarget,
    { url: config.registerUrl, registerPage: config.registerPage, status, handle }));
  await listFixtures();
  const pending = pendingFile();
  const draft = draftId ? getDraft(draftId) : null;
  if (pending) loadValue(pending.value, pending.name);
  else if (draft && draft.kind === kind) {
    loadValue(draft.value, `${kind}.json`, { fromDraft: true });
    status(`Đã mở bản nháp “${draft.title}”.`);
  } else if (config.fixture) await loadFixture(config.fixture);
  editor.dataset.ready = "true";
}

/** Give every fieldset a collapse button, and list the top-level parts in the jump bar. */
function afterBuild() {
  for (const set of $("form-root").querySelectorAll("fieldset")) {
    if (set.querySelector(":scope > .collapse-toggle")) continue;
    const toggle = h("button", { type: "button", class: "collapse-toggle", text: "Thu gọn",
      "aria-expanded": "true" });
    toggle.addEventListener("click", () => collapse(set, !set.classList.contains("collapsed")));
    set.querySelector(":scope > legend")?.after(toggle);
  }
  const parts = [...$("form-root").querySelectorAll(".form-root > fieldset, .form-root > .optional," +
    " .form-root > .union")];
  $("form-nav-list").replaceChildren(...parts.map((part) => {
    const legend = part.querySelector("legend, label");
    const link = h("a", { href: "#form-root", text: legend ? legend.textContent : "…" });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const set = part.matches("fieldset") ? part : part.querySelector("fieldset");
      if (set) collapse(set, false);
      part.scrollIntoView({ block: "start" });
      (part.querySelector("input, select, textarea") || link).focus({ preventScroll: true });
    });
    return h("li", {}, link);
  }));
  $("form-nav").hidden = parts.length < 2;
}

function collapse(set, closed) {
  set.classList.toggle("collapsed", closed);
  const toggle = set.querySelector(":scope > .collapse-toggle");
  if (toggle) {
    toggle.textContent = closed ? "Mở rộng" : "Thu gọn";
    toggle.setAttribute("aria-expanded", String(!closed));
  }
}

function collapseAll(closed) {
  for (const set of $("form-root").querySelectorAll(".form-root > fieldset, .form-root > * > fieldset")) {
    collapse(set, closed);
  }
}

/** The preview's zoom: "Vừa khung" by default, a few sizes, and a whole-window view. */
function setUpZoom() {
  const select = $("zoom-select");
  const steps = [...select.options].map((o) => o.value).filter((v) => v !== "fit").map(Number);
  const apply = () => preview.setZoom(select.value);
  select.addEventListener("change", apply);
  const step = (direction) => {
    const now = preview.factor();
    const next = direction > 0 ? steps.find((v) => v > now + 0.001) :
      [...steps].reverse().find((v) => v < now - 0.001);
    if (next !== undefined) select.value = String(next);
    apply();
  };
  $("zoom-in").addEventListener("click", () => step(1));
  $("zoom-out").addEventListener("click", () => step(-1));
  $("preview-full").addEventListener("click", (event) => {
    const on = document.querySelector(".workspace").classList.toggle("preview-only");
    event.currentTarget.setAttribute("aria-pressed", String(on));
    event.currentTarget.textContent = on ? "Trở lại biểu mẫu" : "Xem toàn trang";
    apply();
  });
  window.addEventListener("resize", apply);
  apply();
}

start();
