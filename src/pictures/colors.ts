/**
 * One colour per event type, shared by the chart and the map so "clash" is the same orange in both.
 * Violence in warm colours, words (statements, accusations) in blues, diplomacy in greens, crossings in greys.
 */
export const TYPE_COLORS: Record<string, string> = {
  airstrike: "#b2182b",
  shelling: "#e0603a",
  clash: "#e69f00",
  attack: "#8c510a",
  bombing: "#762a83",
  statement: "#56b4e9",
  accusation: "#0b5ea8",
  meeting: "#1b7837",
  talks: "#5aae61",
  agreement: "#00876c",
  ceasefire: "#7fbfb0",
  closure: "#4d4d4d",
  reopening: "#a6a6a6",
  other: "#c9b79c",
};

export function typeColor(type: string): string {
  return TYPE_COLORS[type] ?? TYPE_COLORS.other ?? "#999999";
}
