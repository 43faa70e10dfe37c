/**
 * Paths inside an image, as users type them: "FIB.BC", "/SUB/X.BC", mtools' "::/SUB/X.BC",
 * backslashes as separators. Normalised to an absolute path with "." and ".." resolved; a ".."
 * above the root is refused.
 */
import { InputError } from "../errors.js";

export function normaliseImagePath(input: string, imageName: string): string {
  const text = input.startsWith("::") ? input.slice(2) : input;
  const parts: string[] = [];
  for (const part of text.split(/[/\\]/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) throw new InputError(imageName, `${input}: goes above the root directory`);
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** The last component of an absolute path ("" for the root). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function joinImagePath(directory: string, name: string): string {
  return directory === "/" ? `/${name}` : `${directory}/${name}`;
}
