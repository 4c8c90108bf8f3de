/**
 * Generates an ACLED-shaped export (current 31-column layout) of any size, streamed to disk: the bench's input
 * and the memory test's. Seeded, so every run writes the same file.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { prng } from "../test/helpers/prng.ts";

const HEADER =
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const PLACES: [string, string, string, string, number, number][] = [
  ["Pakistan", "Khyber Pakhtunkhwa", "Bajaur", "Khar", 34.73, 71.52],
  ["Pakistan", "Khyber Pakhtunkhwa", "Kurram", "Parachinar", 33.9, 70.1],
  ["Pakistan", "Khyber Pakhtunkhwa", "North Waziristan", "Miranshah", 33.0, 70.07],
  ["Pakistan", "Khyber Pakhtunkhwa", "South Waziristan", "Wana", 32.3, 69.57],
  ["Pakistan", "Khyber Pakhtunkhwa", "Khyber", "Landi Kotal", 34.1, 71.14],
  ["Pakistan", "Khyber Pakhtunkhwa", "Peshawar", "Peshawar", 34.01, 71.58],
  ["Pakistan", "Khyber Pakhtunkhwa", "Dera Ismail Khan", "Dera Ismail Khan", 31.83, 70.9],
  ["Pakistan", "Khyber Pakhtunkhwa", "Lakki Marwat", "Lakki Marwat", 32.6, 70.91],
  ["Pakistan", "Balochistan", "Quetta", "Quetta", 30.18, 67.0],
  ["Pakistan", "Balochistan", "Kech", "Turbat", 26.0, 63.04],
  ["Pakistan", "Balochistan", "Chagai", "Dalbandin", 28.89, 64.41],
  ["Pakistan", "Balochistan", "Killa Abdullah", "Chaman", 30.92, 66.45],
  ["Afghanistan", "Kunar", "Asadabad", "Asadabad", 34.87, 71.15],
  ["Afghanistan", "Nangarhar", "Jalalabad", "Jalalabad", 34.43, 70.45],
  ["Afghanistan", "Khost", "Khost", "Khost", 33.34, 69.92],
  ["Afghanistan", "Paktika", "Barmal", "Barmal", 32.68, 69.25],
  ["Afghanistan", "Kabul", "Kabul", "Kabul", 34.53, 69.17],
  ["Afghanistan", "Kandahar", "Spin Boldak", "Spin Boldak", 31.0, 66.4],
];

const TYPES: [string, string, string][] = [
  ["Political violence", "Battles", "Armed clash"],
  ["Political violence", "Explosions/Remote violence", "Air/drone strike"],
  ["Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"],
  ["Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"],
  ["Political violence", "Violence against civilians", "Attack"],
  ["Demonstrations", "Protests", "Peaceful protest"],
  ["Strategic developments", "Strategic developments", "Arrests"],
];

const ACTORS = [
  "Military Forces of Pakistan (2024-)",
  "Police Forces of Pakistan (2024-)",
  "TTP: Tehrik-i-Taliban Pakistan",
  "Taliban",
  "Unidentified Armed Group (Pakistan)",
  "BLA: Baloch Liberation Army",
  "IS: Islamic State (Khorasan)",
  "Civilians (Pakistan)",
  "Civilians (Afghanistan)",
  "Protesters (Pakistan)",
  "Hafiz Gul Bahadur Group",
  "Lashkar-e-Islam",
];

const SOURCES = ["Dawn", "Express Tribune; Dawn", "Pajhwok", "Reuters", "The News; Geo TV", "\"Khorasan Diary\""];

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function acledRow(i: number, rand: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const [country, admin1, admin2, location, lat, lon] = pick(PLACES);
  const [disorder, type, sub] = pick(TYPES);
  const day = new Date(Date.UTC(2018, 0, 1) + Math.floor(rand() * 2900) * 86_400_000).toISOString().slice(0, 10);
  const tp = rand() < 0.85 ? 1 : rand() < 0.7 ? 2 : 3;
  const a1 = pick(ACTORS);
  const a2 = rand() < 0.6 ? pick(ACTORS) : "";
  const killed = rand() < 0.2 ? "" : String(Math.floor(rand() * 6));
  const notes = `On ${day}, ${a1} and ${a2 || "unknown assailants"} were involved in an incident (${sub.toLowerCase()}) in ${location}, ${admin2} district, ${admin1}. Sources said "${killed || "an unknown number of"}" people were killed; officials gave no further detail, pending investigation.`;
  const iso = country === "Pakistan" ? "586" : "4";
  const id = `${country === "Pakistan" ? "PAK" : "AFG"}${i + 1}`;
  return [
    id, day, day.slice(0, 4), tp, disorder, type, sub, a1, "", "State forces", a2, "", a2 ? "Rebel group" : "", "", "", iso, "South Asia", country, admin1, admin2, "",
    location, (lat + rand() / 10).toFixed(4), (lon + rand() / 10).toFixed(4), 1 + Math.floor(rand() * 3), pick(SOURCES), "National", notes, killed, "", 1_700_000_000 + i,
  ]
    .map((v) => q(String(v)))
    .join(",");
}

/** Writes `rows` data rows to `file`; returns its size in bytes. */
export async function generateAcledCsv(file: string, rows: number, seed = 20250111): Promise<number> {
  const rand = prng(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  let chunk: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    chunk.push(acledRow(i, rand));
    if (chunk.length >= 5000) {
      const text = `${chunk.join("\n")}\n`;
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, "drain");
      chunk = [];
    }
  }
  const text = chunk.length ? `${chunk.join("\n")}\n` : "";
  bytes += Buffer.byteLength(text);
  out.end(text);
  await once(out, "finish");
  return bytes;
}
