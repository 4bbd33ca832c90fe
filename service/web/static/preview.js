// The live preview: once the clerk stops typing for a moment, the form is posted for HTML (the
// same HTML the PDF is printed from) and the document is shown in a sandboxed frame. A newer
// request cancels the older one, and only the latest answer is ever shown.

function escapeAttr(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function clock() {
  return new Date().toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit",
    second: "2-digit" });
}

const SHEET_PX = (210 * 96) / 25.4;  // an A4 sheet's width on screen at 100 %
// The least size text may have on screen: "Vừa khung" never draws the sheet smaller than this
// for its smallest text (a narrow screen then scrolls the sheet sideways inside the frame).
const MIN_TEXT_PX = 11;

export class Preview {
  /**
   * @param frame   the <iframe sandbox="allow-same-origin"> (no scripts run in it)
   * @param status  where "Đang cập nhật…" and the like are written (aria-live)
   * @param render  (value, signal) => Promise<string>: the document's HTML
   * @param onResult ({ok: true}) or ({error}) after each finished request
   */
  constructor(frame, status, { render, debounceMs, stylesheets, onResult }) {
    this.frame = frame;
    this.status = status;
    this.render = render;
    this.debounceMs = debounceMs;
    this.onResult = onResult;
    this.timer = 0;
    this.sequence = 0;
    this.controller = null;
    this.lastShown = null;
    // Resolved once the frame holds the skeleton below (not the initial about:blank, whose
    // load event some browsers fire late).
    this.ready = new Promise((resolve) => {
      const loaded = () => {
        if (frame.contentDocument?.URL !== "about:srcdoc") return;
        frame.removeEventListener("load", loaded);
        resolve();
      };
      frame.addEventListener("load", loaded);
    });
    const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeAttr(href)}">`);
    frame.srcdoc = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">${links.join("")}` +
      "</head><body></body></html>";
  }

  /** Update after a pause in typing; ``read`` gives the form's value at that moment. */
  schedule(read) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(read()), this.debounceMs);
  }

  /** Update now (a file or a fixture was just loaded); ``force`` even if nothing changed. */
  async update(value, force = false) {
    clearTimeout(this.timer);
    const body = JSON.stringify(value);
    if (!force && body === this.lastShown) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const mine = ++this.sequence;
    this.frame.setAttribute("aria-busy", "true");
    this.status.textContent = "Đang cập nhật bản xem trước…";
    try {
      const html = await this.render(value, controller.signal);
      if (mine !== this.sequence) return;
      await this.show(html);
      this.lastShown = body;
      this.status.textContent = `Đã cập nhật lúc ${clock()}.`;
      this.onResult({ ok: true });
    } catch (error) {
      if (error.name === "AbortError" || mine !== this.sequence) return;
      this.lastShown = null;
      this.status.textContent = error.status === 422 ?
        "Chưa cập nhật: dữ liệu còn lỗi (xem các ô được đánh dấu)." :
        "Chưa cập nhật được bản xem trước.";
      this.onResult({ error });
    } finally {
      if (mine === this.sequence) this.frame.removeAttribute("aria-busy");
    }
  }

  /** Put the document's markup into the frame, keeping the reader's scroll position. */
  async show(html) {
    await this.ready;
    // Column widths come as style="width: …mm". The frame inherits this page's strict CSP,
    // which refuses style attributes met by an HTML parser (DOMParser included) but not styles
    // set through the CSSOM. So the attributes are renamed before parsing and applied after.
    // The service's templates escape every quote in text and attribute values (&#34;), so
    // ` style="` can only be the start of a real style attribute.
    const safe = html.replace(/ style="([^"]*)"/g, " data-preview-style=\"$1\"");
    const parsed = new DOMParser().parseFromString(safe, "text/html");
    const content = parsed.querySelector(".vanban") || parsed.body;
    content.querySelectorAll("script, iframe, object, embed, link, meta, base, style")
      .forEach((el) => el.remove());
    const doc = this.frame.contentDocument;
    const copy = doc.importNode(content, true);
    for (const el of copy.querySelectorAll("[data-preview-style]")) {
      el.style.cssText = el.dataset.previewStyle;
      delete el.dataset.previewStyle;
    }
    doc.body.replaceChildren(copy);
    this.smallest = smallestText(copy);
    this.applyZoom();
  }

  /** Set the zoom: a factor, or "fit" (the sheet as wide as the frame, at most 125%). */
  setZoom(zoom) {
    this.zoom = zoom;
    this.applyZoom();
  }

  /** Return the zoom in effect, as a factor. */
  factor() {
    if (this.zoom && this.zoom !== "fit") return Number(this.zoom);
    // The sheet is 210 mm wide (document.css); measuring it inside the frame would force a
    // layout there before its stylesheets are in.
    const room = this.frame.clientWidth - 30;  // the body's padding and a scroll bar
    const fit = Math.floor((room / SHEET_PX) * 100) / 100;
    // ... but not so small that the smallest text (a table's 10 pt) drops under MIN_TEXT_PX.
    const legible = this.smallest ? Math.ceil((MIN_TEXT_PX / this.smallest) * 100) / 100 : 0;
    return Math.max(0.4, legible, Math.min(1.25, fit));
  }

  applyZoom() {
    const sheet = this.frame.contentDocument?.querySelector(".vanban");
    const factor = this.factor();
    if (sheet) sheet.style.zoom = String(factor);
    this.frame.dataset.zoom = String(factor);
  }

  /** Scroll the preview to the first passage showing ``text``, and mark it for a moment. */
  follow(text) {
    const needle = text.replace(/\s+/g, " ").trim().slice(0, 60);
    const doc = this.frame.contentDocument;
    if (needle.length < 3 || !doc?.body) return false;
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const block = node.parentElement.closest("p, td, th, li, div, h1, h2, h3");
      if (!block || !block.textContent.replace(/\s+/g, " ").includes(needle)) continue;
      doc.querySelectorAll(".preview-focus").forEach((el) => el.classList.remove("preview-focus"));
      block.classList.add("preview-focus");
      block.scrollIntoView({ block: "center" });
      clearTimeout(this.focusTimer);
      this.focusTimer = setTimeout(() => block.classList.remove("preview-focus"), 2500);
      return true;
    }
    return false;
  }
}

/** Return the smallest font size (CSS px at 100 %) of the text in ``sheet``, or 0 if none. */
function smallestText(sheet) {
  const view = sheet.ownerDocument.defaultView;
  let smallest = 0;
  for (const el of sheet.querySelectorAll("p, td, th, li, span, div")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const px = parseFloat(view.getComputedStyle(el).fontSize);
    if (px > 0 && (!smallest || px < smallest)) smallest = px;
  }
  return smallest;
}
