// The register page: search the sổ đăng ký văn bản đi, export the year, void a number.
// Text from the server is set with textContent, never parsed as HTML.
import { ApiError, getJson, request } from "./api.js";
import { h } from "./dom.js";

const main = document.getElementById("main");
const form = document.getElementById("register-search");
const body = document.querySelector("#register-table tbody");
const summary = document.getElementById("register-summary");
const messages = document.getElementById("register-messages");

function say(text) {
  messages.replaceChildren(...(text ? [h("p", { class: "message error", text })] : []));
}

function problem(error) {
  if (!(error instanceof ApiError)) return `Lỗi không mong đợi: ${error.message}`;
  const details = Object.entries(error.errors).map(([k, v]) => ` ${k}: ${v.join(" ")}`).join("");
  return error.message + details;
}

function params() {
  const out = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (String(value).trim()) out.set(key, value);
  return out;
}

function links(entry) {
  const base = `${main.dataset.entriesUrl}/${entry.id}`;
  const cell = h("td");
  for (const [text, url] of [["PDF", `${base}/document?format=pdf`],
    ["DOCX", `${base}/document?format=docx`], ["Phụ lục VI (JSON)", `${base}/metadata`],
    ["XML", `${base}/metadata?format=xml`]]) {
    cell.append(h("a", { href: url, text }), " ");
  }
  return cell;
}

function voidButton(entry) {
  const cell = h("td");
  if (entry.status === "void") return cell;
  const button = h("button", { type: "button", text: "Hủy số" });
  button.addEventListener("click", async () => {
    const reason = window.prompt(`Lý do hủy số ${entry.reference}:`);
    if (!reason || !reason.trim()) return;
    try {
      await request(`${main.dataset.entriesUrl}/${entry.id}/void`,
        { method: "POST", json: { reason } });
      await search();
    } catch (error) {
      say(problem(error));
    }
  });
  cell.append(button);
  return cell;
}

function row(entry) {
  const state = entry.status === "void" ? `Đã hủy: ${entry.void_reason}` : "Đã ban hành";
  return h("tr", { class: entry.status === "void" ? "warning" : null },
    h("td", { text: entry.reference }), h("td", { text: entry.issued }),
    h("td", { text: `${entry.type_name}: ${entry.summary}` }),
    h("td", { text: `${entry.signer.title} ${entry.signer.name}` }),
    h("td", { text: entry.recipients.join("; ") }), h("td", { text: state }),
    links(entry), voidButton(entry));
}

function exports() {
  const year = form.elements.year.value;
  for (const format of ["xlsx", "docx", "pdf"]) {
    document.getElementById(`export-${format}`).href =
      `${main.dataset.exportUrl}?year=${encodeURIComponent(year)}&format=${format}`;
  }
}

async function search() {
  exports();
  try {
    const found = await getJson(`${main.dataset.entriesUrl}?${params()}`);
    say("");
    body.replaceChildren(...found.entries.map(row));
    summary.textContent = `${found.total} mục.`;
  } catch (error) {
    say(problem(error));
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
form.elements.year.addEventListener("change", exports);
search();
