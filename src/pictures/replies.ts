import type { Deps } from "../commands/types.ts";
import type { Entity } from "../db/schema.ts";
import type { FileModel } from "../render/reply.ts";
import type { StackBy } from "./chart.ts";
import { drawPicture, type PictureRequest } from "./draw.ts";

/** The pictures as reply attachments, shared by /chart, /timeline chart:true and /map. */

export { fileName, rangeText } from "./names.ts";

export interface PictureAttachment {
  file: FileModel;
  /** Events matched by the filter (drawn or not). */
  total: number;
  summary: string;
}

/** Drawn by the bot's worker pool when it has one (deps.workers), on this thread otherwise. */
async function attach(deps: Deps, req: PictureRequest): Promise<PictureAttachment> {
  const drawn = deps.workers ? await deps.workers.draw(req) : drawPicture(deps.db, req);
  const data = Buffer.isBuffer(drawn.png) ? drawn.png : Buffer.from(drawn.png.buffer, drawn.png.byteOffset, drawn.png.byteLength);
  return { file: { name: drawn.name, data, description: drawn.alt }, total: drawn.total, summary: drawn.summary };
}

const subject = (e: Entity) => ({ id: e.id, name: e.name, slug: e.slug });

export function chartAttachment(deps: Deps, entity: Entity, from: string | undefined, to: string | undefined, by: StackBy): Promise<PictureAttachment> {
  return attach(deps, { kind: "chart", entity: subject(entity), from, to, by });
}

export function mapAttachment(deps: Deps, entity: Entity | undefined, from: string | undefined, to: string | undefined): Promise<PictureAttachment> {
  return attach(deps, { kind: "map", entity: entity ? subject(entity) : undefined, from, to });
}
