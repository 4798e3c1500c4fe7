/* OCOP POS service worker (scope /pos/): the app shell and its assets work offline.
   Pages: network first, cached copy when offline. Static assets: cache first.
   The API (/graphql/) and the catalogue are never cached here: the app keeps them in IndexedDB. */
const CACHE = "ocop-pos-v3";
const SHELL = [
  "/pos/",
  "/pos/manifest.webmanifest",
  "/static/pos/pos.css",
  "/static/pos/app.js",
  "/static/pos/store.js",
  "/static/pos/vietqr.js",
  "/static/pos/icon-192.png",
  "/static/pos/icon-512.png",
  "/static/pos/vendor/zxing-library-0.21.3.min.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === "navigate" && url.pathname === "/pos/") {
    event.respondWith(
      fetch(req).then((resp) => {
        if (resp.ok && !resp.redirected) {
          const copy = resp.clone();
          caches.open(CACHE).then((c) => c.put("/pos/", copy));
        }
        return resp;
      }).catch(() => caches.match("/pos/"))
    );
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(req)));
  }
});
