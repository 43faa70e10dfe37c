/**
 * FatFs result codes (FRESULT, ff.h of FatFs R0.15) as words for error messages.
 * Callers that expect a particular code (FR_EXIST on create, FR_NO_FILE on lookup) say so in
 * their own words; these are the fall-back texts.
 */

export const FATFS_RESULTS: readonly string[] = [
  "ok", // FR_OK
  "disk error", // FR_DISK_ERR
  "internal FatFs error (damaged file system?)", // FR_INT_ERR
  "drive not ready", // FR_NOT_READY
  "no such file", // FR_NO_FILE
  "no such directory", // FR_NO_PATH
  "invalid name", // FR_INVALID_NAME
  "access denied (directory full, or not empty, or read-only)", // FR_DENIED
  "already exists", // FR_EXIST
  "invalid object", // FR_INVALID_OBJECT
  "write protected", // FR_WRITE_PROTECTED
  "invalid drive", // FR_INVALID_DRIVE
  "no work area", // FR_NOT_ENABLED
  "no valid FAT file system", // FR_NO_FILESYSTEM
  "format aborted", // FR_MKFS_ABORTED
  "timeout", // FR_TIMEOUT
  "file locked", // FR_LOCKED
  "not enough memory", // FR_NOT_ENOUGH_CORE
  "too many open files", // FR_TOO_MANY_OPEN_FILES
  "invalid parameter", // FR_INVALID_PARAMETER
];

export function describeResult(code: number): string {
  return FATFS_RESULTS[code] ?? `FatFs error ${code}`;
}

export const FR_OK = 0;
export const FR_DISK_ERR = 1;
export const FR_NO_FILE = 4;
export const FR_NO_PATH = 5;
export const FR_INVALID_NAME = 6;
export const FR_DENIED = 7;
export const FR_EXIST = 8;
