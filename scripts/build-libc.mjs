#!/usr/bin/env node
/**
 * `npm run modules` (second half): builds newlib 3.3 (Debian package newlib-source, the tarball
 * in /usr/src/newlib) as one i386 bitcode module, modules/libc/libc.bc, which goes on images as
 * LIBC.BC, and ships newlib's headers in modules/libc/include for module authors (`mkimg cc`
 * adds them). The outputs are committed, so users without clang or newlib-source can use them.
 *
 * Only newlib's own sources are compiled (the list below: string, ctype, stdlib with qsort,
 * bsearch, strtol, atoi, abs, rand and nano-malloc, stdio's printf family), by clang-14 with the
 * pinned flags of modules/flags.json at -O2, and linked by llvm-link-14. The hand-written parts
 * are newlib's configuration (modules/libc/config/, what configure would write: integer printf
 * only, NO_FLOATING_POINT, as --disable-newlib-io-float) and the system calls
 * (modules/libc/syscalls.c: write, sbrk, exit on the kernel services). memcpy, memmove, memset
 * and memcmp are kernel services, so newlib's are left out. Sources are compiled from inside
 * the unpacked tree by relative name, so the bitcode does not depend on where things live.
 *
 *   node scripts/build-libc.mjs [--check]
 *     --check   build into a temporary folder and fail if the committed libc.bc differs
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../", import.meta.url).pathname;
const libcFolder = join(root, "modules/libc");
const pinned = JSON.parse(readFileSync(join(root, "modules/flags.json"), "utf8"));
const COMPILER = "clang-14";
const LINKER = "llvm-link-14";
const TARBALL_FOLDER = "/usr/src/newlib";

/** newlib's sources by folder of newlib/libc; `name:DEFINE,...` compiles a file once more with defines. */
const SOURCES = {
  string: [
    "bcmp", "bcopy", "bzero", "explicit_bzero", "ffsl", "ffsll", "fls", "flsl", "flsll", "gnu_basename", "index",
    "memccpy", "memchr", "memmem", "mempcpy", "memrchr", "rawmemchr", "rindex", "stpcpy", "stpncpy", "strcasecmp",
    "strcasestr", "strcat", "strchr", "strchrnul", "strcmp", "strcoll", "strcpy", "strcspn", "strdup", "strdup_r",
    "strerror", "strerror_r", "strlcat", "strlcpy", "strlen", "strlwr", "strncasecmp", "strncat", "strncmp",
    "strncpy", "strndup", "strndup_r", "strnlen", "strnstr", "strpbrk", "strrchr", "strsep", "strspn", "strstr",
    "strtok", "strtok_r", "strupr", "strverscmp", "strxfrm", "swab", "u_strerr",
  ],
  ctype: [
    "ctype_", "isalnum", "isalpha", "isascii", "isblank", "iscntrl", "isdigit", "islower", "isprint",
    "ispunct", "isspace", "isupper", "isxdigit", "toascii", "tolower", "toupper",
  ],
  search: ["qsort", "bsearch"],
  stdlib: [
    "abs", "labs", "llabs", "div", "ldiv", "lldiv", "atoi", "atol", "atoll", "strtol", "strtoul", "strtoll",
    "strtoull", "rand", "rand_r", "malloc", "calloc", "realloc", "mlock", "exit", "atexit", "__atexit",
    "__call_atexit", "getenv", "getenv_r", "environ", "envlock", "mbtowc_r", "wctomb_r",
    "nano-mallocr:INTERNAL_NEWLIB,DEFINE_MALLOC", "nano-mallocr:INTERNAL_NEWLIB,DEFINE_FREE",
    "nano-mallocr:INTERNAL_NEWLIB,DEFINE_CALLOC", "nano-mallocr:INTERNAL_NEWLIB,DEFINE_REALLOC",
    "nano-mallocr:INTERNAL_NEWLIB,DEFINE_MALLOC_USABLE_SIZE",
  ],
  stdio: [
    "printf", "sprintf", "snprintf", "vprintf", "vsprintf", "vsnprintf", "fprintf", "puts", "putchar", "putc",
    "fputc", "fputs", "fwrite", "fflush", "fvwrite", "wsetup", "makebuf", "findfp", "stdio", "wbuf", "fwalk",
    "refill", "flags", "vfprintf", "vfprintf:STRING_ONLY", "vfprintf:INTEGER_ONLY", "vfprintf:STRING_ONLY,INTEGER_ONLY",
  ],
  reent: ["impure", "reent", "writer", "sbrkr", "closer", "fstatr", "isattyr", "lseekr", "readr"],
  errno: ["errno"],
  locale: ["locale", "localeconv"],
};

/** Flags for newlib's sources: its own build defines these; warnings are newlib's business. */
const NEWLIB_FLAGS = ["-O2", "-w", "-D_COMPILING_NEWLIB", "-DNO_FLOATING_POINT"];

function baseFlags() {
  return ["-target", pinned.target, ...pinned.flags, ...pinned.output];
}

/** The newlib tarball Debian's newlib-source installs. */
function findTarball() {
  const found = existsSync(TARBALL_FOLDER) ? readdirSync(TARBALL_FOLDER).filter((name) => /^newlib-.*\.tar\.xz$/.test(name)) : [];
  if (found.length !== 1) throw new Error(`build-libc: expected one newlib-*.tar.xz in ${TARBALL_FOLDER} (apt-get install newlib-source)`);
  return join(TARBALL_FOLDER, found[0]);
}

/** Unpacks newlib/libc and the licence into .cache/newlib/ once; returns the tree's root. */
function unpack(tarball) {
  const cache = join(root, ".cache/newlib");
  const marker = join(cache, "unpacked-from");
  if (existsSync(marker) && readFileSync(marker, "utf8") === tarball) return join(cache, topFolder(tarball));
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const top = topFolder(tarball);
  execFileSync("tar", ["-xJf", tarball, "-C", cache, `${top}/newlib/libc`, `${top}/COPYING.NEWLIB`], { stdio: "inherit" });
  execFileSync("sh", ["-c", `printf %s "$1" > "$2"`, "sh", tarball, marker]);
  return join(cache, top);
}

function topFolder(tarball) {
  return execFileSync("sh", ["-c", `tar -tJf "$1" | head -1`, "sh", tarball], { encoding: "utf8" }).trim().replace(/\/$/, "");
}

/** newlib's headers with the configuration in place of the dummy newlib.h, into `target`. */
function installHeaders(tree, target) {
  rmSync(target, { recursive: true, force: true });
  cpSync(join(tree, "newlib/libc/include"), target, { recursive: true });
  for (const header of ["newlib.h", "_newlib_version.h"]) copyFileSync(join(libcFolder, "config", header), join(target, header));
}

function compileAll(tree, headers, scratch) {
  const libc = join(tree, "newlib/libc");
  const outputs = [];
  for (const [folder, entries] of Object.entries(SOURCES)) {
    for (const entry of entries) {
      const [name, defines = ""] = entry.split(":");
      const output = join(scratch, `${String(outputs.length).padStart(3, "0")}-${name}.bc`);
      const defineFlags = defines === "" ? [] : defines.split(",").map((define) => `-D${define}`);
      execFileSync(COMPILER, [...baseFlags(), ...NEWLIB_FLAGS, ...defineFlags, "-I", headers, `${folder}/${name}.c`, "-o", output], { cwd: libc, stdio: "inherit" });
      outputs.push(output);
    }
  }
  const glue = join(scratch, "syscalls.bc");
  execFileSync(COMPILER, [...baseFlags(), "-O2", ...pinned.warnings, "-I", headers, "-I", "../include", "syscalls.c", "-o", glue], { cwd: libcFolder, stdio: "inherit" });
  return [...outputs, glue];
}

function main(argv) {
  const check = argv.includes("--check");
  const tree = unpack(findTarball());
  const scratch = mkdtempSync(join(tmpdir(), "mkimg-libc-"));
  try {
    const headers = check ? join(scratch, "include") : join(libcFolder, "include");
    installHeaders(tree, headers);
    const objects = compileAll(tree, headers, scratch);
    const linked = join(scratch, "libc.bc");
    execFileSync(LINKER, [...objects, "-o", linked], { stdio: "inherit" });
    if (check) {
      const same = readFileSync(linked).equals(readFileSync(join(libcFolder, "libc.bc")));
      if (!same) {
        console.error("stale: modules/libc/libc.bc (run npm run modules)");
        process.exitCode = 1;
      }
      return;
    }
    copyFileSync(join(tree, "COPYING.NEWLIB"), join(libcFolder, "COPYING.NEWLIB"));
    renameSync(linked, join(libcFolder, "libc.bc"));
    console.log(`${COMPILER}: newlib (${objects.length} objects) -> modules/libc/libc.bc, headers -> modules/libc/include/`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
