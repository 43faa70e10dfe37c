/**
 * x86-32 general-purpose registers, numbered as the modrm/sib fields encode them (Intel SDM
 * vol. 2, table 2-1), and the condition codes of jcc/setcc (SDM vol. 1, appendix B).
 * Only eax, ecx, edx and ebx have 8-bit low halves (al, cl, dl, bl); numbers 4-7 in an 8-bit
 * operand mean ah/ch/dh/bh on i386, never the low byte of esp/ebp/esi/edi.
 */

export const enum Reg {
  eax = 0, ecx = 1, edx = 2, ebx = 3, esp = 4, ebp = 5, esi = 6, edi = 7,
}

export const registerNames: readonly string[] = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
export const byteRegisterNames: readonly string[] = ["al", "cl", "dl", "bl"];

/** True when the register has an 8-bit low half encodable on i386. */
export function hasByteForm(reg: Reg): boolean {
  return reg <= Reg.ebx;
}

/** Condition codes, the low nibble of jcc (0F 80+cc) and setcc (0F 90+cc). */
export const enum Cond {
  o = 0, no = 1, b = 2, ae = 3, e = 4, ne = 5, be = 6, a = 7,
  s = 8, ns = 9, p = 10, np = 11, l = 12, ge = 13, le = 14, g = 15,
}

/** The condition that holds exactly when `cond` does not (flip the low bit). */
export function negate(cond: Cond): Cond {
  return (cond ^ 1) as Cond;
}
