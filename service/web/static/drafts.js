// Drafts kept in this browser (localStorage): saved as the clerk types, listed on the start
// page, reopened by their id (?draft=…). Nothing leaves the browser.

const KEY = "vanban-drafts";
const MAX = 30;

function all() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) || "{}");
    return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  } catch {
    return {};
  }
}

/** Return a new draft id. */
export function newDraftId() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** Return the drafts, most recently saved first. */
export function listDrafts() {
  return Object.values(all()).filter((d) => d && d.id && d.value)
    .sort((a, b) => (b.savedAt || "").localeCompare(a.savedAt || ""));
}

export function getDraft(id) {
  return all()[id] || null;
}

/** Return the line that names a draft: its trích yếu, else its kind. */
export function describeDraft(value, kindTitle) {
  const summary = value && (value.summary || value.title);
  const text = Array.isArray(summary) ? summary.join(" ") : summary;
  return typeof text === "string" && text.trim() ? text.trim().slice(0, 160) : kindTitle;
}

/** Save (or replace) a draft; return false when the browser refuses (storage full). */
export function saveDraft(id, kind, kindTitle, value) {
  const drafts = all();
  drafts[id] = { id, kind, kindTitle, title: describeDraft(value, kindTitle),
    savedAt: new Date().toISOString(), value };
  const keep = Object.values(drafts).sort((a, b) => (b.savedAt || "").localeCompare(a.savedAt || ""))
    .slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(keep.map((d) => [d.id, d]))));
    return true;
  } catch {
    return false;
  }
}

export function deleteDraft(id) {
  const drafts = all();
  delete drafts[id];
  localStorage.setItem(KEY, JSON.stringify(drafts));
}
