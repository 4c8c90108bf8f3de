import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

/** Reference images live beside the tests; `UPDATE_REFERENCE=1 npx vitest run test/pictures` rewrites them. */
export const REFERENCE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "reference");
export const UPDATING = process.env.UPDATE_REFERENCE === "1";

export function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

export interface Diff {
  /** Pixels where some channel differs by more than `threshold` (0–255). */
  differing: number;
  fraction: number;
  sameSize: boolean;
}

export function diffImages(a: Buffer, b: Buffer, threshold = 40): Diff {
  const x = decode(a);
  const y = decode(b);
  if (x.width !== y.width || x.height !== y.height) return { differing: Number.POSITIVE_INFINITY, fraction: 1, sameSize: false };
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((x.data[i + c] ?? 0) - (y.data[i + c] ?? 0)) > threshold) {
        differing++;
        break;
      }
    }
  }
  return { differing, fraction: differing / (x.width * x.height), sameSize: true };
}

/** The committed reference image (never written: for checks that a different render is caught). */
export function readReference(name: string): Buffer {
  return readFileSync(path.join(REFERENCE_DIR, `${name}.png`));
}

/** Compares a render with its committed reference (or writes the reference when updating). */
export function compareWithReference(name: string, png: Buffer): Diff & { reference: string } {
  const file = path.join(REFERENCE_DIR, `${name}.png`);
  if (UPDATING || !existsSync(file)) {
    if (!UPDATING) throw new Error(`No reference image ${file}. Run UPDATE_REFERENCE=1 npx vitest run test/pictures to create it from the renderer.`);
    mkdirSync(REFERENCE_DIR, { recursive: true });
    writeFileSync(file, png);
  }
  return { ...diffImages(png, readFileSync(file)), reference: file };
}
