// Small DOM helpers. Text always goes in as textContent or attribute values, never as markup.

let counter = 0;

/** Return an id unique in the page. */
export function uid(prefix = "f") {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Return a new element: h("label", {for: id, text: "Số"}, child, …). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  el.append(...children.filter((child) => child !== null && child !== undefined));
  return el;
}

/** Add or remove ids in an element's aria-describedby list. */
export function describedBy(el, ids, add = true) {
  const current = new Set((el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
  for (const id of ids) {
    if (add) current.add(id);
    else current.delete(id);
  }
  if (current.size) el.setAttribute("aria-describedby", [...current].join(" "));
  else el.removeAttribute("aria-describedby");
}

/** Focus the element, or the first control inside it. */
export function focusInside(el) {
  const target = el.matches("input, select, textarea, button") ? el :
    el.querySelector("input:not([type=hidden]), select, textarea, button:not([disabled])");
  (target || el).focus();
}

/** Save a Blob under ``filename`` through a temporary link (the browser's download). */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
