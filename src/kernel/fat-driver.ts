/**
 * The kernel's FAT16 driver: finds a module file on the disk the way BareFlow's kernel does.
 *
 * By default it sees what BareFlow sees (shared/notes/bareflow-kernel.md): the root directory
 * only, files by their exact 8.3 short name (long-name entries skipped), the first FAT. A module
 * is asked for by its header name (`fib`, read from each root file's first sector) or by its file
 * name (`FIB.BC`, or `fib` meaning FIB.BC / FIB.MOD), matched as BareFlow's lookup would.
 * When the kernel cannot see a module that is on the disk (in a subdirectory, or reachable only
 * through a long name) the error says where it is and why; `anyPath` lifts both limits.
 */
import { InputError } from "../errors.js";
import { parseBootSector } from "../fat/bootsector.js";
import { formatShortName, kernelLookupName } from "../fat/names.js";
import { Fat16Reader, type DirEntry } from "../fat/reader.js";
import { decodeRawHeader, isWrappedModule } from "../module/header.js";
import type { SectorDevice } from "./sector-device.js";

export interface FoundModule {
  entry: DirEntry;
  /** `disk.img:FIB.BC` (root) or `disk.img:MODS/FIB.BC`: the prefix of messages about the file. */
  where: string;
  bytes: Uint8Array;
}

interface Candidate {
  entry: DirEntry;
  /** The module name in its LLBC header, if the file has one. */
  headerName?: string;
}

const MODULE_EXTENSIONS = ["BC", "MOD"];

export class KernelFat {
  readonly reader: Fat16Reader;

  constructor(readonly device: SectorDevice) {
    const bootSector = parseBootSector(device.readSector(0), device.sizeBytes, device.file);
    this.reader = new Fat16Reader((lba) => device.readSector(lba), device.file, bootSector);
  }

  /** Finds module `name` (header name or file name); throws InputError when it cannot. */
  findModule(name: string, options: { anyPath?: boolean } = {}): FoundModule {
    const visible = this.reader.listRoot().filter((entry) => !entry.isDirectory).map((entry) => this.candidate(entry));
    // A root path ("/FIB.BC") names what the kernel sees as FIB.BC: it has no paths, only the root.
    const asRoot = (asked: string): string => (/^\/[^/]+$/.test(asked) ? asked.slice(1) : asked);
    const found = match(visible, name, (entry, asked) => entry.rawName === kernelLookupName(asRoot(asked)));
    if (found !== undefined) return this.load(found.entry);
    const everywhere = this.reader.walk().filter((entry) => !entry.isDirectory).map((entry) => this.candidate(entry));
    const elsewhere = match(everywhere, name, (entry, asked) =>
      [entry.name, entry.shortName, entry.path].some((known) => known.toUpperCase() === asked.toUpperCase()),
    );
    if (elsewhere !== undefined && options.anyPath) return this.load(elsewhere.entry);
    if (elsewhere !== undefined) throw new InputError(this.device.file, invisibleReason(name, elsewhere.entry));
    throw new InputError(this.device.file, `no module "${name}" on the disk (${describeModules(visible)})`);
  }

  private candidate(entry: DirEntry): Candidate {
    if (entry.size < 4 || entry.firstCluster < 2 || entry.firstCluster > this.reader.lastCluster) return { entry };
    const sector = this.reader.readSectorAt(this.reader.clusterLba(entry.firstCluster));
    if (!isWrappedModule(sector)) return { entry };
    const raw = decodeRawHeader(sector);
    return raw === undefined ? { entry } : { entry, headerName: cString(raw.name) };
  }

  private load(entry: DirEntry): FoundModule {
    return { entry, where: `${this.device.file}:${entry.path.replace(/^\//, "")}`, bytes: this.reader.readFile(entry) };
  }
}

/** Header name first, then the file name as given, then with each module extension added. */
function match(candidates: Candidate[], name: string, fileMatches: (entry: DirEntry, asked: string) => boolean): Candidate | undefined {
  const byHeader = candidates.find((candidate) => candidate.headerName === name);
  if (byHeader !== undefined) return byHeader;
  const asked = [name, ...(name.includes(".") ? [] : MODULE_EXTENSIONS.map((extension) => `${name}.${extension}`))];
  for (const form of asked) {
    const byFile = candidates.find((candidate) => fileMatches(candidate.entry, form));
    if (byFile !== undefined) return byFile;
  }
  return undefined;
}

function invisibleReason(name: string, entry: DirEntry): string {
  const lift = "--any-path loads it anyway";
  if (entry.path.lastIndexOf("/") !== 0) {
    return `module "${name}" is ${entry.path}, in a subdirectory: the kernel reads the root directory only (${lift})`;
  }
  const looked = formatShortName(Uint8Array.from(kernelLookupName(entry.name), (character) => character.charCodeAt(0)));
  return (
    `module "${name}" is ${entry.path}, a long name: the kernel matches 8.3 short names only ` +
    `(it looks up ${looked}; the file's short name is ${entry.shortName}; ${lift})`
  );
}

function describeModules(visible: Candidate[]): string {
  const modules = visible.filter((candidate) => candidate.headerName !== undefined);
  if (modules.length === 0) return "no modules in the root directory";
  const names = modules.map((candidate) => `${candidate.headerName} (${candidate.entry.shortName})`);
  return `modules in the root directory: ${names.join(", ")}`;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("latin1");
}
