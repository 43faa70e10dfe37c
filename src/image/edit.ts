/**
 * `mkimg rm`, `mkimg mkdir`, `mkimg mv`: small changes to an image, each one transaction.
 * rm takes several paths (all removed, or none); directories must be empty. mv into an
 * existing directory moves under it, as mv(1) does; a directory cannot move into itself.
 */
import { InputError } from "../errors.js";
import { baseName, joinImagePath, normaliseImagePath } from "./paths.js";
import { changeImage, type ImageOptions } from "./session.js";

export async function removeFiles(imagePath: string, targets: string[], options: ImageOptions): Promise<string[]> {
  const paths = targets.map((target) => normaliseImagePath(target, imagePath));
  return changeImage(imagePath, options, (volume) => {
    for (const target of paths) {
      if (target === "/") throw new InputError(imagePath, "/: cannot remove the root directory");
      volume.remove(target);
    }
    return paths;
  });
}

export async function makeDirectory(imagePath: string, target: string, options: ImageOptions): Promise<string> {
  const directory = normaliseImagePath(target, imagePath);
  if (directory === "/") throw new InputError(imagePath, "/: already exists");
  return changeImage(imagePath, options, (volume) => {
    volume.mkdir(directory);
    return directory;
  });
}

export async function moveFile(imagePath: string, from: string, to: string, options: ImageOptions): Promise<string> {
  const source = normaliseImagePath(from, imagePath);
  let destination = normaliseImagePath(to, imagePath);
  if (source === "/") throw new InputError(imagePath, "/: cannot move the root directory");
  return changeImage(imagePath, options, (volume) => {
    if (volume.entry(destination)?.isDirectory === true) destination = joinImagePath(destination, baseName(source));
    volume.rename(source, destination);
    return destination;
  });
}
