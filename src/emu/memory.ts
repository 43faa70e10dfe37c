/**
 * The guest's flat 32-bit address space: 4 KiB pages with read / write / execute permissions.
 *
 * A page is mapped with `map`; every address that is not mapped is a guard: touching it raises a
 * page fault. Backing storage is allocated lazily (a mapped page costs nothing until it is
 * touched) and is zero-filled. Guest accesses (`read8/16/32`, `write8/16/32`, `fetch8`) check
 * permissions and throw a `FaultSignal` (caught by the machine and turned into a typed stop
 * reason); host accesses (`load`, `readBytes`, `writeBytes`, `peek32`, `poke32`) bypass the
 * permissions but still need the pages to be mapped.
 *
 * Speed: `slots` (an Int32Array indexed by page number, cheap to allocate because it starts as
 * zeros) gives each allocated page its index in `views` and two bits saying whether the guest
 * may read / write it on the fast path; an access within one page is two loads, a bit test, a
 * bounds check and one DataView call. Everything else (unmapped, not yet allocated, crossing a
 * page, forbidden, a write to a page that holds decoded code) takes the slow path.
 *
 * Code pages: when the decoder reads instructions from a page it calls `markCode(page)`; the page
 * then leaves the fast write table, and the first guest or host write to it calls `onCodeWrite`
 * (the machine drops its decoded instructions for that page) before the write proceeds.
 *
 * Watched pages (for a debugger's watchpoints): `watchPage(page, true)` takes a page off both
 * fast paths, and every guest read or write touching it calls `onWatch` before the access;
 * `onWatch` may throw a FaultSignal to stop the instruction before it changes anything.
 */
import { FaultSignal, type Access } from "./faults.js";

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
const PAGE_COUNT = 1 << 20;

/** Permission bits. */
export const READ = 1;
export const WRITE = 2;
export const EXECUTE = 4;
const MAPPED = 8;
const CODE = 16;
const WATCHED = 32;
/** Fast-path bits of a page's slot (see `fastTables`). */
export const FAST_READ = 1;
export const FAST_WRITE = 2;

export type Permissions = number;

export class Memory {
  /** By page number: (index in `views` << 2) | FAST_READ | FAST_WRITE; 0 for unallocated pages. */
  private readonly slots = new Int32Array(PAGE_COUNT);
  /** Allocated pages' views (index 0 unused). */
  private readonly views: DataView[] = [new DataView(new ArrayBuffer(0))];
  /** Permission and state bits by page number. */
  private readonly flags = new Uint8Array(PAGE_COUNT);
  /** Called before the first write to a page that holds decoded code. */
  onCodeWrite: (page: number) => void = () => {};
  /** Called before a guest access to a watched page (see watchPage). */
  onWatch: (address: number, size: number, access: "read" | "write") => void = () => {};
  /** Indexes in `views` released by unmap, for reuse. */
  private readonly free: number[] = [];

  /**
   * The fast-path tables, for code that inlines accesses (the region translator): by page
   * number, `(index in views << 2) | FAST_READ | FAST_WRITE`; an access within one page whose
   * slot has the bit goes straight to `views[slot >> 2]`, anything else must call read/write.
   * Both objects stay the same for the memory's lifetime.
   */
  fastTables(): { slots: Int32Array; views: DataView[] } {
    return { slots: this.slots, views: this.views };
  }

  /** Maps [address, address+size) rounded out to whole pages, zero-filled, with `perms`. */
  map(address: number, size: number, perms: Permissions): void {
    this.forEachPage(address, size, (page) => {
      this.flags[page] = MAPPED | (perms & (READ | WRITE | EXECUTE));
      this.release(page);
    });
  }

  unmap(address: number, size: number): void {
    this.forEachPage(address, size, (page) => {
      if (this.flags[page] & CODE) this.onCodeWrite(page);
      this.flags[page] = 0;
      this.release(page);
    });
  }

  /** Changes the permissions of mapped pages (unmapped pages in the range stay unmapped). */
  protect(address: number, size: number, perms: Permissions): void {
    this.forEachPage(address, size, (page) => {
      const old = this.flags[page];
      if (!(old & MAPPED)) return;
      if ((old & CODE) && !(perms & EXECUTE)) this.onCodeWrite(page);
      this.flags[page] = (old & (MAPPED | CODE)) | (perms & (READ | WRITE | EXECUTE));
      this.refresh(page);
    });
  }

  isMapped(address: number): boolean {
    return (this.flags[address >>> PAGE_SHIFT] & MAPPED) !== 0;
  }

  permissions(address: number): Permissions {
    return this.flags[address >>> PAGE_SHIFT] & (READ | WRITE | EXECUTE);
  }

  read8(address: number): number {
    const slot = this.slots[address >>> PAGE_SHIFT];
    if ((slot & FAST_READ) !== 0) return this.views[slot >> 2].getUint8(address & 0xfff);
    return this.slowRead(address, 1);
  }

  read16(address: number): number {
    const offset = address & 0xfff;
    const slot = this.slots[address >>> PAGE_SHIFT];
    if ((slot & FAST_READ) !== 0 && offset <= 0xffe) return this.views[slot >> 2].getUint16(offset, true);
    return this.slowRead(address, 2);
  }

  /** A 32-bit read, as a signed int32. */
  read32(address: number): number {
    const offset = address & 0xfff;
    const slot = this.slots[address >>> PAGE_SHIFT];
    if ((slot & FAST_READ) !== 0 && offset <= 0xffc) return this.views[slot >> 2].getInt32(offset, true);
    return this.slowRead(address, 4);
  }

  write8(address: number, value: number): void {
    const slot = this.slots[address >>> PAGE_SHIFT];
    if ((slot & FAST_WRITE) !== 0) this.views[slot >> 2].setUint8(address & 0xfff, value);
    else this.slowWrite(address, 1, value);
  }

  write16(address: number, value: number): void {
    const offset = address & 0xfff;
    const slot = this.slots[address >>> PAGE_SHIFT];
    if ((slot & FAST_WRITE) !== 0 && offset <= 0xffe) this.views[slot >> 2].setUint16(offset, value, true);
    else this.slowWrite(address, 2, value);
  }

  write32(address: number, value: number): void {
    const offset = address & 0xfff;
    const slot = this.slots[address >>> PAGE_SHIFT];
    if ((slot & FAST_WRITE) !== 0 && offset <= 0xffc) this.views[slot >> 2].setInt32(offset, value, true);
    else this.slowWrite(address, 4, value);
  }

  /** An instruction byte: needs execute permission (page fault "execute" otherwise). */
  fetch8(address: number): number {
    address >>>= 0;
    const page = address >>> PAGE_SHIFT;
    if ((this.flags[page] & (MAPPED | EXECUTE)) !== (MAPPED | EXECUTE)) {
      throw FaultSignal.page(address, "execute");
    }
    return this.backing(page)[address & 0xfff];
  }

  /** Records that `page` holds decoded instructions: writes to it must invalidate them. */
  markCode(page: number): void {
    if (this.flags[page] & CODE) return;
    this.flags[page] |= CODE;
    this.refresh(page);
  }

  /** Starts or stops calling `onWatch` for guest accesses to `page`. */
  watchPage(page: number, watched: boolean): void {
    this.flags[page] = watched ? this.flags[page] | WATCHED : this.flags[page] & ~WATCHED;
    this.refresh(page);
  }

  /** Host read of mapped memory, ignoring permissions. */
  readBytes(address: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const at = (address + done) >>> 0;
      const page = this.hostPage(at, "read");
      const offset = at & 0xfff;
      const count = Math.min(PAGE_SIZE - offset, length - done);
      out.set(page.subarray(offset, offset + count), done);
      done += count;
    }
    return out;
  }

  /** Host write of mapped memory, ignoring permissions (invalidates decoded code it overwrites). */
  writeBytes(address: number, bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) {
      const at = (address + done) >>> 0;
      const page = this.hostPage(at, "write");
      const number = at >>> PAGE_SHIFT;
      if (this.flags[number] & CODE) this.uncode(number);
      const offset = at & 0xfff;
      const count = Math.min(PAGE_SIZE - offset, bytes.length - done);
      page.set(bytes.subarray(done, done + count), offset);
      done += count;
    }
  }

  /** For loaders: same as writeBytes. */
  load(address: number, bytes: Uint8Array): void {
    this.writeBytes(address, bytes);
  }

  /** Host 32-bit read ignoring permissions (signed int32). */
  peek32(address: number): number {
    const bytes = this.readBytes(address, 4);
    return bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
  }

  /** Host 32-bit write ignoring permissions. */
  poke32(address: number, value: number): void {
    this.writeBytes(address, new Uint8Array([value, value >>> 8, value >>> 16, value >>> 24]));
  }

  /** A NUL-terminated string read by the host (at most `limit` bytes). */
  readCString(address: number, limit = 4096): Uint8Array {
    const bytes: number[] = [];
    for (let at = address >>> 0; bytes.length < limit; at = (at + 1) >>> 0) {
      const byte = this.readBytes(at, 1)[0];
      if (byte === 0) break;
      bytes.push(byte);
    }
    return Uint8Array.from(bytes);
  }

  private slowRead(address: number, size: number): number {
    if ((this.flags[address >>> PAGE_SHIFT] | this.flags[((address + size - 1) >>> 0) >>> PAGE_SHIFT]) & WATCHED) {
      this.onWatch(address >>> 0, size, "read");
    }
    let value = 0;
    for (let k = 0; k < size; k++) {
      const at = (address + k) >>> 0;
      const page = at >>> PAGE_SHIFT;
      if ((this.flags[page] & (MAPPED | READ)) !== (MAPPED | READ)) {
        throw FaultSignal.page(at, "read");
      }
      value |= this.backing(page)[at & 0xfff] << (8 * k);
    }
    return size === 4 ? value | 0 : value;
  }

  private slowWrite(address: number, size: number, value: number): void {
    // Check every byte first so that a faulting write changes nothing.
    if ((this.flags[address >>> PAGE_SHIFT] | this.flags[((address + size - 1) >>> 0) >>> PAGE_SHIFT]) & WATCHED) {
      this.onWatch(address >>> 0, size, "write");
    }
    for (let k = 0; k < size; k++) {
      const at = (address + k) >>> 0;
      if ((this.flags[at >>> PAGE_SHIFT] & (MAPPED | WRITE)) !== (MAPPED | WRITE)) {
        throw FaultSignal.page(at, "write");
      }
    }
    for (let k = 0; k < size; k++) {
      const at = (address + k) >>> 0;
      const page = at >>> PAGE_SHIFT;
      if (this.flags[page] & CODE) this.uncode(page);
      this.backing(page)[at & 0xfff] = value >>> (8 * k);
    }
  }

  /** Drops the code mark of `page` and tells the machine its decoded instructions are stale. */
  private uncode(page: number): void {
    this.flags[page] &= ~CODE;
    this.refresh(page);
    this.onCodeWrite(page);
  }

  private hostPage(address: number, access: Access): Uint8Array {
    const page = address >>> PAGE_SHIFT;
    // A host access on the guest's behalf (a service reading a pointer) faults like the guest would.
    if (!(this.flags[page] & MAPPED)) throw FaultSignal.page(address, access);
    return this.backing(page);
  }

  /** The backing bytes of a mapped page, allocated on first use. */
  private backing(page: number): Uint8Array {
    let slot = this.slots[page];
    if (slot === 0) {
      const index = this.free.pop() ?? this.views.length;
      this.views[index] = new DataView(new ArrayBuffer(PAGE_SIZE));
      slot = index << 2;
      this.slots[page] = slot;
      this.refresh(page);
    }
    const view = this.views[slot >> 2];
    return new Uint8Array(view.buffer);
  }

  /** Forgets the backing store of `page` (it reads as zeros if mapped again). */
  private release(page: number): void {
    const slot = this.slots[page];
    if (slot !== 0) this.free.push(slot >> 2);
    this.slots[page] = 0;
  }

  /** Recomputes the fast-path bits of `page` from its flags. */
  private refresh(page: number): void {
    const slot = this.slots[page];
    if (slot === 0) return;
    const flags = this.flags[page];
    const fast = flags & WATCHED ? 0 : (flags & READ ? FAST_READ : 0) | (flags & WRITE && !(flags & CODE) ? FAST_WRITE : 0);
    this.slots[page] = (slot & ~3) | fast;
  }

  private forEachPage(address: number, size: number, body: (page: number) => void): void {
    if (size <= 0) return;
    const first = (address >>> 0) >>> PAGE_SHIFT;
    const last = ((address >>> 0) + size - 1) / PAGE_SIZE;
    for (let page = first; page <= Math.min(Math.floor(last), PAGE_COUNT - 1); page++) body(page);
  }
}

export function hex(value: number, digits = 8): string {
  return (value >>> 0).toString(16).padStart(digits, "0");
}
