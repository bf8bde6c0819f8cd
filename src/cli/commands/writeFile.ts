// Writing a file an author will edit: never over one that exists unless asked (--force), or to
// stdout when the file is `-`.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../exitCodes.js';
import type { Io } from '../io.js';

/** Writes `text` to `file` (stdout for `-`), refusing to replace an existing file without `force`. Returns the path as shown. */
export function writeAuthorFile(io: Io, file: string, text: string, force: boolean | undefined): string {
  if (file === '-') {
    io.write(text);
    return '-';
  }
  const resolved = path.resolve(file);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory())
    throw new UsageError(`${file} is a folder: give --out a file name, such as ${path.join(file, 'policy.yaml')}`);
  if (fs.existsSync(resolved) && !force)
    throw new UsageError(`${file} exists already: give --force to replace it, or --out another file`);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  fs.writeFileSync(resolved, text);
  return path.relative(process.cwd(), resolved) || file;
}
