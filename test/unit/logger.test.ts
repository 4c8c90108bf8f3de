import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, MAX_LOG_STRING } from "../../src/logger.ts";

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe("log lines stay small", () => {
  it("never writes attachment bytes: a failed reply's error and payload log their sizes, not their bytes", async () => {
    const { lines, stream } = capture();
    const logger = createLogger("info", stream);
    const png = Buffer.alloc(750_000, 7);
    // What discord.js throws for a rejected reply: the request body, files and all, on the error.
    const err = Object.assign(new Error("Invalid Form Body"), { code: 50035, status: 400, method: "POST", url: "/interactions/1/x/callback", requestBody: { files: [{ name: "map.png", data: png }], json: { content: "x" } } });
    logger.error({ err, payload: { content: "A map", files: [{ name: "map.png", data: png }] }, command: "map" }, "reply failed");
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? "";
    expect(line.length).toBeLessThan(8_000);
    const parsed = JSON.parse(line) as { err: Record<string, unknown>; payload: { files: { data: string }[] }; command: string; msg: string };
    expect(parsed.err).toMatchObject({ message: "Invalid Form Body", code: 50035, status: 400, url: "/interactions/1/x/callback" });
    expect(parsed.err).not.toHaveProperty("requestBody");
    expect(parsed.payload.files[0]?.data).toBe("[750000 bytes]");
    expect(parsed).toMatchObject({ command: "map", msg: "reply failed" });
  });

  it("cuts long strings, long arrays and long messages, saying how long they were", async () => {
    const { lines, stream } = capture();
    const logger = createLogger("info", stream);
    logger.warn({ text: "x".repeat(100_000), ids: Array.from({ length: 10_000 }, (_, i) => i) }, "y".repeat(50_000));
    await new Promise((r) => setImmediate(r));
    const parsed = JSON.parse(lines[0] ?? "{}") as { text: string; ids: unknown[]; msg: string };
    expect(parsed.text).toBe(`${"x".repeat(MAX_LOG_STRING)}… (100000 characters)`);
    expect(parsed.ids).toHaveLength(51);
    expect(parsed.ids[50]).toBe("… (10000 items)");
    expect(parsed.msg.length).toBeLessThan(MAX_LOG_STRING + 40);
  });
});
