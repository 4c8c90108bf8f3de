import { createRequire } from "node:module";
import { lazyRequire } from "../lazy.ts";

const resvg = lazyRequire<typeof import("@resvg/resvg-js")>("@resvg/resvg-js");

/**
 * Rasterising: SVG in, PNG out, with resvg (Rust, prebuilt binaries shipped in the npm package) and
 * DejaVu Sans from the dejavu-fonts-ttf package. System fonts are never loaded, so a chart renders
 * the same pixels on a laptop, CI and the bot's server.
 */

const require = createRequire(import.meta.url);

export const FONT_FAMILY = "DejaVu Sans";

/** The TTF files resvg may use; DejaVu covers Latin, Cyrillic, Greek and basic Arabic script. */
export const FONT_FILES: readonly string[] = [require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")];

export interface Picture {
  png: Buffer;
  width: number;
  height: number;
  /** Alt text for the attachment: what the picture shows, in words. */
  alt: string;
}

/** Renders an SVG document to PNG at its own size (the SVG's width and height attributes). */
export function rasterise(svg: string): { png: Buffer; width: number; height: number } {
  const r = new (resvg().Resvg)(svg, {
    font: { fontFiles: [...FONT_FILES], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  const img = r.render();
  return { png: img.asPng(), width: img.width, height: img.height };
}
