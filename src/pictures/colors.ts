/**
 * One colour per event type, shared by the chart and the map so "clash" is the same orange in both.
 * Violence in warm colours, words (statements, accusations) in blues, diplomacy in greens, crossings in greys.
 */
export { typeColor } from "../incidents/vocabulary.ts";
