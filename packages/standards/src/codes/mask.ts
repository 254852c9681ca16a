// Display masking for personal data (DESIGN §5: ID numbers and phones are shown masked).

/** Keeps the 6-digit address code and the last 4 characters: 110101********123X. Short input is fully masked but its last 2. */
export function maskIdNumber(input: string): string {
  const s = input.replace(/\s+/g, '');
  if (s.length >= 15) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
  if (s.length <= 2) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 2) + s.slice(-2);
}

/** 11-digit mobile (optionally +86): 138****5678. Anything else keeps its separators and last 4 digits. */
export function maskPhone(input: string): string {
  const s = input.trim();
  const mobile = /^(\+?86[- ]?)?(1\d{2})(\d{4})(\d{4})$/.exec(s.replace(/[\s-]/g, ''));
  if (mobile) return `${mobile[1] ?? ''}${mobile[2]}****${mobile[4]}`;
  const digits = s.replace(/\D/g, '').length;
  let seen = 0;
  return s.replace(/\d/g, (d) => (++seen > digits - 4 ? d : '*'));
}
