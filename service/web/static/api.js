// The service's HTTP API as the page uses it. Every failure becomes an ApiError carrying the
// service's error shape {code, status, message, errors}; a cancelled request stays an AbortError.

const TOKEN_KEY = "vanban-token";

export class ApiError extends Error {
  constructor(body) {
    super(body.message);
    this.name = "ApiError";
    this.code = body.code;
    this.status = body.status;
    this.errors = body.errors || {};
  }
}

/** Remember the API token for this browser tab (only needed when the service asks for one). */
export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The headers of an API request: the tab's token when it has one, JSON when ``json``. */
export function headers(json) {
  const out = { Accept: "application/json, */*" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) out.Authorization = `Bearer ${token}`;
  if (json) out["Content-Type"] = "application/json";
  return out;
}

/** The ApiError a failed Response stands for (the service's error shape, or a generic one). */
export async function failure(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!body || typeof body.message !== "string") {
    body = { code: "http_error", message: `Máy chủ báo lỗi ${response.status}.`, errors: {} };
  }
  return new ApiError({ ...body, status: response.status });
}

/** Send a request; resolve with the Response when it succeeded, else reject with an ApiError. */
export async function request(url, { method = "GET", json, signal } = {}) {
  let response;
  try {
    response = await fetch(url, {
      method, signal, headers: headers(json !== undefined), credentials: "same-origin",
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError({ code: "network", status: 0, errors: {},
      message: "Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại." });
  }
  if (!response.ok) throw await failure(response);
  return response;
}

/** POST a file as multipart field "file"; resolve with the Response, else reject. */
export async function upload(url, file) {
  const body = new FormData();
  body.append("file", file, file.name);
  const out = headers(false);
  let response;
  try {
    response = await fetch(url, { method: "POST", body, headers: out, credentials: "same-origin" });
  } catch {
    throw new ApiError({ code: "network", status: 0, errors: {},
      message: "Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại." });
  }
  if (!response.ok) throw await failure(response);
  return response;
}

/** GET a JSON document. */
export async function getJson(url, signal) {
  return (await request(url, { signal })).json();
}

/** Return the file name of a Content-Disposition header (RFC 6266: filename* first). */
export function filenameFrom(disposition, fallback) {
  const header = disposition || "";
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) || /filename\s*=\s*([^;\s]+)/i.exec(header);
  return plain ? plain[1] : fallback;
}
