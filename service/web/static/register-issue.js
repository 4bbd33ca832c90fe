// The editor's "Ban hành" action: send the draft to POST /api/v1/register, which gives it the
// next number of its series, registers it and returns the PDF. One Idempotency-Key per draft
// until it succeeds, so a retry after a lost answer gets the same number, never a second one.
import { ApiError, failure, filenameFrom, headers as apiHeaders } from "./api.js";
import { saveBlob } from "./dom.js";

let pending = null; // {text, key}: the draft being issued and its key

function keyFor(value) {
  const text = JSON.stringify(value);
  if (!pending || pending.text !== text) pending = { text, key: crypto.randomUUID() };
  return pending.key;
}

/** Issue ``value``; report through ``status`` and hand failures to ``handle``. */
export async function issueDocument(value, button, { url, registerPage, status, handle }) {
  if (!window.confirm("Ban hành văn bản này? Hệ thống sẽ cấp số tiếp theo của sổ văn bản đi; "
      + "số đã cấp không bao giờ được cấp lại.")) return;
  button.disabled = true;
  status("Đang ban hành…");
  const headers = { ...apiHeaders(true), "Idempotency-Key": keyFor(value) };
  try {
    let response;
    try {
      response = await fetch(`${url}?format=pdf`, {
        method: "POST", headers, body: JSON.stringify(value), credentials: "same-origin" });
    } catch {
      throw new ApiError({ code: "network", status: 0, errors: {},
        message: "Không kết nối được với máy chủ; bấm Ban hành lại: văn bản sẽ giữ nguyên số." });
    }
    if (!response.ok) throw await failure(response);
    const name = filenameFrom(response.headers.get("Content-Disposition"), "van-ban.pdf");
    saveBlob(await response.blob(), name);
    const entry = await (await fetch(response.headers.get("Location"),
      { headers: apiHeaders(false) })).json();
    pending = null;
    status(`Đã ban hành số ${entry.reference} ngày ${entry.issued}; đã tải “${name}”. `
      + `Xem sổ văn bản đi: ${registerPage}`);
  } catch (error) {
    status("Chưa ban hành được.");
    handle(error, () => issueDocument(value, button, { url, registerPage, status, handle }));
  } finally {
    button.disabled = false;
  }
}
