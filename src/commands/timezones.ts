/** IANA time zones as people type them: the one validation and the one autocomplete of /digest and /watch. */
import { z } from "zod";
import { isValidTimeZone } from "../config.ts";
import { offsetMinutes } from "../digest/time.ts";
import { LIMITS, truncate } from "../render/limits.ts";
import type { Choice, Deps } from "./types.ts";

/** What people type instead of an IANA name, and what they most likely mean. */
const ABBREVIATIONS: Record<string, string> = {
  PKT: "Asia/Karachi",
  AFT: "Asia/Kabul",
  IST: "Asia/Kolkata",
  EST: "America/New_York",
  EDT: "America/New_York",
  ET: "America/New_York",
  GMT: "Europe/London",
  BST: "Europe/London",
  CET: "Europe/Berlin",
  GST: "Asia/Dubai",
};

const FEATURED_ZONES = ["Asia/Karachi", "Asia/Kabul", "Asia/Kolkata", "Asia/Dubai", "Asia/Tehran", "Europe/London", "Europe/Berlin", "America/New_York", "UTC"];

function allZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
}

export const timezoneInput = z
  .string()
  .trim()
  .min(1, "Please give a time zone such as Asia/Karachi.")
  .max(64)
  .transform((v, ctx) => {
    if (isValidTimeZone(v)) {
      // Canonical spelling ("asia/karachi" → "Asia/Karachi").
      return new Intl.DateTimeFormat("en-US", { timeZone: v }).resolvedOptions().timeZone;
    }
    const hint = ABBREVIATIONS[v.toUpperCase()];
    ctx.addIssue({
      code: "custom",
      message: `“${truncate(v, 40)}” is not an IANA time zone name${hint ? ` — did you mean ${hint}?` : "."} Use a name like Asia/Karachi or America/New_York (pick one from the list).`,
    });
    return z.NEVER;
  });

/** Up to 25 zones for what was typed (featured ones when nothing was), each with its UTC offset now. */
export function timezoneChoices(deps: Deps, text: string): Choice[] {
  const typed = text.trim().toLowerCase().replaceAll(" ", "_");
  const zones = allZones();
  const hint = ABBREVIATIONS[typed.toUpperCase()];
  const ranked = typed
    ? zones
        .map((z) => {
          const l = z.toLowerCase();
          const city = l.slice(l.lastIndexOf("/") + 1);
          const rank = z === hint ? 0 : l.startsWith(typed) || city.startsWith(typed) ? 1 : l.includes(typed) ? 2 : 9;
          return { z, rank };
        })
        .filter((r) => r.rank < 9)
        .sort((a, b) => a.rank - b.rank || a.z.localeCompare(b.z))
        .map((r) => r.z)
    : FEATURED_ZONES.filter((z) => zones.includes(z));
  const now = deps.now().getTime();
  return ranked.slice(0, LIMITS.choices).map((z) => {
    const off = offsetMinutes(now, z);
    const sign = off < 0 ? "-" : "+";
    const abs = Math.abs(off);
    const label = `${z.replaceAll("_", " ")} (UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")})`;
    return { name: truncate(label, LIMITS.choiceName), value: z };
  });
}
