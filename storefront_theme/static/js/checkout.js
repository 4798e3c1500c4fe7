// Checkout form: reload the ward list when the province changes; block a second "Đặt hàng" click.
(function () {
  var form = document.getElementById("checkout-form");
  if (!form) return;
  var province = document.getElementById("id_province_code");
  var ward = document.getElementById("id_ward_code");
  if (province && ward) {
    province.addEventListener("change", function () {
      ward.disabled = true;
      fetch(province.dataset.wardsUrl + encodeURIComponent(province.value) + "/", {headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : {wards: []}; })
        .then(function (data) {
          var first = ward.options[0];
          ward.innerHTML = "";
          ward.appendChild(first);
          data.wards.forEach(function (w) {
            var o = document.createElement("option"); o.value = w.code; o.textContent = w.name; ward.appendChild(o);
          });
        })
        .finally(function () { ward.disabled = false; });
    });
  }
  var address = document.getElementById("address-fields");
  function syncDelivery() {
    var chosen = form.querySelector("input[name=delivery]:checked");
    if (address) address.hidden = !!(chosen && chosen.value.indexOf("collection:") === 0);
  }
  form.querySelectorAll("input[name=delivery]").forEach(function (r) { r.addEventListener("change", syncDelivery); });
  syncDelivery();
  form.addEventListener("submit", function (e) {
    var btn = document.getElementById("place-order");
    if (e.submitter && e.submitter.value === "refresh") return;
    if (form.dataset.sent) { e.preventDefault(); return; }
    form.dataset.sent = "1";
    if (btn) { btn.setAttribute("aria-busy", "true"); }
  });
})();
