// Fetch helpers for the public API and the review API (same origin).

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(url, init = {}) {
  let res;
  try {
    res = await fetch(url, { ...init, headers: { accept: "application/json", ...(init.headers ?? {}) } });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached.");
  }
  if (!res.ok) {
    let code = `http_${res.status}`;
    let message = `The server answered ${res.status}.`;
    try {
      const body = await res.json();
      if (body && body.error) {
        code = String(body.error.code ?? code);
        message = `${message} ${String(body.error.message ?? "")}`.trim();
      }
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, code, message);
  }
  return res.json();
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

const enc = encodeURIComponent;

export const api = {
  sets: (cursor) => request(`/api/sets${query({ cursor })}`),
  set: (setId) => request(`/api/sets/${enc(setId)}`),
  transcript: (id) => request(`/api/transcripts/${enc(id)}`),
  search: (params) => request(`/api/search${query(params)}`),
};

function auth(token) {
  return { authorization: `Bearer ${token}` };
}

export const reviewApi = {
  list: (token, params) => request(`/review/transcripts${query(params)}`, { headers: auth(token) }),
  get: (token, id) => request(`/review/transcripts/${enc(id)}`, { headers: auth(token) }),
  decide: (token, id, decision, reason) =>
    request(`/review/transcripts/${enc(id)}/decision`, {
      method: "POST",
      headers: { ...auth(token), "content-type": "application/json" },
      body: JSON.stringify({ decision, reason }),
    }),
};
