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
  }
}
