/* OCOP POS app: shifts, scanning, cart, split payments, offline queue synced through GraphQL. */
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const DENOMS = [500000, 200000, 100000, 50000, 20000, 10000, 5000, 2000, 1000];
  const CONFIG = JSON.parse($("#pos-config").textContent);
  // Translated texts rendered by the app shell template, keyed by the Vietnamese source text.
  const LABELS = $("#pos-labels") ? JSON.parse($("#pos-labels").textContent) : {};
  const t = (msg, params) => (LABELS[msg] || msg).replace(/%\((\w+)\)s/g, (m, k) => (params && k in params ? params[k] : m));
  const STATE_KEY = "ocop-pos-state";
  const state = Object.assign({ register: null, shift: null }, JSON.parse(localStorage.getItem(STATE_KEY) || "{}"));
  let catalogue = { items: [], blocked: [] };
  let cart = [];
  let syncing = false;
  let returnReceipt = null;
  let scanTarget = "sale";

  // Money as Vietnamese write it: 185.000 ₫ (dots between thousands), in labels and in the amount inputs.
  const groups = (n) => String(Math.abs(Math.round(n) || 0)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const vnd = (n) => ((Math.round(n) || 0) < 0 ? "-" : "") + groups(n) + " ₫";
  const setMoney = (sel, n) => { $(sel).value = groups(n); };
  const QUICK_CASH_STEPS = [10000, 50000, 100000, 500000];
  const fold = (s) => (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  const gid = (type, pk) => btoa(type + ":" + pk);
  const saveState = () => localStorage.setItem(STATE_KEY, JSON.stringify({ register: state.register, shift: state.shift }));

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function say(text, ok) {
    const m = $("#message");
    m.textContent = text; m.hidden = !text; m.classList.toggle("ok", !!ok);
  }

  function show(id) {
    document.querySelectorAll(".screen").forEach((s) => { s.hidden = s.id !== id; });
    if (id === "screen-sale") setTimeout(() => $("#scan-input").focus(), 0);
  }

  function csrf() {
    const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    const input = document.querySelector("#csrf input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function gql(query, variables) {
    const resp = await fetch("/graphql/", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify({ query, variables }),
    });
    const data = await resp.json();
    if (data.errors && data.errors.length) throw new Error(data.errors[0].message);
    return data.data;
  }

  const firstError = (errors) => (errors && errors.length ? errors[0].message : "");

  /* ---------- network status and the sync queue ---------- */
  async function refreshQueueCount() {
    const n = await PosStore.count();
    $("#queue-count").textContent = String(n);
    return n;
  }

  function renderNet() {
    const el = $("#net-status");
    el.textContent = navigator.onLine ? t("Trực tuyến") : t("Mất mạng – vẫn bán được");
    el.classList.toggle("offline", !navigator.onLine);
  }

  const SYNC = `mutation Sync($input: [PosSaleInput!]!) { posSaleSync(input: $input) {
    results { clientUuid status orderNumber orderToken receiptUrl change shortfalls { shortfall } errors { field code message } }
    errors { field code message } } }`;

  async function syncQueue() {
    if (syncing || !navigator.onLine) return {};
    syncing = true;
    const byUuid = {};
    try {
      const items = await PosStore.queued();
      for (let i = 0; i < items.length; i += 200) {
        const batch = items.slice(i, i + 200);
        const data = await gql(SYNC, { input: batch.map((s) => s.input) });
        const res = data.posSaleSync;
        if (res.errors.length) { say(firstError(res.errors)); break; }
        const done = [];
        for (const r of res.results) {
          byUuid[r.clientUuid] = r;
          if (r.status === "error") {
            const item = batch.find((s) => s.client_uuid === r.clientUuid);
            if (item) { item.error = firstError(r.errors); await PosStore.enqueue(item); }
            say(t("Đơn chưa đồng bộ được: %(e)s", { e: firstError(r.errors) }));
          } else {
            done.push(r.clientUuid);
          }
        }
        await PosStore.dequeue(done);
      }
    } catch (e) {
      /* network dropped: the queue is intact and is retried later */
    } finally {
      syncing = false;
      await refreshQueueCount();
    }
    return byUuid;
  }

  /* ---------- registers and shifts ---------- */
  const REGISTERS = `{ me { email } posRegisters { id name warehouseName catalogueUrl openShift { id pk status openingFloat } } }`;

  async function loadRegisters() {
    let data;
    try { data = await gql(REGISTERS); } catch (e) { return null; }
    if (!data.me) return false;
    const list = $("#register-list");
    list.innerHTML = "";
    data.posRegisters.forEach((reg) => {
      const card = document.createElement("div");
      card.className = "card";
      const title = document.createElement("h2");
      title.textContent = reg.name;
      if (!reg.name.includes(reg.warehouseName)) {
        const place = document.createElement("p");
        place.className = "muted-line"; place.textContent = reg.warehouseName;
        title.append(place);
      }
      const btn = document.createElement("button");
      btn.type = "button"; btn.className = "big-btn";
      btn.textContent = reg.openShift ? t("Tiếp tục ca đang mở") : t("Mở ca");
      btn.addEventListener("click", () => reg.openShift ? useShift(reg, reg.openShift) : askOpen(reg, card));
      card.append(title, btn);
      list.append(card);
    });
    if (!data.posRegisters.length) list.textContent = t("Bạn chưa được phân công quầy nào.");
    return true;
  }

  function buildDenoms() {
    document.querySelectorAll(".denoms").forEach((box) => {
      const prefix = box.dataset.prefix;
      DENOMS.forEach((d) => {
        const wrap = document.createElement("div");
        const id = `${prefix}-d-${d}`;
        wrap.innerHTML = `<label for="${id}">${vnd(d)} × </label><input id="${id}" data-denom="${d}" type="number" inputmode="numeric" min="0" value="0">`;
        box.append(wrap);
      });
      box.addEventListener("input", () => { $(`#${prefix}-total`).textContent = vnd(countTotal(prefix)); });
    });
  }
  const counts = (prefix) => DENOMS.map((d) => ({ denomination: d, count: parseInt($(`#${prefix}-d-${d}`).value || "0", 10) || 0 }));
  const countTotal = (prefix) => counts(prefix).reduce((s, c) => s + c.denomination * c.count, 0);

  let openingRegister = null;
  function askOpen(reg, card) {
    openingRegister = reg;
    $("#open-register-name").textContent = reg.name;
    const form = $("#open-form");
    // Right under the chosen register, scrolled into view: on a phone it used to open far below the list.
    if (card) card.after(form);
    form.hidden = false;
    form.scrollIntoView({ block: "start" });
    const first = form.querySelector("input");
    if (first) first.focus({ preventScroll: true });
  }

  $("#open-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = await gql(`mutation Open($r: ID!, $c: [DenominationCount!]) { posShiftOpen(registerId: $r, counts: $c) {
      shift { id pk status openingFloat } deviceToken errors { field code message } } }`, { r: openingRegister.id, c: counts("open") });
    const res = data.posShiftOpen;
    if (res.errors.length) return say(firstError(res.errors));
    say(t("Đã mở ca."), true);
    await useShift(openingRegister, Object.assign({}, res.shift, { deviceToken: res.deviceToken }));
  });

  async function useShift(reg, shift) {
    state.register = { id: reg.id, name: reg.name, warehouseName: reg.warehouseName, catalogueUrl: reg.catalogueUrl };
    // the device token comes only from opening the shift on this device; keep it when resuming here
    const token = shift.deviceToken || (state.shift && state.shift.id === shift.id ? state.shift.deviceToken : null);
    state.shift = Object.assign({}, shift, { deviceToken: token });
    saveState();
    await loadCatalogue();
    startSale();
  }

  async function loadCatalogue() {
    const reg = state.register;
    $("#register-name").textContent = reg.name;
    $("#register-name").title = `${reg.name} · ${reg.warehouseName}`;
    if (navigator.onLine) {
      try {
        const resp = await fetch(reg.catalogueUrl, { credentials: "same-origin" });
        if (resp.ok) { catalogue = await resp.json(); await PosStore.saveCatalogue(reg.id, catalogue); return; }
      } catch (e) { /* fall back to the cached copy */ }
    }
    catalogue = (await PosStore.loadCatalogue(reg.id)) || { items: [], blocked: [] };
  }

  /* ---------- lookup: scanner, SKU, name without diacritics, GS1 Digital Link ---------- */
  function gtinFromCode(code) {
    const m = code.match(/\/01\/(\d{14})(?:\/|$|\?)/);
    if (m) return m[1].startsWith("0") ? m[1].slice(1) : m[1];
    if (/^\d{14}$/.test(code) && code.startsWith("0")) return code.slice(1);
    if (/^\d{8,13}$/.test(code)) return code;
    return null;
  }

  async function resolveCode(raw) {
    const code = (raw || "").trim();
    if (!code) return;
    const receipt = code.match(/\/pos\/hoa-don\/([0-9a-f-]{36})/i);
    if (receipt || scanTarget === "return") { show("screen-return"); $("#return-code").value = code; return findReceipt(code); }
    const gtin = gtinFromCode(code);
    const stamp = /\/01\/\d{14}.*\/21\/[^/?#]+/.test(code) ? code : null;
    if (stamp && cart.some((l) => l.stamps.includes(stamp))) return say(t("Tem này đã được quét trong đơn hiện tại."));
    if (stamp && navigator.onLine && state.register) {
      try {
        const regPk = atob(state.register.id).split(":")[1];
        const resp = await fetch(`/pos/quay/${regPk}/tra-cuu/?code=${encodeURIComponent(stamp)}`, { credentials: "same-origin" });
        const info = await resp.json();
        if (info.stamp) return say(info.reasons.join(" "));
      } catch (e) { /* offline: the server checks the stamp when the sale syncs */ }
    }
    const match = (list) => list.find((it) => (gtin && it.gtin === gtin) || it.sku.toLowerCase() === code.toLowerCase());
    const item = match(catalogue.items);
    if (item) { addToCart(item, stamp); say(""); return; }
    const blocked = match(catalogue.blocked);
    if (blocked) return say(t("Không thể bán “%(name)s”: %(why)s", { name: blocked.name, why: blocked.reasons.join(" ") }));
    if (navigator.onLine && state.register) {
      try {
        const regPk = atob(state.register.id).split(":")[1];
        const resp = await fetch(`/pos/quay/${regPk}/tra-cuu/?code=${encodeURIComponent(gtin || code)}`, { credentials: "same-origin" });
        const info = await resp.json();
        if (info.found && !info.sellable) return say(t("Không thể bán “%(name)s”: %(why)s", { name: info.name, why: info.reasons.join(" ") }));
        if (info.found && info.sellable) { await loadCatalogue(); const again = match(catalogue.items); if (again) return addToCart(again); }
      } catch (e) { /* offline: fall through */ }
    }
    if (!/^\d+$/.test(code) && !gtin) return searchByName(code, true);
    say(t("Không tìm thấy sản phẩm với mã “%(code)s”.", { code }));
  }

  function searchByName(query, announce) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const ul = $("#search-results");
    ul.innerHTML = "";
    if (!words.length) return;
    const hits = catalogue.items.filter((it) => { const n = fold(it.name + " " + it.sku); return words.every((w) => n.includes(w)); }).slice(0, 12);
    hits.forEach((it) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.innerHTML = `<b></b> · ${vnd(it.price)}${it.discount ? ` <span class="old">${vnd(it.undiscounted)}</span> <span class="promo"></span>` : ""}`;
      b.querySelector("b").textContent = it.name;
      if (it.discount) b.querySelector(".promo").textContent = it.promotion;
      b.addEventListener("click", () => { addToCart(it); ul.innerHTML = ""; $("#scan-input").value = ""; $("#scan-input").focus(); });
      li.append(b); ul.append(li);
    });
    if (announce && !hits.length) say(t("Không tìm thấy sản phẩm “%(q)s”.", { q: query }));
  }

  /* ---------- cart ---------- */
  function addToCart(item, stamp) {
    let line = cart.find((l) => l.item.id === item.id);
    if (line) line.quantity += 1; else { line = { item, quantity: 1, stamps: [] }; cart.push(line); }
    if (stamp) line.stamps.push(stamp);
    renderCart();
  }
  const cartTotal = () => cart.reduce((s, l) => s + l.item.price * l.quantity, 0);

  function renderCart() {
    const ul = $("#cart");
    ul.innerHTML = "";
    cart.forEach((line, i) => {
      const li = document.createElement("li");
      li.innerHTML = `<div><b class="n"></b><br><span>${vnd(line.item.price)} · VAT ${line.item.vat_rate}%</span></div>
        <div class="qty"><button type="button" aria-label="${t("Bớt")}">−</button><span class="q" aria-live="polite">${line.quantity}</span><button type="button" aria-label="${t("Thêm")}">+</button></div>`;
      li.querySelector(".n").textContent = line.item.name;
      const [minus, plus] = li.querySelectorAll("button");
      minus.addEventListener("click", () => { line.quantity -= 1; if (line.quantity <= 0) cart.splice(i, 1); renderCart(); });
      plus.addEventListener("click", () => { line.quantity += 1; renderCart(); });
      ul.append(li);
    });
    $("#cart-total").textContent = vnd(cartTotal());
    $("#pay-button").disabled = !cart.length;
  }

  function startSale() {
    cart = []; renderCart();
    $("#search-results").innerHTML = "";
    $("#scan-input").value = "";
    scanTarget = "sale";
    show("screen-sale");
  }

  /* ---------- payment ---------- */
  const num = (sel) => parseInt(($(sel).value || "").replace(/\D/g, ""), 10) || 0;
  document.querySelectorAll("input.money").forEach((el) => el.addEventListener("input", () => {
    const digits = el.value.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
    el.value = digits ? groups(parseInt(digits, 10)) : "";
  }));
  function updateDue() {
    const total = cartTotal();
    const paid = num("#pay-cash") + num("#pay-vietqr") + num("#pay-card");
    $("#pay-due").textContent = vnd(Math.max(total - paid, 0));
    $("#pay-change").textContent = vnd(Math.max(paid - total, 0));
  }
  // Quick cash: the exact amount still due in cash, then the next 10.000 / 50.000 / 100.000 / 500.000.
  function quickCashAmounts(due) {
    if (due <= 0) return [];
    const out = [due];
    QUICK_CASH_STEPS.forEach((step) => { const a = Math.ceil(due / step) * step; if (!out.includes(a)) out.push(a); });
    return out.sort((a, b) => a - b);
  }
  function renderQuickCash() {
    const box = $("#quick-cash");
    box.innerHTML = "";
    const due = cartTotal() - num("#pay-vietqr") - num("#pay-card");
    quickCashAmounts(due).forEach((amount, i) => {
      const b = document.createElement("button");
      b.type = "button"; b.className = "chip"; b.dataset.amount = String(amount);
      b.textContent = i === 0 ? `${t("Vừa đủ")} ${vnd(amount)}` : vnd(amount);
      b.addEventListener("click", () => { setMoney("#pay-cash", amount); updateDue(); });
      box.append(b);
    });
  }
  ["#pay-cash", "#pay-vietqr", "#pay-card"].forEach((s) => $(s).addEventListener("input", () => {
    if (s === "#pay-vietqr") { $("#vietqr-box").hidden = true; $("#vietqr-confirmed").checked = false; }
    if (s !== "#pay-cash") renderQuickCash();
    updateDue();
  }));

  $("#vietqr-show").addEventListener("click", () => {
    const amount = num("#pay-vietqr");
    if (amount <= 0) return say(t("Nhập số tiền chuyển khoản trước khi hiện mã QR."));
    const payload = VietQR.payload({ bankBin: CONFIG.bankBin, account: CONFIG.account, amount, purpose: "OCOP POS" });
    const box = $("#vietqr-qr");
    box.innerHTML = "";
    box.dataset.payload = payload;
    $("#vietqr-amount").textContent = vnd(amount);
    if (window.ZXing && ZXing.BrowserQRCodeSvgWriter) box.append(new ZXing.BrowserQRCodeSvgWriter().write(payload, 240, 240));
    else box.textContent = payload;
    $("#vietqr-box").hidden = false;
  });

  $("#pay-button").addEventListener("click", () => {
    $("#pay-total").textContent = vnd(cartTotal());
    ["#pay-cash", "#pay-vietqr", "#pay-card"].forEach((s) => { $(s).value = "0"; });
    setMoney("#pay-cash", cartTotal());
    renderQuickCash();
    $("#pay-card-ref").value = ""; $("#pay-email").value = "";
    $("#vietqr-box").hidden = true; $("#vietqr-confirmed").checked = false;
    updateDue(); say(""); show("screen-pay");
  });
  $("#pay-cancel").addEventListener("click", () => show("screen-sale"));

  $("#pay-complete").addEventListener("click", async () => {
    const total = cartTotal();
    const cash = num("#pay-cash"), qr = num("#pay-vietqr"), card = num("#pay-card");
    if (qr + card > total) return say(t("Chuyển khoản và thẻ không được vượt quá tổng tiền."));
    if (cash + qr + card < total) return say(t("Thanh toán chưa đủ: thiếu %(d)s.", { d: vnd(total - cash - qr - card) }));
    if (qr && !$("#vietqr-confirmed").checked) return say(t("Hãy xác nhận đã nhận tiền chuyển khoản VietQR."));
    if (card && !$("#pay-card-ref").value.trim()) return say(t("Nhập mã giao dịch thẻ."));
    const payments = [];
    if (cash) payments.push({ method: "cash", amount: cash });
    if (qr) payments.push({ method: "vietqr", amount: qr, confirmed: true });
    if (card) payments.push({ method: "card", amount: card, reference: $("#pay-card-ref").value.trim() });
    const clientUuid = uuid4();
    const input = {
      clientUuid, shiftId: state.shift.id, deviceToken: state.shift.deviceToken || null, soldAt: new Date().toISOString(), offline: !navigator.onLine,
      lines: cart.map((l) => ({ variantId: gid("ProductVariant", l.item.id), quantity: l.quantity, stampUris: l.stamps.slice(0, l.quantity) })),
      payments, customerEmail: $("#pay-email").value.trim() || null,
    };
    await PosStore.enqueue({ client_uuid: clientUuid, input, total, created: Date.now() });
    await refreshQueueCount();
    const results = await syncQueue();
    const r = results[clientUuid];
    const change = Math.max(cash + qr + card - total, 0);
    $("#done-receipt").hidden = true;
    if (r && r.status !== "error") {
      $("#done-title").textContent = t("Đã bán – hoá đơn #%(n)s", { n: r.orderNumber });
      $("#done-detail").textContent = t("Tổng %(total)s · Tiền thừa %(change)s", { total: vnd(total), change: vnd(r.change) }) +
        (r.status === "flagged" ? " · " + t("Kho không đủ: đã ghi nhận để đối soát.") : "");
      $("#done-receipt").href = r.receiptUrl; $("#done-receipt").hidden = false;
    } else if (r) {
      $("#done-title").textContent = t("Đơn chưa ghi nhận được");
      $("#done-detail").textContent = firstError(r.errors) + " " + t("Đơn vẫn nằm trong hàng chờ.");
    } else {
      $("#done-title").textContent = t("Đã lưu đơn – chờ đồng bộ");
      $("#done-detail").textContent = t("Tổng %(total)s · Tiền thừa %(change)s", { total: vnd(total), change: vnd(change) }) + ". " + t("Đơn sẽ tự gửi lên khi có mạng.");
    }
    show("screen-done");
  });
  $("#done-new").addEventListener("click", startSale);

  /* ---------- returns ---------- */
  async function findReceipt(code) {
    const data = await gql(`query R($c: String!) { posReceipt(code: $c) { number total lines { id name quantity quantityReturned unitPrice } } }`, { c: code });
    returnReceipt = data.posReceipt;
    if (!returnReceipt) { $("#return-form").hidden = true; return say(t("Không tìm thấy hoá đơn “%(c)s”.", { c: code })); }
    say("");
    const ul = $("#return-lines");
    ul.innerHTML = "";
    returnReceipt.lines.forEach((l, i) => {
      const left = l.quantity - l.quantityReturned;
      const li = document.createElement("li");
      li.innerHTML = `<div><b class="n"></b><br>${t("Đã mua %(q)s, đã trả %(r)s", { q: l.quantity, r: l.quantityReturned })} · ${vnd(l.unitPrice)}</div>
        <div><label for="ret-q-${i}">${t("Số lượng trả")}</label><input id="ret-q-${i}" type="number" min="0" max="${left}" value="0" data-line="${l.id}">
        <label class="check"><input type="checkbox" id="ret-r-${i}" checked> ${t("Nhập lại kho")}</label></div>`;
      li.querySelector(".n").textContent = l.name;
      ul.append(li);
    });
    $("#return-form").hidden = false;
  }
  $("#return-find").addEventListener("submit", (ev) => { ev.preventDefault(); findReceipt($("#return-code").value.trim()); });
  $("#return-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const lines = [];
    returnReceipt.lines.forEach((l, i) => {
      const q = parseInt($(`#ret-q-${i}`).value || "0", 10) || 0;
      if (q > 0) lines.push({ lineId: l.id, quantity: q, restock: $(`#ret-r-${i}`).checked });
    });
    const data = await gql(`mutation Ret($i: PosReturnInput!) { posReturnCreate(input: $i) { posReturn { id amount orderNumber } errors { field code message } } }`,
      { i: { shiftId: state.shift.id, receipt: String(returnReceipt.number), lines, refundMethod: $("#return-method").value, note: $("#return-note").value } });
    const res = data.posReturnCreate;
    if (res.errors.length) return say(firstError(res.errors));
    say(t("Đã trả hàng hoá đơn #%(n)s, hoàn %(a)s.", { n: res.posReturn.orderNumber, a: vnd(res.posReturn.amount) }), true);
    findReceipt(String(returnReceipt.number));
  });

  /* ---------- cash in/out ---------- */
  $("#cash-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = await gql(`mutation C($s: ID!, $k: String!, $a: Int!, $r: String!) { posCashMovementCreate(shiftId: $s, kind: $k, amount: $a, reason: $r) { errors { field code message } } }`,
      { s: state.shift.id, k: $("#cash-kind").value, a: num("#cash-amount"), r: $("#cash-reason").value });
    const res = data.posCashMovementCreate;
    if (res.errors.length) return say(firstError(res.errors));
    say(t("Đã ghi nhận thu/chi."), true);
    $("#cash-form").reset();
  });

  /* ---------- close shift ---------- */
  $("#close-button").addEventListener("click", async () => {
    show("screen-close");
    try {
      const data = await gql(`query S($id: ID!) { posShift(id: $id) { amounts { method expected } } }`, { id: state.shift.id });
      const amounts = Object.fromEntries(data.posShift.amounts.map((a) => [a.method, a.expected]));
      $("#close-expected").textContent = vnd(amounts.cash);
      setMoney("#close-vietqr", amounts.vietqr); setMoney("#close-card", amounts.card);
    } catch (e) { say(t("Cần có mạng để đóng ca.")); }
  });
  $("#close-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const pending = await syncQueue().then(refreshQueueCount);
    const data = await gql(`mutation Close($id: ID!, $c: [DenominationCount!]!, $o: [MethodAmountInput!], $n: String, $ok: Boolean, $p: Int) {
      posShiftClose(id: $id, counts: $c, countedOther: $o, note: $n, confirmDifference: $ok, pendingSales: $p) { shift { pk status difference } errors { field code message } } }`,
      { id: state.shift.id, c: counts("close"), o: [{ method: "vietqr", amount: num("#close-vietqr") }, { method: "card", amount: num("#close-card") }],
        n: $("#close-note").value, ok: $("#close-confirm").checked, p: pending });
    const res = data.posShiftClose;
    if (res.errors.length) return say(firstError(res.errors));
    say(t("Đã đóng ca. Chênh lệch %(d)s.", { d: vnd(res.shift.difference) }), true);
    state.shift = null; saveState();
    window.location.href = `/pos/bao-cao/ca/${res.shift.pk}/`;
  });

  /* ---------- camera scanning ---------- */
  let stopCamera = null;
  async function startCamera() {
    $("#camera-box").hidden = false;
    const video = $("#camera-video");
    const onCode = (text) => { closeCamera(); resolveCode(text); };
    if ("BarcodeDetector" in window) {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream; await video.play();
      const detector = new BarcodeDetector({ formats: ["ean_13", "ean_8", "qr_code", "code_128", "data_matrix"] });
      let live = true;
      stopCamera = () => { live = false; stream.getTracks().forEach((t) => t.stop()); };
      const loop = async () => {
        if (!live) return;
        const codes = await detector.detect(video).catch(() => []);
        if (codes.length) return onCode(codes[0].rawValue);
        requestAnimationFrame(loop);
      };
      loop();
    } else {
      const reader = new ZXing.BrowserMultiFormatReader();
      stopCamera = () => reader.reset();
      reader.decodeFromVideoDevice(null, video, (result) => { if (result) onCode(result.getText()); });
    }
  }
  function closeCamera() { if (stopCamera) stopCamera(); stopCamera = null; $("#camera-box").hidden = true; }
  $("#camera-button").addEventListener("click", () => startCamera().catch(() => { closeCamera(); say(t("Không mở được camera.")); }));
  $("#camera-close").addEventListener("click", closeCamera);

  /* ---------- wiring ---------- */
  $("#scan-input").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { ev.preventDefault(); const v = ev.target.value; ev.target.value = ""; $("#search-results").innerHTML = ""; resolveCode(v); }
  });
  $("#scan-input").addEventListener("input", (ev) => { if (!/^\d*$/.test(ev.target.value)) searchByName(ev.target.value, false); });
  $("#return-button").addEventListener("click", () => { scanTarget = "return"; $("#return-form").hidden = true; show("screen-return"); });
  $("#cash-button").addEventListener("click", () => show("screen-cash"));
  document.querySelectorAll(".back").forEach((b) => b.addEventListener("click", startSale));
  $("#queue-button").addEventListener("click", async () => {
    await syncQueue();
    const stuck = (await PosStore.queued()).filter((s) => s.error);
    if (stuck.length) say(t("%(n)s đơn chưa ghi nhận được: %(e)s", { n: stuck.length, e: stuck.map((s) => s.error).join(" · ") }));
    else if (!(await PosStore.count())) say(t("Đã đồng bộ hết đơn."), true);
  });
  window.addEventListener("online", () => { renderNet(); syncQueue(); });
  window.addEventListener("offline", renderNet);
  setInterval(() => { if (navigator.onLine) syncQueue(); }, 15000);
  // Keep prices, promotions and stock fresh while online, so offline sales use recent prices.
  setInterval(() => { if (navigator.onLine && state.register && cart.length === 0) loadCatalogue(); }, 300000);

  async function boot() {
    buildDenoms();
    renderNet();
    await refreshQueueCount();
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/pos/sw.js", { scope: "/pos/" }).catch(() => {});
    if (navigator.onLine) {
      const ok = await loadRegisters();
      if (ok === false) { document.body.dataset.ready = "1"; return show("screen-login"); }
      if (ok) await syncQueue();
      if (state.shift) {
        try {
          const data = await gql(`query S($id: ID!) { posShift(id: $id) { id pk status } }`, { id: state.shift.id });
          if (!data.posShift || data.posShift.status !== "open") { state.shift = null; saveState(); }
        } catch (e) { /* keep the saved shift */ }
      }
    }
    if (state.shift && state.register) { await loadCatalogue(); startSale(); } else show("screen-registers");
    document.body.dataset.ready = "1";
  }
  boot();
})();
