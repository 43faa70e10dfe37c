/**
 * A mounted FAT volume: the file operations mkimg needs, on top of js-fatfs (FatFs R0.15).
 *
 * Paths are absolute and normalised ("/", "/DIR/FILE.BC"); the image layer makes them so.
 * Every FatFs call runs with the pinned clock (see fatfs-driver.ts), and every result code is
 * checked. FatFs quirks handled here: `f_write` on a full disk reports success with a short
 * count (checked: a disk-full error); `f_stat("/")` fails (the root is answered here);
 * `f_rename` of a directory into its own subtree succeeds and orphans it (refused here).
 * Errors are InputErrors about the image: `disk.img: /FIB.BC: already exists`.
 */
import { InputError } from "../errors.js";
import { fatClockFor, loadFatFs, withFatClock, type FatFsDriver, type SectorStore } from "./fatfs-driver.js";
import { Fat16Reader } from "./reader.js";
import { FR_DENIED, FR_DISK_ERR, FR_EXIST, FR_NO_FILE, FR_NO_PATH, FR_OK, describeResult } from "./fatfs-results.js";

export interface DirEntry {
  /** The name as stored: the long name if there is one, else the 8.3 name. */
  name: string;
  /** The 8.3 short name (what the BareFlow kernel sees). */
  shortName: string;
  /** Absolute path on the volume. */
  path: string;
  size: number;
  isDirectory: boolean;
  attributes: number;
  /** FAT date and time words (UTC, see dostime.ts). */
  date: number;
  time: number;
}

export interface MountOptions {
  /** The image's name in error messages. */
  imageName: string;
  /** Milliseconds since 1970 to stamp new entries with; called once per mount. */
  clock: () => number;
  /**
   * Nothing will be written: files FatFs cannot open (a short name stored in lower case, which
   * mtools and Linux read) are then found by listing and read with the reader (reader.ts).
   */
  readOnly?: boolean;
}

const CHUNK = 256 * 1024;
/**
 * Offset of `obj.sclust` in FatFs's DIR (ff.h, R0.15: FFOBJID starts with `FATFS* fs`, `WORD id`,
 * `BYTE attr`, `BYTE stat`, then `DWORD sclust`; wasm32 pointers are 4 bytes). 0 for the root.
 */
const DIR_START_CLUSTER = 8;
const AM_DIR = 0x10;

export class FatVolume {
  private readonly workArea: number;
  private readonly file: number;
  private readonly info: number;
  private readonly directory: number;
  private readonly count: number;
  private readonly chunk: number;
  /** What Date.now returns during FatFs calls (see fatfs-driver.ts). */
  private readonly clock: number;
  private mounted = true;

  private constructor(
    private readonly driver: FatFsDriver,
    private readonly imageName: string,
    stamp: number,
    private readonly store: SectorStore,
    private readonly readOnly: boolean,
  ) {
    const { ff, constants } = driver;
    this.workArea = ff.malloc(constants.sizeof_FATFS);
    this.file = ff.malloc(constants.sizeof_FIL);
    this.info = ff.malloc(constants.sizeof_FILINFO);
    this.directory = ff.malloc(constants.sizeof_DIR);
    this.count = ff.malloc(4);
    this.chunk = ff.malloc(CHUNK);
    this.clock = fatClockFor(Math.max(stamp, FAT_EPOCH_MS));
  }

  static async mount(store: SectorStore, options: MountOptions): Promise<FatVolume> {
    const driver = await loadFatFs();
    const stamp = options.clock();
    driver.attach(store);
    const volume = new FatVolume(driver, options.imageName, stamp, store, options.readOnly === true);
    const result = volume.call(() => driver.ff.f_mount(volume.workArea, "", 1));
    if (result !== FR_OK) {
      volume.release();
      throw volume.failure("/", result, "cannot mount");
    }
    return volume;
  }

  /** The entry at `path`, or undefined if there is none. The root is a directory entry. */
  entry(path: string): DirEntry | undefined {
    if (path === "/") return rootEntry();
    const result = this.call(() => this.driver.ff.f_stat(this.guard(path), this.info));
    if (result === FR_NO_FILE || result === FR_NO_PATH) return this.readOnly ? this.listedEntry(path) : undefined;
    this.check(result, path, "cannot look up");
    return this.readInfo(parentOf(path));
  }

  /**
   * The entries of directory `path`, in directory order, without "." and "..". A walk over a
   * tree passes one `visited` set to every call: a directory whose first cluster is already in
   * it is a cycle in a damaged image (an entry pointing at an ancestor), refused as an error
   * instead of being walked forever.
   */
  list(path: string, visited?: Set<number>): DirEntry[] {
    const { ff } = this.driver;
    this.check(this.call(() => ff.f_opendir(this.directory, this.guard(path))), path, "cannot open directory");
    const entries: DirEntry[] = [];
    try {
      if (visited !== undefined) this.visit(path, visited);
      for (;;) {
        this.check(this.call(() => ff.f_readdir(this.directory, this.info)), path, "cannot read directory");
        const entry = this.readInfo(path);
        if (entry.name === "") break;
        if (entry.name !== "." && entry.name !== "..") entries.push(entry);
      }
    } finally {
      ff.f_closedir(this.directory);
    }
    return entries;
  }

  /** Records the open directory's first cluster in `visited`; refuses one seen before. */
  private visit(path: string, visited: Set<number>): void {
    const cluster = this.driver.ff.getValue(this.directory + DIR_START_CLUSTER, "i32") >>> 0;
    if (visited.has(cluster)) {
      throw this.error(path, `directory cluster ${cluster} is reached twice (a directory cycle)`);
    }
    visited.add(cluster);
  }

  /**
   * The entry FatFs's lookup misses but its listing shows: FatFs upper-cases the name it looks
   * for and compares it with the stored bytes, so "fib     bc " (lower case, written by some
   * tools) is listed as fib.bc yet never found.
   */
  private listedEntry(path: string): DirEntry | undefined {
    const parent = parentOf(path);
    if (parent !== "/" && this.entry(parent)?.isDirectory !== true) return undefined;
    const wanted = path.slice(path.lastIndexOf("/") + 1).toUpperCase();
    return this.list(parent).find((entry) => entry.name.toUpperCase() === wanted || entry.shortName.toUpperCase() === wanted);
  }

  readFile(path: string): Uint8Array {
    const { ff, constants } = this.driver;
    const opened = this.call(() => ff.f_open(this.file, this.guard(path), constants.FA_READ));
    if (opened === FR_NO_FILE && this.readOnly) return this.readListedFile(path);
    this.check(opened, path, "cannot open");
    try {
      const size = ff.f_size(this.file);
      const out = new Uint8Array(size);
      for (let done = 0; done < size; ) {
        const want = Math.min(CHUNK, size - done);
        this.check(this.call(() => ff.f_read(this.file, this.chunk, want, this.count)), path, "cannot read");
        const got = ff.getValue(this.count, "i32");
        if (got !== want) throw this.error(path, `read ${got} of ${want} bytes at ${done}: damaged file system?`);
        out.set(ff.HEAPU8.subarray(this.chunk, this.chunk + got), done);
        done += got;
      }
      return out;
    } finally {
      ff.f_close(this.file);
    }
  }

  /** A file FatFs cannot open (see listedEntry), read with the reader over the same sectors. */
  private readListedFile(path: string): Uint8Array {
    const reader = new Fat16Reader((lba) => {
      const sector = new Uint8Array(512);
      this.store.read(lba, sector);
      return sector;
    }, this.imageName);
    const entry = reader.lookup(path);
    if (entry === undefined || entry.isDirectory) throw this.error(path, "no such file or directory");
    return reader.readFile(entry);
  }

  /**
   * Creates `path` with `data`. An existing file is replaced only with `replace`; without it,
   * nothing is written and the answer is "exists". An existing directory is an error.
   */
  writeFile(path: string, data: Uint8Array, replace: boolean): "created" | "replaced" | "exists" {
    const { constants } = this.driver;
    const created = this.openForWriting(path, constants.FA_CREATE_NEW);
    if (created === FR_OK) {
      this.fillOpenFile(path, data);
      return "created";
    }
    if (created !== FR_EXIST) throw this.openFailure(path, created);
    if (this.entry(path)?.isDirectory === true) throw this.error(path, "is a directory");
    if (!replace) return "exists";
    const replaced = this.openForWriting(path, constants.FA_CREATE_ALWAYS);
    if (replaced !== FR_OK) throw this.openFailure(path, replaced);
    this.fillOpenFile(path, data);
    return "replaced";
  }

  private openForWriting(path: string, how: number): number {
    const { ff, constants } = this.driver;
    return this.call(() => ff.f_open(this.file, this.guard(path), constants.FA_WRITE | how));
  }

  private openFailure(path: string, result: number): Error {
    if (result === FR_DENIED) return this.error(path, `cannot create: ${this.fullDirectory(path)}`);
    return this.failure(path, result, "cannot create");
  }

  /** Writes `data` into the open file and closes it (closing it also on failure). */
  private fillOpenFile(path: string, data: Uint8Array): void {
    const { ff } = this.driver;
    let closed = false;
    try {
      this.writeChunks(path, data);
      closed = true;
      this.check(this.call(() => ff.f_close(this.file)), path, "cannot close");
    } finally {
      if (!closed) ff.f_close(this.file);
    }
  }

  private writeChunks(path: string, data: Uint8Array): void {
    const { ff } = this.driver;
    for (let done = 0; done < data.length; ) {
      const want = Math.min(CHUNK, data.length - done);
      ff.HEAPU8.set(data.subarray(done, done + want), this.chunk);
      this.check(this.call(() => ff.f_write(this.file, this.chunk, want, this.count)), path, "cannot write");
      const wrote = ff.getValue(this.count, "i32");
      done += wrote;
      if (wrote !== want) {
        throw this.error(path, `disk full: needs ${data.length} bytes, only ${done} fit`);
      }
    }
  }

  mkdir(path: string): void {
    const result = this.call(() => this.driver.ff.f_mkdir(this.guard(path)));
    if (result === FR_EXIST) throw this.error(path, "already exists");
    if (result === FR_DENIED) throw this.error(path, `cannot create: ${this.fullDirectory(path)} or disk full`);
    this.check(result, path, "cannot create directory");
  }

  /** Removes a file or an empty directory. */
  remove(path: string): void {
    const entry = this.entry(path);
    if (entry === undefined) throw this.error(path, "no such file or directory");
    if (entry.isDirectory && this.list(path).length > 0) throw this.error(path, "directory is not empty");
    this.check(this.call(() => this.driver.ff.f_unlink(this.guard(path))), path, "cannot remove");
  }

  /** Renames or moves `from` to `to` (which must not exist). */
  rename(from: string, to: string): void {
    const source = this.entry(from);
    if (source === undefined) throw this.error(from, "no such file or directory");
    if (source.isDirectory && isInside(this.canonical(to), this.canonical(from))) {
      throw this.error(from, `cannot move a directory into itself (${to})`);
    }
    const result = this.call(() => this.driver.ff.f_rename(this.guard(from), this.guard(to)));
    if (result === FR_EXIST) throw this.error(to, "already exists");
    if (result === FR_DENIED) throw this.error(to, `cannot create: ${this.fullDirectory(to)}`);
    this.check(result, to, "cannot move");
  }

  /** The path with every existing component spelled as stored, upper-cased (for comparison). */
  private canonical(path: string): string {
    const parts = path.split("/").filter((part) => part !== "");
    let at = "";
    for (const part of parts) {
      const next = `${at}/${part}`;
      const entry = this.entry(next);
      at = `${at}/${(entry?.shortName ?? part).toUpperCase()}`;
    }
    return at === "" ? "/" : at;
  }

  private fullDirectory(path: string): string {
    const parent = parentOf(path);
    return parent === "/" ? "root directory is full" : `directory ${parent} is full`;
  }

  unmount(): void {
    if (!this.mounted) return;
    this.call(() => this.driver.ff.f_unmount(""));
    this.release();
  }

  private release(): void {
    const { ff } = this.driver;
    for (const pointer of [this.workArea, this.file, this.info, this.directory, this.count, this.chunk]) ff.free(pointer);
    this.driver.attach(undefined);
    this.mounted = false;
  }

  private readInfo(directory: string): DirEntry {
    const { ff } = this.driver;
    const name = ff.FILINFO_fname(this.info);
    const attributes = ff.FILINFO_fattrib(this.info);
    return {
      name,
      shortName: ff.FILINFO_altname(this.info) || name,
      path: directory === "/" ? `/${name}` : `${directory}/${name}`,
      size: ff.FILINFO_fsize(this.info),
      isDirectory: (attributes & AM_DIR) !== 0,
      attributes,
      date: ff.FILINFO_fdate(this.info),
      time: ff.FILINFO_ftime(this.info),
    };
  }

  /**
   * Refuses a path FAT cannot hold before it reaches FatFs (which copies it onto the wasm stack:
   * some 8,500 characters overflow it and corrupt the heap). Returns the path.
   */
  private guard(path: string): string {
    const problem = pathLengthProblem(path);
    if (problem !== undefined) throw new InputError(this.imageName, `${abbreviate(path)}: ${problem}`);
    return path;
  }

  private call<T>(action: () => T): T {
    if (!this.mounted) throw new Error("internal error: volume is unmounted");
    return withFatClock(this.clock, action);
  }

  private check(result: number, path: string, doing: string): void {
    if (result !== FR_OK) throw this.failure(path, result, doing);
  }

  private failure(path: string, result: number, doing: string): Error {
    const diskError = this.driver.takeDiskError();
    if (result === FR_DISK_ERR && diskError instanceof Error) return diskError;
    if (result === FR_NO_FILE || result === FR_NO_PATH) return this.error(path, "no such file or directory");
    return this.error(path, `${doing}: ${describeResult(result)}`);
  }

  private error(path: string, what: string): InputError {
    return new InputError(this.imageName, `${path}: ${what}`);
  }
}

/** FAT's limits (fatgen103, "Long name limits"): a name of 255 characters, a path of 260 with its NUL. */
export const MAX_NAME_LENGTH = 255;
export const MAX_PATH_LENGTH = 259;

/** What is wrong with the length of absolute `path`, or undefined if FAT can hold it. */
export function pathLengthProblem(path: string): string | undefined {
  if (path.length > MAX_PATH_LENGTH) {
    return `path is ${path.length} characters long: FAT allows at most ${MAX_PATH_LENGTH}`;
  }
  const long = path.split("/").find((part) => part.length > MAX_NAME_LENGTH);
  if (long !== undefined) return `a name is ${long.length} characters long: FAT allows at most ${MAX_NAME_LENGTH}`;
  return undefined;
}

/** At most 60 characters of `path`, for messages. */
export function abbreviate(path: string): string {
  return path.length <= 60 ? path : `${path.slice(0, 57)}...`;
}

/** 1980-01-01T00:00:00Z: FAT cannot record anything earlier. */
const FAT_EPOCH_MS = Date.UTC(1980, 0, 1);

function rootEntry(): DirEntry {
  return { name: "/", shortName: "/", path: "/", size: 0, isDirectory: true, attributes: AM_DIR, date: 0, time: 0 };
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash <= 0 ? "/" : path.slice(0, slash);
}

/** True if `path` is `directory` or inside it (both canonical). */
function isInside(path: string, directory: string): boolean {
  return path === directory || path.startsWith(`${directory}/`);
}
