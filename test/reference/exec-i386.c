/*
 * exec-i386: runs an i386 program with execve(2) and nothing else. Built for the host (x86-64)
 * by test/reference/i386.mjs and used for every run of an i386 program on the real CPU.
 *
 * Why not spawn the program directly: when the kernel refuses an ELF (ENOEXEC, as on machines
 * without 32-bit emulation), execvp() and Node's spawn, which follows it, hand the file to
 * /bin/sh as a script, and the shell runs ELF bytes as commands. execve() has no such fallback:
 * on any failure this prints one line and exits with status 126.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: exec-i386 PROGRAM [ARG...]\n");
    return 126;
  }
  execve(argv[1], argv + 1, environ);
  fprintf(stderr, "exec-i386: %s: %s (errno %d)\n", argv[1], strerror(errno), errno);
  return 126;
}
