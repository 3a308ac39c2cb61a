// Distinct, valid Indian E.164 numbers for bulk runs: +91 80 (Bengaluru) then 8 digits.
export function numbersCsv(count, offset = 0) {
  const lines = ['number,mode'];
  for (let i = 0; i < count; i++) lines.push(`+9180${String(20_000_000 + offset + i).padStart(8, '0')},pstn`);
  return lines.join('\n') + '\n';
}
