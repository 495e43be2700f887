// The verifier's service worker: keeps the page, its scripts and the lists, so a check works offline.
const CACHE = "herzen-verifier-v1";
const ASSETS = {{ assets|safe }};
const PAGE = "{% url 'web:verifier' %}";
const LISTS = ["{% url 'web:trust-list' %}", "{% url 'web:status-list' 'revocation' %}", "{% url 'web:status-list' 'suspension' %}"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([PAGE, ...ASSETS, ...LISTS])).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (ASSETS.includes(path)) {
    event.respondWith(caches.match(path).then((hit) => hit || fetch(event.request)));
  } else if (path === PAGE || LISTS.includes(path)) {
    // Network first (fresh lists when online), the last copy when offline. Keyed without the query string.
    event.respondWith(
      fetch(event.request).then((response) => {
        if (response.ok) { const copy = response.clone(); caches.open(CACHE).then((cache) => cache.put(path, copy)); }
        return response;
      }).catch(() => caches.match(path).then((hit) => hit || Response.error()))
    );
  }
});
