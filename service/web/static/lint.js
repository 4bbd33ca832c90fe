// The lint page: send the chosen file to POST /api/v1/lint and show the findings as a table.
// Text from the server is set with textContent, never parsed as HTML.
import { ApiError, setToken } from "./api.js";

const TOKEN_KEY = "vanban-token"; // where api.js keeps the API token for this tab
const WORDS = { error: "lỗi", warning: "cảnh báo" };
const form = document.getElementById("lint-form");
const input = document.getElementById("lint-file");
const button = form.querySelector("button[type=submit]");
const messages = document.getElementById("lint-messages");
const result = document.getElementById("lint-result");
const summary = document.getElementById("lint-summary");
const table = document.getElementById("lint-findings");
const maxBytes = Number(form.dataset.maxBytes || 0);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Return a size as a person reads it: "2 MiB", "512 KiB". */
function sizeText(bytes) {
  const mib = bytes / 1048576;
  if (mib >= 1) return `${mib.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MiB`;
  return `${Math.ceil(bytes / 1024).toLocaleString("vi-VN")} KiB`;
}

function say(text) {
  messages.replaceChildren(...(text ? [element("p", text, "message error")] : []));
}

/** Return the findings with one row per rule and message, listing every paragraph it names. */
function grouped(findings) {
  const groups = new Map();
  for (const finding of findings) {
    const key = `${finding.severity}\u0000${finding.rule}\u0000${finding.message}`;
    if (!groups.has(key)) groups.set(key, { ...finding, paragraphs: [] });
    // Counted from 1, as a person counts the paragraphs of a document.
    if (finding.paragraph !== null) groups.get(key).paragraphs.push(finding.paragraph + 1);
  }
  return [...groups.values()];
}

function paragraphsText(numbers) {
  if (!numbers.length) return "—";
  const shown = numbers.slice(0, 8).join(", ");
  return numbers.length > 8 ? `${shown} … (${numbers.length} đoạn)` : shown;
}

function show(report) {
  say("");
  const rows = grouped(report.findings).map((finding) => {
    const row = element("tr", undefined, finding.severity);
    row.append(
      element("td", WORDS[finding.severity] || finding.severity, "severity"),
      element("td", finding.rule, "rule"),
      element("td", paragraphsText(finding.paragraphs), "paragraph"),
      element("td", finding.excerpt, "excerpt"),
      element("td", finding.message, "message"));
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = rows.length === 0;
  const clean = rows.length === 0 ? ". Văn bản đạt các kiểm tra theo Nghị định 30/2020/NĐ-CP." : "";
  const same = rows.length < report.findings.length ?
    ` (${rows.length} loại; lỗi lặp lại ở nhiều đoạn được gộp một dòng)` : "";
  summary.textContent = `${report.file}: ${report.errors} lỗi, ${report.warnings} cảnh báo` +
    `${same}${clean}`;
  summary.className = report.errors ? "summary-errors" : "summary-clean";
  result.hidden = false;
}

function askForToken() {
  const field = element("input");
  Object.assign(field, { type: "password", id: "lint-token", autocomplete: "off" });
  const use = element("button", "Dùng mã này");
  use.type = "button";
  use.addEventListener("click", () => {
    setToken(field.value.trim());
    check();
  });
  const label = element("label", "Mã truy cập");
  label.htmlFor = "lint-token";
  messages.replaceChildren(element("p", "Máy chủ yêu cầu mã truy cập API.", "message error"),
    label, field, use);
  field.focus();
}

async function send(file) {
  const body = new FormData();
  body.append("file", file);
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(form.action, { method: "POST", body, headers,
      credentials: "same-origin" });
  } catch {
    throw new ApiError({ code: "network", status: 0, errors: {},
      message: "Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại." });
  }
  const payload = await response.json().catch(() => null);
  if (response.ok && payload) return payload;
  throw new ApiError({ code: "http_error", errors: {}, ...(payload || {}),
    message: payload?.message || `Máy chủ báo lỗi ${response.status}.`,
    status: response.status });
}

async function check() {
  const file = input.files[0];
  if (!file) {
    say("Hãy chọn một tệp .docx.");
    return;
  }
  if (maxBytes && file.size > maxBytes) {
    say(`Tệp quá lớn: tối đa ${sizeText(maxBytes)}.`);
    return;
  }
  button.disabled = true;
  result.hidden = true;
  try {
    show(await send(file));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      askForToken();
    } else {
      const details = Object.entries(error.errors || {}).map(([k, v]) => ` ${k}: ${v.join(" ")}`);
      say(error.message + details.join(""));
    }
  } finally {
    button.disabled = false;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  check();
});
