/** Symbol addresses of a linked program, read with binutils' `nm` (not with our own ELF code). */
import { execFileSync } from "node:child_process";

export function symbolAddresses(program: string): Map<string, number> {
  const symbols = new Map<string, number>();
  for (const line of execFileSync("nm", [program], { encoding: "utf8" }).split("\n")) {
    const [address, , name] = line.trim().split(/\s+/);
    if (address && name) symbols.set(name, parseInt(address, 16));
  }
  return symbols;
}
