// The studio server's JSON API (web/studio talks to nothing else). Every request carries the
// access token in a header, which the server requires for /api/ so other sites cannot call it.
export function tokenFromPage(location, storage) {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    storage.setItem('kapsim_token', fromUrl);
    return fromUrl;
  }
  return storage.getItem('kapsim_token') || '';
}

export class ApiError extends Error {
  constructor(status, message, hint) {
    super(message);
    this.status = status;
    this.hint = hint;
  }
}

// The server's JSON answer, or its error as an ApiError.
async function answerOf(response) {
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, (data && data.error) || response.statusText, data && data.hint);
  return data;
}

export function studioApi(token) {
  async function request(method, url, body) {
    const headers = { 'X-Kapsim-Token': token };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return answerOf(await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  }
  const q = encodeURIComponent;
  return {
    info: () => request('GET', '/api/info'),
    schema: () => request('GET', '/api/schema'),
    scenarios: () => request('GET', '/api/scenarios'),
    file: (path) => request('GET', `/api/file?path=${q(path)}`),
    template: (name, lang) => request('GET', `/api/template?name=${q(name)}&lang=${q(lang)}`),
    // `from`: the file the text was opened from, whose `extends:` bases come along when missing.
    save: (path, text, from) => request('PUT', '/api/file', from ? { path, text, from } : { path, text }),
    // The check's messages come in `lang` (sv or en) under message and hint, and in both under message_sv, message_en, …
    check: (text, path, lang) => request('POST', '/api/check', path ? { text, path, lang } : { text, lang }),
    startRun: (body) => request('POST', '/api/runs', body),
    run: (id) => request('GET', `/api/runs/${q(id)}`),
    cancelRun: (id) => request('DELETE', `/api/runs/${q(id)}`),
    // kapsim fit on an export (CSV or XLSX), sent as a form with the file in the field 'data'.
    async fit(file) {
      const form = new FormData();
      form.append('data', file, file.name);
      return answerOf(await fetch('/api/fit', { method: 'POST', headers: { 'X-Kapsim-Token': token }, body: form }));
    },
    fileUrl: (id, name, inline) => `/api/runs/${q(id)}/files/${q(name)}${inline ? '?inline=1' : ''}`,
    // A run's file as a Blob (downloads go through fetch, so they carry the token header).
    async runFile(id, name, inline) {
      const response = await fetch(this.fileUrl(id, name, inline), { headers: { 'X-Kapsim-Token': token } });
      if (!response.ok) throw new ApiError(response.status, `${name}: ${response.status}`);
      return response.blob();
    },
  };
}
