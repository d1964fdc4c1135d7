// Hex dump of bytes that are not UTF-8 (a delivery's bodyBase64).

/** The bytes of a base64 text. */
export function base64Bytes(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function hex2(value) {
  return value.toString(16).padStart(2, "0");
}

/** `00000000  00 ff fe 80 41 c3 28 0a  |....A.(.|` lines, 16 bytes each. */
export function hexDump(bytes) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const cells = [];
    let ascii = "";
    for (let i = 0; i < 16; i++) {
      const value = row[i];
      if (value === undefined) {
        cells.push("  ");
        continue;
      }
      cells.push(hex2(value));
      ascii += value >= 0x20 && value < 0x7f ? String.fromCharCode(value) : ".";
    }
    const left = cells.slice(0, 8).join(" ");
    const right = cells.slice(8).join(" ");
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${left}  ${right}  |${ascii}|`);
  }
  return lines.join("\n");
}
