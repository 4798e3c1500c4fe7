/* VietQR (NAPAS EMVCo merchant-presented) payload with the amount, CRC-16/CCITT-FALSE. */
(function () {
  function tlv(id, value) { return id + String(value.length).padStart(2, "0") + value; }
  function crc16(str) {
    let crc = 0xffff;
    const bytes = new TextEncoder().encode(str);
    for (const b of bytes) {
      crc ^= b << 8;
      for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    return crc.toString(16).toUpperCase().padStart(4, "0");
  }
  function payload({ bankBin, account, amount, purpose }) {
    const beneficiary = tlv("00", bankBin) + tlv("01", account);
    const merchant = tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTA");
    let body = tlv("00", "01") + tlv("01", "12") + tlv("38", merchant) + tlv("53", "704") +
      tlv("54", String(Math.round(amount))) + tlv("58", "VN") + tlv("62", tlv("08", (purpose || "").slice(0, 25)));
    body += "6304";
    return body + crc16(body);
  }
  window.VietQR = { payload, crc16 };
})();
