// The start page: the drafts kept in this browser, newest first, each reopened in its editor.

import { h } from "./dom.js";
import { deleteDraft, listDrafts } from "./drafts.js";

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString("vi-VN", {
    hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
}

function show() {
  const links = new Map([...document.querySelectorAll("nav.kinds a[data-kind]")]
    .map((a) => [a.dataset.kind, a.href]));
  const drafts = listDrafts().filter((d) => links.has(d.kind));
  document.getElementById("recent-empty").hidden = drafts.length > 0;
  document.getElementById("recent-list").replaceChildren(...drafts.map((draft) => {
    const url = new URL(links.get(draft.kind));
    url.searchParams.set("draft", draft.id);
    const remove = h("button", { type: "button", class: "remove", text: "Xóa bản nháp" });
    remove.setAttribute("aria-label", `Xóa bản nháp “${draft.title}”`);
    remove.addEventListener("click", () => {
      deleteDraft(draft.id);
      show();
    });
    return h("li", {}, h("a", { href: url.href, text: draft.title }),
      h("span", { class: "draft-meta", text: `${draft.kindTitle} · lưu lúc ${when(draft.savedAt)}` }),
      remove);
  }));
}

show();
