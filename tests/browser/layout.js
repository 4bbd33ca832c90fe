// What a clerk sees of the editor, measured in the page (shared by the Chromium and Firefox
// tests): every text control of the form (collapsed parts opened first), whether any visible
// part of it lies over the preview, how wide it is, and how large the preview's smallest
// text is on screen at the zoom in effect.
(() => {
  document.querySelectorAll("#document-form details").forEach((d) => { d.open = true; });
  document.querySelectorAll("#document-form fieldset.collapsed > .collapse-toggle")
    .forEach((b) => b.click());
  const preview = document.querySelector(".preview").getBoundingClientRect();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    let left = r.left;
    let right = r.right;
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") {
        const c = a.getBoundingClientRect();
        left = Math.max(left, c.left);
        right = Math.min(right, c.right);
      }
    }
    return { left, right };
  };
  const controls = [...document.querySelectorAll(
    "#document-form input, #document-form select, #document-form textarea")]
    .filter((el) => !["checkbox", "radio", "hidden", "file"].includes(el.type) &&
      el.getClientRects().length);
  const where = (el) => el.closest("[data-path]")?.dataset.path ?? el.id;
  const overlapping = [];
  const narrow = [];
  for (const el of controls) {
    const v = visible(el);
    if (v.right > v.left && v.right > preview.left + 1 && v.left < preview.right) {
      overlapping.push(where(el));
    }
    const width = el.getBoundingClientRect().width;
    if (width < 120) narrow.push(`${where(el)}: ${Math.round(width)} px`);
  }
  const doc = document.getElementById("preview-frame").contentDocument;
  const sheet = doc.querySelector(".vanban");
  let smallest = null;
  if (sheet) {
    // The sheet is 210 mm wide on screen at 100 %: its drawn width gives the zoom in effect.
    const scale = sheet.getBoundingClientRect().width / (210 * 96 / 25.4);
    for (const el of sheet.querySelectorAll("p, td, th, li, span, div")) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.getClientRects().length) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (smallest === null || px < smallest) smallest = px;
    }
  }
  // What the page says, values typed in the form aside (innerText leaves them out).
  const said = [...document.querySelectorAll("[aria-label], [title], [placeholder]")]
    .map((el) => ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a) || "")
      .join(" "));
  return { text: `${document.body.innerText} ${said.join(" ")}`, controls: controls.length, overlapping, narrow, smallestText: smallest,
    pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth };
})()
