// The editor page: load the kind's schema, build the form, keep the preview and the error
// messages up to date, and load and save JSON, DOCX and PDF files.

import { ApiError, filenameFrom, getJson, request, setToken } from "./api.js";
import { h, saveBlob } from "./dom.js";
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

function say(text) {
  $("messages").replaceChildren(...(text ? [h("p", { class: "message error", text })] : []));
}

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
    showSummary(form.showErrors(error.errors));
    say("");
    return;
  }
  say(error.message + Object.entries(error.errors).map(([k, v]) => ` ${k}: ${v.join(" ")}`)
    .join(""));
}

function changed() {
  started = true;
  preview.schedule(() => form.read());
}

function refresh() {
  if (started) preview.update(form.read(), true);
}

function loadValue(value, name) {
  form.load(value);
  fileName = name.split("/").pop();
  started = true;
  form.clearErrors();
  showSummary([]);
  say("");
  status(`Đã nạp “${fileName}”.`);
  preview.update(form.read(), true);
}

async function renderHtml(value, signal) {
  const url = `${config.documentsUrl}?format=html`;
  const response = await request(url, { method: "POST", json: value, signal });
  return response.text();
}

async function download(format, button) {
  button.disabled = true;
  status(`Đang tạo tệp ${format.toUpperCase()}…`);
  try {
    const response = await request(`${config.documentsUrl}?format=${format}`,
      { method: "POST", json: form.read() });
    const name = filenameFrom(response.headers.get("Content-Disposition"), `van-ban.${format}`);
    saveBlob(await response.blob(), name);
    status(`Đã tải “${name}”.`);
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
  try {
    value = JSON.parse(await file.text());
  } catch (error) {
    say(`Tệp “${file.name}” không phải JSON hợp lệ: ${error.message}`);
    return;
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
    onChange: changed,
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
      if (result.ok) {
        form.clearErrors();
        showSummary([]);
        say("");
      } else {
        handle(result.error, refresh);
      }
    },
  });
  form.load(newValue(schema, resolver(schema)));
  status("Nhập nội dung, hoặc bắt đầu từ một dữ liệu mẫu hay một tệp JSON.");
  const root = $("document-form");
  root.addEventListener("input", changed);
  root.addEventListener("change", changed);
  root.addEventListener("submit", (event) => event.preventDefault());
  $("fixture-load").addEventListener("click", () => loadFixture($("fixture-select").value));
  $("file-open").addEventListener("change", (event) => openFile(event.target));
  $("save-json").addEventListener("click", saveJson);
  $("download-docx").addEventListener("click", (e) => download("docx", e.currentTarget));
  $("download-pdf").addEventListener("click", (e) => download("pdf", e.currentTarget));
  $("issue-document")?.addEventListener("click", (e) => issueDocument(form.read(), e.currentTarget,
    { url: config.registerUrl, registerPage: config.registerPage, status, handle }));
  await listFixtures();
  const pending = pendingFile();
  if (pending) loadValue(pending.value, pending.name);
  else if (config.fixture) await loadFixture(config.fixture);
  editor.dataset.ready = "true";
}

start();
