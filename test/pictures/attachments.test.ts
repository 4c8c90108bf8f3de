import { describe, expect, it } from "vitest";
import { renderMessage, renderPayload } from "../../src/render/payload.ts";

describe("attachments in the rendered message", () => {
  it("keeps the payload JSON, lists files in attachments, and links only images that were sent", () => {
    const data = Buffer.from("png bytes");
    const { payload, files } = renderMessage({
      embeds: [{ title: "Chart", image: "attachment://chart.png" }, { title: "Broken", image: "attachment://missing.png" }],
      files: [{ name: "chart.png", data, description: "Bar chart." }, { name: "../../etc/passwd", data }],
    });
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
    expect(payload.embeds?.[0]?.image).toEqual({ url: "attachment://chart.png" });
    expect(payload.embeds?.[1]?.image).toBeUndefined();
    expect(files.map((f) => f.name)).toEqual(["chart.png", ".._.._etc_passwd"]);
    expect(payload.attachments).toEqual([
      { id: "0", filename: "chart.png", description: "Bar chart." },
      { id: "1", filename: ".._.._etc_passwd" },
    ]);
    expect(renderPayload({ files: [{ name: "a.csv", data }] }).content).toBeUndefined();
    expect(renderPayload({}).content).toBe("Nothing to show.");
  });
});
