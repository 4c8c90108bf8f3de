/**
 * Places as linking and refreshing see them: a place's chain of ancestors, the places that meet it, the words of
 * its name, how two places relate, and the most specific place a set of reports agrees on. One walk of the
 * gazetteer's parent links for both (refresh.ts once had its own copy), memoised for one linking pass.
 */
import type Database from "better-sqlite3";
import { perConnection } from "../store/statements.ts";
import { contentWords } from "./words.ts";

/** Ancestors followed at most: the gazetteer is country → province → district → town, with room to spare. */
const MAX_DEPTH = 8;

const statements = perConnection((sqlite: Database.Database) => ({
  /** A place and its ancestors with their names, nearest first: one read per place instead of one per level. */
  up: sqlite.prepare<[number], { id: number; name: string }>(
    `with recursive up(id, name, parent, depth) as (
       select id, name, parent_id, 0 from entities where id = ?
       union all
       select e.id, e.name, e.parent_id, up.depth + 1 from entities e join up on e.id = up.parent where up.depth < ${MAX_DEPTH - 1})
     select id, name from up order by depth`,
  ),
  /** A place and the places inside it, with their names and parents, nearest first. */
  descendants: sqlite.prepare<[number], { id: number; name: string; parent: number | null }>(
    `with recursive d(id, depth) as (select ?, 0 union all select e.id, d.depth + 1 from entities e join d on e.parent_id = d.id where d.depth < ${MAX_DEPTH})
     select e.id, e.name, e.parent_id as parent from d join entities e on e.id = d.id order by d.depth`,
  ),
}));

export type PlaceRelation = { kind: "same" } | { kind: "nested"; levels: number; outerIsTop: boolean } | false;

/** A place and its ancestors, nearest first, with what linking asks of them (memoised: make one per pass). */
export class PlaceChains {
  private readonly st: ReturnType<typeof statements>;
  private readonly chains = new Map<number, number[]>();
  private readonly meetings = new Map<number, { json: string; set: Set<number> }>();
  private readonly wordSets = new Map<number, Set<string>>();
  private readonly names = new Map<number, string>();

  constructor(sqlite: Database.Database) {
    this.st = statements(sqlite);
  }

  chain(id: number): number[] {
    let c = this.chains.get(id);
    if (c) return c;
    c = [id];
    const [self, ...ancestors] = this.st.up.all(id);
    if (self) this.names.set(id, self.name);
    for (const p of ancestors) {
      if (c.includes(p.id)) break; // a loop in the parent links: stop where it closes
      c.push(p.id);
      this.names.set(p.id, p.name);
    }
    this.chains.set(id, c);
    return c;
  }

  /** JSON list of the places that meet this one: itself, those it is in and those inside it. */
  meeting(id: number): string {
    return this.meetingOf(id).json;
  }

  /** The places that meet this one, as meeting lists them. */
  meetingSet(id: number): ReadonlySet<number> {
    return this.meetingOf(id).set;
  }

  private meetingOf(id: number): { json: string; set: Set<number> } {
    let m = this.meetings.get(id);
    if (m === undefined) {
      const chain = this.chain(id);
      const inside = this.st.descendants.all(id);
      // The chains of the places inside it follow from the read (each is the place, then its parent's chain), as
      // chain() would read them: candidates are at these places, and scoring asks for their chains.
      for (const d of inside) {
        if (this.chains.has(d.id) || d.parent === null) continue;
        const up = this.chains.get(d.parent);
        if (!up) continue;
        const c = [d.id];
        for (const p of up) {
          if (c.length >= MAX_DEPTH || c.includes(p)) break;
          c.push(p);
        }
        this.chains.set(d.id, c);
        this.names.set(d.id, d.name);
      }
      const set = new Set([...chain, ...inside.map((d) => d.id)]);
      m = { json: JSON.stringify([...set]), set };
      this.meetings.set(id, m);
    }
    return m;
  }

  /** The words of a place's name and of the places it is in: shared by every report there, so they prove nothing. */
  words(id: number): Set<string> {
    let w = this.wordSets.get(id);
    if (!w) {
      w = new Set<string>();
      for (const p of this.chain(id)) for (const x of contentWords(this.names.get(p) ?? "")) w.add(x);
      this.wordSets.set(id, w);
    }
    return w;
  }

  /** "same", "nested" (one inside the other, with how many levels apart), or false when they do not meet. */
  relation(a: number, b: number): PlaceRelation {
    if (a === b) return { kind: "same" };
    const ca = this.chain(a);
    const cb = this.chain(b);
    const ia = ca.indexOf(b);
    if (ia > 0) return { kind: "nested", levels: ia, outerIsTop: ia === ca.length - 1 };
    const ib = cb.indexOf(a);
    if (ib > 0) return { kind: "nested", levels: ib, outerIsTop: ib === cb.length - 1 };
    return false;
  }

  /**
   * The most specific place the reports agree on: the deepest place that every other report's place contains
   * (Sarkano when the others say Kunar or Afghanistan); when two reports name places apart, the nearest place that
   * holds them both. A function of the set of places, not of their order.
   */
  agreed(placeIds: Iterable<number>): number | null {
    const ids = [...new Set(placeIds)];
    if (ids.length <= 1) return ids[0] ?? null; // one place agrees with itself: no walk needed
    const chains = ids.map((id) => this.chain(id));
    const deepest = chains.reduce((a, b) => (b.length > a.length ? b : a));
    if (chains.every((c) => deepest.includes(c[0] as number))) return deepest[0] ?? null;
    // The nearest common ancestor of all of them.
    for (const candidate of chains[0] ?? []) if (chains.every((c) => c.includes(candidate))) return candidate;
    return null;
  }
}
