import type Database from "better-sqlite3";
import { slugify } from "../ingest/parse.ts";
import { normalizeName } from "../text/normalize.ts";
import { actorName } from "./map.ts";
import { defaultActorTable, type AcledActorTable } from "./actors.ts";

type Kind = "person" | "organisation" | "place";

interface Candidate {
  id: number;
  kind: Kind;
  parentId: number | null;
}

/** An ACLED actor: the entity it is, or a group label shown as written (never an organisation). */
export interface ResolvedActor {
  id: number | null;
  label?: string;
}

export interface NewPlace {
  name: string;
  subtype: "country" | "province" | "district" | "locality";
  parentId: number | null;
  lat?: number | null;
  lon?: number | null;
}

/**
 * Resolves ACLED's names (actors, country, admin1, admin2, location) to entities through the gazetteer's
 * aliases, by normalised name, and creates the ones the store does not know (origin "acled") with the name as
 * an alias, so the next import and the next article find them. Caches by name: a big export names the same
 * few hundred places and actors again and again.
 */
export class AcledEntityResolver {
  private readonly cache = new Map<string, number | null>();
  private readonly byNorm: Database.Statement<[string], Candidate>;
  private readonly slugTaken: Database.Statement<[string], { id: number }>;
  private readonly insertEntity: Database.Statement<[string, Kind, string | null, string, number | null, number | null, number | null]>;
  private readonly insertAlias: Database.Statement<[number, string, string]>;
  /** Entities created by this import. */
  created = 0;

  private readonly bySlug: Database.Statement<[string], { id: number }>;

  constructor(
    sqlite: Database.Database,
    private readonly table: AcledActorTable = defaultActorTable(),
  ) {
    this.bySlug = sqlite.prepare("select id from entities where slug = ?");
    this.byNorm = sqlite.prepare(
      "select distinct e.id as id, e.kind as kind, e.parent_id as parentId from aliases a join entities e on e.id = a.entity_id where a.norm = ? order by e.mention_count desc, e.id",
    );
    this.slugTaken = sqlite.prepare("select id from entities where slug = ?");
    this.insertEntity = sqlite.prepare("insert into entities (slug, kind, subtype, name, lat, lon, parent_id, origin) values (?, ?, ?, ?, ?, ?, ?, 'acled')");
    this.insertAlias = sqlite.prepare("insert into aliases (entity_id, text, norm, kind) values (?, ?, ?, 'name') on conflict do nothing");
  }

  private readonly rows = new Map<string, number | null>();

  /**
   * The most specific place an ACLED row names (its location, else admin2, admin1, country), each level
   * resolved under the one above and created when missing. Cached by the four names: a big export repeats a
   * few hundred combinations a million times.
   */
  placeOfRow(country: string, admin1: string | null, admin2: string | null, location: string | null, lat: number | null, lon: number | null): number | null {
    const key = `${country}\u001f${admin1 ?? ""}\u001f${admin2 ?? ""}\u001f${location ?? ""}`;
    const hit = this.rows.get(key);
    if (hit !== undefined) return hit;
    const c = this.place({ name: country, subtype: "country", parentId: null });
    const a1 = admin1 ? this.place({ name: admin1, subtype: "province", parentId: c }) : c;
    const a2 = admin2 ? this.place({ name: admin2, subtype: "district", parentId: a1 }) : a1;
    const id = location ? this.place({ name: location, subtype: "locality", parentId: a2, lat, lon }) : a2;
    this.rows.set(key, id);
    return id;
  }

  private readonly rawActors = new Map<string, ResolvedActor>();

  /**
   * An actor as an ACLED row writes it: a group label ("Journalists (Pakistan)", "Civilians (Pakistan)") stays a
   * label; a name in the ACLED actor table ("Islamic State (Afghanistan)", "Military Forces of Pakistan (2018-)")
   * is the gazetteer entity it names; any other name is the entity of that name without its period, created
   * when the store does not know it, with the name as written filed as an alias. Cached by the text.
   */
  actorOfRow(raw: string): ResolvedActor {
    const hit = this.rawActors.get(raw);
    if (hit !== undefined) return hit;
    const resolved = this.resolveActor(raw);
    this.rawActors.set(raw, resolved);
    return resolved;
  }

  private resolveActor(raw: string): ResolvedActor {
    const label = this.table.labelOf(raw);
    if (label !== undefined) return { id: null, label };
    const slug = this.table.entityOf(raw);
    if (slug !== undefined) {
      const id = this.bySlug.get(slug)?.id;
      if (id !== undefined) {
        this.addAlias(id, raw);
        return { id };
      }
    }
    const name = actorName(raw);
    if (!name) return { id: null };
    const id = this.actor(name);
    if (id !== null && name !== raw) this.addAlias(id, raw);
    return { id };
  }

  /**
   * A place by name under a parent: the place of that name inside the parent when there is one, else any place
   * of that name (the gazetteer may file a town under its province rather than its district), else a new place.
   */
  private place(p: NewPlace): number | null {
    // placeOfRow caches by the names as written; this cache joins spellings that normalise alike.
    const norm = normalizeName(p.name);
    if (!norm) return p.parentId;
    const key = `p|${p.parentId ?? ""}|${norm}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    // The gazetteer often names a district "Khyber District" where ACLED writes "Khyber".
    const suffix = p.subtype === "district" ? " district" : p.subtype === "province" ? " province" : "";
    let places = this.byNorm.all(norm).filter((c) => c.kind === "place");
    if (!places.length && suffix) places = this.byNorm.all(norm + suffix).filter((c) => c.kind === "place");
    const found = places.find((c) => c.parentId === p.parentId && p.parentId !== null) ?? places.find((c) => c.id === p.parentId) ?? places[0];
    const id = found?.id ?? this.create(p.name, norm, "place", p.subtype, p.parentId, p.lat ?? null, p.lon ?? null);
    this.cache.set(key, id);
    return id;
  }

  /**
   * An actor by name: an organisation or person the store knows by that name, else a new organisation. ACLED
   * writes many groups as "TTP: Tehrik-i-Taliban Pakistan": the full name, then the abbreviation, are tried.
   */
  private actor(name: string): number | null {
    const norm = normalizeName(name);
    if (!norm) return null;
    const key = `a|${norm}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const abbreviated = /^([^:]{1,15}):\s+(.+)$/.exec(name);
    const spellings = abbreviated?.[1] && abbreviated[2] ? [abbreviated[2], abbreviated[1], name] : [name];
    let id: number | undefined;
    for (const spelling of spellings) {
      const known = this.byNorm.all(normalizeName(spelling));
      id = (known.find((c) => c.kind === "organisation") ?? known.find((c) => c.kind === "person"))?.id;
      if (id !== undefined) break;
    }
    if (id === undefined) {
      const full = abbreviated?.[2] ?? name;
      id = this.create(full, normalizeName(full), "organisation", "ACLED actor", null, null, null);
      if (abbreviated?.[1]) this.insertAlias.run(id, abbreviated[1], normalizeName(abbreviated[1]));
    }
    if (abbreviated) this.addAlias(id, name);
    this.cache.set(key, id);
    return id;
  }

  /** Also file an extra spelling (ACLED's full actor name with its period) under an entity. */
  private addAlias(entityId: number, text: string): void {
    const key = `x|${entityId}|${text}`;
    if (this.cache.has(key)) return;
    this.cache.set(key, entityId);
    const norm = normalizeName(text);
    if (norm) this.insertAlias.run(entityId, text, norm);
  }

  private create(name: string, norm: string, kind: Kind, subtype: string | null, parentId: number | null, lat: number | null, lon: number | null): number {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; this.slugTaken.get(slug); n++) slug = `${base}-${n}`;
    const id = Number(this.insertEntity.run(slug, kind, subtype, name, lat, lon, parentId).lastInsertRowid);
    this.insertAlias.run(id, name, norm);
    this.created++;
    return id;
  }
}
