// Herzen's public verifier: reads a seal (QR or text), checks it against the operator-signed trust list and the
// W3C status lists, all on this device. The same checks, in the same order, as herzen.domain.seals.verify and
// docs/reference_verifier.py. Every size is bounded before anything is parsed.
(function () {
  "use strict";
  const root = document.getElementById("verifier");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const messages = {};
  for (const el of $("messages").content.querySelectorAll("[data-key]")) messages[el.dataset.key] = el.textContent;
  const language = root.dataset.language;
  const PREFIX = "HZ1:";
  const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  const ES256 = -7, HERZEN_CLAIM = -65537, LIST_SIZE = 131072;
  let trust = null, revoked = null, suspended = null, current = null;

  class NotASeal extends Error {}

  function b64url(text) {
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }
  function base45(text) {
    if (text.length > 1200 || text.length % 3 === 1) throw new NotASeal("length");
    const out = [];
    for (let i = 0; i < text.length; i += 3) {
      const group = text.slice(i, i + 3).split("").map((c) => { const v = ALPHABET.indexOf(c); if (v < 0) throw new NotASeal("alphabet"); return v; });
      const n = group.reduce((sum, v, k) => sum + v * 45 ** k, 0);
      if (group.length === 3) { if (n > 0xffff) throw new NotASeal("range"); out.push(n >> 8, n & 0xff); }
      else { if (n > 0xff) throw new NotASeal("range"); out.push(n); }
    }
    return new Uint8Array(out);
  }
  async function inflate(bytes, format, limit) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
    const reader = stream.getReader(); const chunks = []; let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length; if (size > limit) { reader.cancel(); throw new NotASeal("inflated size"); }
        chunks.push(value);
      }
    } catch (error) { throw error instanceof NotASeal ? error : new NotASeal("inflate"); }
    const out = new Uint8Array(size); let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }
  // A small CBOR decoder: definite lengths only, depth ≤ 4, what a Herzen seal uses and nothing more.
  function cbor(bytes) {
    let at = 0;
    const need = (n) => { if (at + n > bytes.length) throw new NotASeal("truncated"); };
    function length(info) {
      if (info < 24) return info;
      const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info]; if (!size) throw new NotASeal("length");
      need(size); let n = 0; for (let i = 0; i < size; i++) n = n * 256 + bytes[at++];
      return n;
    }
    function item(depth) {
      if (depth > 4) throw new NotASeal("depth");
      need(1); const head = bytes[at++], major = head >> 5, n = length(head & 31);
      if (major === 0) return n;
      if (major === 1) return -1 - n;
      if (major === 2 || major === 3) { need(n); const raw = bytes.slice(at, at + n); at += n; return major === 2 ? raw : new TextDecoder("utf-8", { fatal: true }).decode(raw); }
      if (major === 4) { if (n > 16) throw new NotASeal("array"); const list = []; for (let i = 0; i < n; i++) list.push(item(depth + 1)); return list; }
      if (major === 5) { if (n > 16) throw new NotASeal("map"); const map = new Map(); for (let i = 0; i < n; i++) { const k = item(depth + 1); if (map.has(k)) throw new NotASeal("duplicate"); map.set(k, item(depth + 1)); } return map; }
      if (major === 6) return { tag: n, value: item(depth + 1) };
      throw new NotASeal("type");
    }
    const value = item(0);
    if (at !== bytes.length) throw new NotASeal("trailing");
    return value;
  }
  function bstrHead(n) { return n < 24 ? [0x40 + n] : n < 256 ? [0x58, n] : [0x59, n >> 8, n & 0xff]; }
  function sigStructure(protectedBytes, payload) {
    const label = new TextEncoder().encode("Signature1");
    return new Uint8Array([0x84, 0x60 + label.length, ...label, ...bstrHead(protectedBytes.length), ...protectedBytes, 0x40, ...bstrHead(payload.length), ...payload]);
  }
  const isBytes = (v, n) => v instanceof Uint8Array && (n === undefined || v.length === n);
  const isInt = (v) => Number.isInteger(v);

  async function parse(text) {
    text = text.trim();
    if (!text.startsWith(PREFIX) || text.length > 1200) throw new NotASeal("prefix");
    const compressed = base45(text.slice(PREFIX.length));
    if (compressed.length > 800) throw new NotASeal("size");
    const cose = cbor(await inflate(compressed, "deflate", 1024));
    if (!cose || cose.tag !== 18 || !Array.isArray(cose.value) || cose.value.length !== 4) throw new NotASeal("cose");
    const [protectedBytes, unprotected, payload, signature] = cose.value;
    if (!isBytes(protectedBytes) || !(unprotected instanceof Map) || !isBytes(payload) || !isBytes(signature, 64)) throw new NotASeal("cose parts");
    const header = cbor(protectedBytes), claims = cbor(payload);
    if (!(header instanceof Map) || !(claims instanceof Map)) throw new NotASeal("maps");
    const herzen = claims.get(HERZEN_CLAIM);
    const kid = header.get(4), alg = header.get(1);
    if (!isBytes(kid, 8) || alg !== ES256 || !(herzen instanceof Map)) throw new NotASeal("header");
    const seal = {
      kid, signature, signed: sigStructure(protectedBytes, payload),
      id: claims.get(7), issuedAt: claims.get(6), expiresAt: claims.get(4),
      type: herzen.get(1), index: herzen.get(2), salt: herzen.get(3), holderHash: herzen.get(4),
    };
    if (!isBytes(seal.id, 16) || !isInt(seal.issuedAt) || !isInt(seal.expiresAt) || typeof seal.type !== "string" ||
        !isInt(seal.index) || seal.index < 0 || seal.index >= LIST_SIZE || !isBytes(seal.salt, 8) || !isBytes(seal.holderHash, 16)) {
      throw new NotASeal("claims");
    }
    return seal;
  }
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  async function es256(spki, signature, data) {
    const key = await crypto.subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature, data);
  }
  async function loadTrust(signed) {
    const body = await operatorSigned(signed, "trust list");
    const issuers = new Map(body.issuers.map((issuer) => [issuer.kid, issuer]));
    return { issuers, types: body.document_types || {}, issuedAt: body.issued_at };
  }
  async function operatorSigned(signed, what) {
    // A trust list or a status list: a flattened JWS (ES256) by the operator's key, pinned in this page.
    const message = new TextEncoder().encode(signed.protected + "." + signed.payload);
    if (!(await es256(b64url(root.dataset.operatorKey), b64url(signed.signature), message))) throw new Error(what + " signature");
    return JSON.parse(new TextDecoder().decode(b64url(signed.payload)));
  }
  async function loadBits(signed, purpose) {
    const credential = await operatorSigned(signed, purpose + " list");
    if (credential.credentialSubject.statusPurpose !== purpose) throw new Error("status list purpose");
    const encoded = credential.credentialSubject.encodedList;
    if (!encoded.startsWith("u") || encoded.length > 200000) throw new Error("status list");
    const bits = await inflate(b64url(encoded.slice(1)), "gzip", 262144);
    if (bits.length * 8 < LIST_SIZE) throw new Error("status list size");
    return bits;
  }
  const bit = (bits, index) => index < bits.length * 8 && (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;

  async function loadLists() {
    try {
      const [t, r, s] = await Promise.all([root.dataset.trustList, root.dataset.revocation, root.dataset.suspension].map((url) => fetch(url, { cache: "no-store" }).then((res) => { if (!res.ok) throw new Error(url); return res.json(); })));
      // All three or none: a list whose signature fails is refused, and the lists in use stay as they were.
      const fresh = [await loadTrust(t), await loadBits(r, "revocation"), await loadBits(s, "suspension")];
      [trust, revoked, suspended] = fresh;
      $("lists-state").textContent = messages.lists_from + " " + new Date(trust.issuedAt).toLocaleString(language);
      $("lists-state").className = "hint";
    } catch (error) {
      const refused = String(error && error.message).endsWith("signature") || String(error && error.message).endsWith("purpose");
      $("lists-state").textContent = refused ? messages.lists_refused : trust ? $("lists-state").textContent : messages.no_lists;
      if (refused) $("lists-state").className = "hint verdict verdict--bad";
    }
  }

  // The full-data variant (ICAO VDS-NC JSON, herzen.domain.seals.vds_nc): the signature is over the RFC 8785
  // form of "data" (objects of strings and integers: keys sorted, no spaces), by a certificate on the trust list.
  function canonical(value) {
    if (typeof value === "string" || Number.isInteger(value)) return JSON.stringify(value);
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not canonical");
    return "{" + Object.keys(value).sort().map((key) => JSON.stringify(key) + ":" + canonical(value[key])).join(",") + "}";
  }
  const b64urlText = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  async function verifyFull(text) {
    let seal, signed, signature;
    try {
      if (text.length > 4000) throw new Error("too long");
      seal = JSON.parse(text);
      if (seal.data.hdr.t !== "icao.herzen" || seal.sig.alg !== "ES256" || typeof seal.sig.cer !== "string") throw new Error("header");
      signed = new TextEncoder().encode(canonical(seal.data));
      signature = b64url(seal.sig.sigvl);
    } catch (error) { return { outcome: "not_a_seal" }; }
    if (!trust) return { outcome: "no_lists" };
    const kid = b64urlText(new Uint8Array(await crypto.subtle.digest("SHA-256", b64url(seal.sig.cer))).slice(0, 8));
    const issuer = trust.issuers.get(kid);
    if (!issuer || issuer.certificate !== seal.sig.cer) return { outcome: "unknown_issuer" };
    let genuine = false;
    try { genuine = await es256(b64url(issuer.public_key), signature, signed); } catch (error) { genuine = false; }
    const data = seal.data.msg || {};
    if (!genuine || !issuer.document_types.includes(data.t) || !Number.isInteger(data.si) || !Number.isInteger(data.vu)) return { outcome: "forged", issuer };
    const full = { type: data.t, issuedAt: data.vf, expiresAt: data.vu, data };
    if (bit(revoked, data.si)) return { outcome: "revoked", seal: full, issuer };
    if (bit(suspended, data.si)) return { outcome: "suspended", seal: full, issuer };
    if (Date.now() / 1000 >= data.vu) return { outcome: "expired", seal: full, issuer };
    return { outcome: "valid", seal: full, issuer };
  }

  async function verify(text) {
    if (text.trim().startsWith("{")) return verifyFull(text.trim());
    let seal;
    try { seal = await parse(text); } catch (error) { return { outcome: "not_a_seal" }; }
    const kid = btoa(String.fromCharCode(...seal.kid)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const issuer = trust && trust.issuers.get(kid);
    if (!issuer) return { outcome: trust ? "unknown_issuer" : "no_lists", seal };
    let genuine = false;
    try { genuine = await es256(b64url(issuer.public_key), seal.signature, seal.signed); } catch (error) { genuine = false; }
    if (!genuine || !issuer.document_types.includes(seal.type)) return { outcome: "forged", seal, issuer };
    if (bit(revoked, seal.index)) return { outcome: "revoked", seal, issuer };
    if (bit(suspended, seal.index)) return { outcome: "suspended", seal, issuer };
    if (Date.now() / 1000 >= seal.expiresAt) return { outcome: "expired", seal, issuer };
    return { outcome: "valid", seal, issuer };
  }

  function show(result) {
    current = result;
    $("result").hidden = false;
    const verdict = $("verdict");
    verdict.textContent = messages[result.outcome];
    verdict.dataset.outcome = result.outcome;
    verdict.className = "verdict verdict--" + (result.outcome === "valid" ? "good" : "bad");
    const known = result.issuer && result.seal;
    const full = Boolean(known && result.seal.data);
    $("seal-facts").hidden = !known;
    $("holder-form").hidden = !known || full;  // the full-data seal shows the holder's data itself
    $("full-data").hidden = !full;
    if (full) {
      $("full-name").textContent = result.seal.data.nam || "—";
      $("full-birth").textContent = result.seal.data.dob || "—";
      $("full-number").textContent = result.seal.data.uvci || "—";
    }
    $("holder-result").textContent = "";
    if (known) {
      const names = trust.types[result.seal.type] || {};
      $("fact-type").textContent = names[language] || names.en || result.seal.type;
      $("fact-issuer").textContent = result.issuer.organisation + " (" + result.issuer.country + ")";
      const date = (s) => new Date(s * 1000).toLocaleDateString(language, { year: "numeric", month: "long", day: "numeric" });
      $("fact-from").textContent = date(result.seal.issuedAt);
      $("fact-until").textContent = date(result.seal.expiresAt);
    }
    $("result").scrollIntoView({ block: "start" });
  }
  let lastText = "";
  async function check(text) { lastText = text; show(await verify(text)); }

  // The same normalisation as herzen.domain.seals.holder: ICAO Cyrillic to Latin, A-Z only, words sorted.
  const ICAO = { А: "A", Б: "B", В: "V", Г: "G", Д: "D", Е: "E", Ё: "E", Ж: "ZH", З: "Z", И: "I", Й: "I", К: "K", Л: "L", М: "M", Н: "N", О: "O", П: "P", Р: "R", С: "S", Т: "T", У: "U", Ф: "F", Х: "KH", Ц: "TS", Ч: "CH", Ш: "SH", Щ: "SHCH", Ъ: "IE", Ы: "Y", Ь: "", Э: "E", Ю: "IU", Я: "IA" };
  function normalise(name) {
    return name.toUpperCase().split(/\s+/).map((word) => Array.from(word, (c) => (c in ICAO ? ICAO[c] : c)).join("").normalize("NFKD").replace(/[^A-Z]/g, "")).filter(Boolean).sort().join(" ");
  }
  $("holder-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!current || !current.seal) return;
    const text = new TextEncoder().encode(normalise($("holder-name").value) + "|" + $("holder-birth").value);
    const message = new Uint8Array([...current.seal.salt, ...text]);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", message)).slice(0, 16);
    const match = hex(digest) === hex(current.seal.holderHash);
    $("holder-result").textContent = match ? messages.holder_match : messages.holder_mismatch;
    $("holder-result").dataset.match = String(match);
  });

  function readImage(source, width, height) {
    const canvas = document.createElement("canvas");
    canvas.width = width; canvas.height = height;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(source, 0, 0, width, height);
    const data = context.getImageData(0, 0, width, height);
    return window.jsQR(data.data, width, height, { inversionAttempts: "attemptBoth" });
  }
  $("scan-file").addEventListener("change", async () => {
    const file = $("scan-file").files[0];
    if (!file) return;
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const found = readImage(bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
    $("scan-file").value = "";
    if (found) { $("seal-text").value = found.data; await check(found.data); }
    else { show({ outcome: "not_a_seal" }); $("verdict").textContent = messages.no_qr; }
  });
  $("scan-camera").addEventListener("click", async () => {
    const video = $("scan-video");
    let stream;
    try { stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }); }
    catch (error) { $("lists-state").textContent = messages.no_camera; return; }
    video.srcObject = stream; video.hidden = false; await video.play();
    const tick = async () => {
      if (video.readyState >= 2) {
        const found = readImage(video, video.videoWidth, video.videoHeight);
        if (found) { stream.getTracks().forEach((t) => t.stop()); video.hidden = true; $("seal-text").value = found.data; await check(found.data); return; }
      }
      requestAnimationFrame(tick);
    };
    tick();
  });
  $("check-text").addEventListener("click", () => check($("seal-text").value));
  $("refresh-lists").addEventListener("click", async () => { await loadLists(); if (lastText) await check(lastText); });

  if ("serviceWorker" in navigator) navigator.serviceWorker.register(root.dataset.worker).catch(() => {});
  loadLists().then(() => { root.dataset.ready = "true"; });
})();
