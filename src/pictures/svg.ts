/** Small SVG-writing helpers shared by the chart and the map: escaping, text, colours, number formats. */

/** Escapes text for SVG character data and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/**
 * One look for every picture: an opaque light card with dark ink. Discord shows images as they are, so an
 * opaque background reads the same on its dark and light themes; transparent PNGs with dark text vanish
 * on the dark theme.
 */
export const THEME = {
  background: "#f7f6f2",
  border: "#d9d6cc",
  ink: "#1d1d1b",
  muted: "#5b5b57",
  grid: "#dedbd2",
  axis: "#8a877f",
} as const;

/**
 * Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), darkened slightly where
 * the original is too pale on a light background; grey is kept for "Other".
 */
export const SERIES_COLORS = ["#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d1f", "#332288"] as const;
export const OTHER_COLOR = "#9a9890";

export interface TextOptions {
  size: number;
  weight?: "normal" | "bold";
  fill?: string;
  anchor?: "start" | "middle" | "end";
  /** Draws a light outline under the text so labels stay readable over markers and borders. */
  halo?: boolean;
  rotate?: number;
}

export function text(x: number, y: number, content: string, o: TextOptions): string {
  const attrs = [
    `x="${fmt(x)}"`,
    `y="${fmt(y)}"`,
    `font-size="${o.size}"`,
    o.weight === "bold" ? `font-weight="bold"` : "",
    `fill="${o.fill ?? THEME.ink}"`,
    o.anchor && o.anchor !== "start" ? `text-anchor="${o.anchor}"` : "",
    o.halo ? `stroke="${THEME.background}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"` : "",
    o.rotate ? `transform="rotate(${o.rotate} ${fmt(x)} ${fmt(y)})"` : "",
  ].filter(Boolean);
  return `<text ${attrs.join(" ")}>${esc(content)}</text>`;
}

/** Numbers in SVG: at most one decimal, no "-0". */
export function fmt(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

/** Rough text width in pixels for DejaVu Sans (average advance ≈ 0.6 em), for layout decisions only. */
export function textWidth(content: string, size: number, bold = false): number {
  return [...content].length * size * (bold ? 0.66 : 0.6);
}

/** Cuts a label to fit `maxWidth` pixels, ending with "…". */
export function fitText(content: string, size: number, maxWidth: number, bold = false): string {
  if (textWidth(content, size, bold) <= maxWidth) return content;
  const chars = [...content];
  const keep = Math.max(1, Math.floor(maxWidth / (size * (bold ? 0.66 : 0.6))) - 1);
  return `${chars.slice(0, keep).join("").trimEnd()}…`;
}

/** "1,234". */
export function thousands(n: number): string {
  return n.toLocaleString("en-GB");
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${THEME.background}"/>`,
    ...body,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="none" stroke="${THEME.border}"/>`,
    `</svg>`,
  ].join("\n");
}
