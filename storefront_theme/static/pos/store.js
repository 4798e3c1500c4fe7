/* IndexedDB for the POS: the register catalogue and the queue of sales waiting to sync. */
(function () {
  let dbPromise = null;
  function open() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const req = indexedDB.open("ocop-pos", 1);
        req.onupgradeneeded = () => {
          const db = req.result;
          db.createObjectStore("catalogue");
          db.createObjectStore("queue", { keyPath: "client_uuid" });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return dbPromise;
  }
  function run(store, mode, fn) {
    return open().then((db) => new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const result = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    }));
  }
  window.PosStore = {
    saveCatalogue: (registerId, data) => run("catalogue", "readwrite", (s) => s.put(data, registerId)),
    loadCatalogue: (registerId) => run("catalogue", "readonly", (s) => s.get(registerId)),
    enqueue: (sale) => run("queue", "readwrite", (s) => s.put(sale)),
    queued: () => run("queue", "readonly", (s) => s.getAll()),
    dequeue: (ids) => run("queue", "readwrite", (s) => { ids.forEach((id) => s.delete(id)); }),
    count: () => run("queue", "readonly", (s) => s.count()),
  };
})();
