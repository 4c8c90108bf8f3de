/** Discord epoch (2015-01-01T00:00:00.000Z) in milliseconds. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

/**
 * A realistic snowflake (19 digits for current timestamps): timestamp << 22 | worker << 17 | process << 12 | increment.
 * Ids made in the same millisecond stay unique and increase.
 */
export function makeSnowflake(timestampMs: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  const ts = BigInt(Math.floor(timestampMs)) - DISCORD_EPOCH;
  return ((ts << 22n) | (1n << 17n) | (1n << 12n) | increment).toString();
}

/** The shard a guild lives on: (guildId >> 22) % shardCount, as Discord computes it. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A fresh guild id that lands on `shardId` out of `shardCount` shards. */
export function guildIdForShard(shardId: number, shardCount: number): string {
  if (shardId < 0 || shardId >= shardCount) throw new RangeError(`shard ${shardId} is outside 0..${shardCount - 1}`);
  const now = Date.now();
  for (let offset = 0; offset < shardCount * 4; offset += 1) {
    const id = makeSnowflake(now - offset);
    if (shardForGuild(id, shardCount) === shardId) return id;
  }
  throw new Error("unreachable: no snowflake found for shard");
}
