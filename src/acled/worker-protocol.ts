import type { AcledLayout } from "./map.ts";
import type { PackedValue } from "./packed.ts";

/** A row the worker could not take, placed before the `at`-th packed row of its batch. */
export interface RefusedRow {
  at: number;
  line: number;
  id?: string;
  reason: string;
}

/** What the parse worker (parse-worker.ts) posts to the import; the import answers each batch with an acknowledgement. */
export type WorkerMessage =
  | { kind: "header"; layout: AcledLayout; width: number }
  | { kind: "batch"; values: PackedValue[]; refused: RefusedRow[] }
  | { kind: "end"; nulBytes: number }
  | { kind: "fatal"; header: boolean; message: string; code?: string };
