/**
 * The one js-fatfs instance of the process (ChaN's FatFs R0.15 compiled to WebAssembly) and the
 * bridge from its disk callbacks to a `SectorStore`.
 *
 * FatFs calls its disk callbacks synchronously from inside wasm, so a store must answer
 * synchronously. An exception must not unwind through wasm (FatFs would be left half-way), so
 * the bridge catches it, answers RES_ERROR, and keeps the error for the caller to rethrow.
 * FatFs stamps file times from `time()`/`localtime()`, which the wasm runtime takes from
 * `Date.now()` and the local time zone: `withFatClock` pins that clock, for the duration of
 * one FatFs call, to UTC and, when SOURCE_DATE_EPOCH is set, to that instant.
 */
import type { FatFs } from "js-fatfs";
import type { SectorStore } from "../disk/device.js";

export type { SectorStore } from "../disk/device.js";


export interface FatFsDriver {
  ff: FatFs;
  constants: typeof import("js-fatfs");
  /** Points the disk callbacks at `store` (undefined: none). One volume at a time per process. */
  attach(store: SectorStore | undefined): void;
  /** The error a disk callback caught since the last call, if any (and clears it). */
  takeDiskError(): unknown;
}

/**
 * OEM code page of 8.3 names: 437, what mtools and DOS use by default, so that names with
 * non-ASCII characters written by mtools can be listed and opened.
 */
const FAT_CODE_PAGE = 437;

let driver: Promise<FatFsDriver> | undefined;

export function loadFatFs(): Promise<FatFsDriver> {
  driver ??= createDriver();
  return driver;
}

async function createDriver(): Promise<FatFsDriver> {
  const FatFsModule = await import("js-fatfs");
  let store: SectorStore | undefined;
  let diskError: unknown;
  const RES_OK = FatFsModule.RES_OK;
  const RES_ERROR = FatFsModule.RES_ERROR;
  // The disk callbacks run some 80,000 times when 1,000 files go into one directory (FatFs
  // scans the directory twice per new file, one sector at a time), so they allocate nothing:
  // no closure per call, and one view per (buffer, count) of the wasm heap, remade if it grows.
  let heap: ArrayBufferLike | undefined;
  const views = new Map<number, Uint8Array>();
  const view = (fatfs: FatFs, buffer: number, count: number): Uint8Array => {
    if (fatfs.HEAPU8.buffer !== heap) {
      heap = fatfs.HEAPU8.buffer;
      views.clear();
    }
    const key = buffer * 128 + count;
    let found = views.get(key);
    if (found === undefined) {
      found = fatfs.HEAPU8.subarray(buffer, buffer + count * 512);
      if (count <= 127) views.set(key, found);
    }
    return found;
  };
  const failed = (error: unknown): number => {
    diskError ??= error;
    return RES_ERROR;
  };
  const ff = await FatFsModule.create({
    codepage: FAT_CODE_PAGE,
    diskio: {
      initialize: () => 0,
      status: () => 0,
      read: (fatfs, _drive, buffer, lba, count) => {
        try {
          (store ?? noStore()).read(lba, view(fatfs, buffer, count));
          return RES_OK;
        } catch (error) {
          return failed(error);
        }
      },
      write: (fatfs, _drive, buffer, lba, count) => {
        try {
          (store ?? noStore()).write(lba, view(fatfs, buffer, count));
          return RES_OK;
        } catch (error) {
          return failed(error);
        }
      },
      ioctl: (fatfs, _drive, command, buffer) => answerIoctl(fatfs, FatFsModule, store, command, buffer),
    },
  });
  return {
    ff,
    constants: FatFsModule,
    attach: (next) => {
      if (next !== undefined && store !== undefined) {
        throw new Error("internal error: js-fatfs serves one volume at a time; unmount the other first");
      }
      store = next;
      diskError = undefined;
    },
    takeDiskError: () => {
      const error = diskError;
      diskError = undefined;
      return error;
    },
  };
}

function noStore(): never {
  throw new Error("internal error: FatFs has no volume attached");
}

function answerIoctl(
  ff: FatFs,
  constants: typeof import("js-fatfs"),
  store: SectorStore | undefined,
  command: number,
  buffer: number,
): number {
  if (store === undefined) return constants.RES_NOTRDY;
  switch (command) {
    case constants.CTRL_SYNC:
      return constants.RES_OK;
    case constants.GET_SECTOR_COUNT:
      ff.setValue(buffer, store.sectorCount, "i32");
      return constants.RES_OK;
    case constants.GET_SECTOR_SIZE:
      ff.setValue(buffer, 512, "i16");
      return constants.RES_OK;
    case constants.GET_BLOCK_SIZE:
      ff.setValue(buffer, 1, "i32");
      return constants.RES_OK;
    default:
      return constants.RES_PARERR;
  }
}

/**
 * The value Date.now must return while FatFs runs so that its localtime() yields the UTC fields
 * of `at` (milliseconds since 1970): the wasm runtime's localtime reads local-time getters.
 */
export function fatClockFor(at: number): number {
  return at + new Date(at).getTimezoneOffset() * 60_000;
}

/**
 * Runs `call` with Date.now returning `clock` (from fatClockFor). FatFs's tzset() also asks
 * Intl for the zone's name (toLocaleTimeString: slow, and unused by FatFs) on every timestamp;
 * that is answered with a constant for the duration of the call.
 */
export function withFatClock<T>(clock: number, call: () => T): T {
  const realNow = Date.now;
  const realLocaleTime = Date.prototype.toLocaleTimeString;
  Date.now = () => clock;
  Date.prototype.toLocaleTimeString = zoneNameStub;
  try {
    return call();
  } finally {
    Date.now = realNow;
    Date.prototype.toLocaleTimeString = realLocaleTime;
  }
}

function zoneNameStub(): string {
  return "00:00:00 UTC";
}
