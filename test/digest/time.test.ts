import { describe, expect, it } from "vitest";
import { localDate, localTime, offsetMinutes, zonedInstant } from "../../src/digest/time.ts";
import { nextDigestAt } from "../../src/digest/schedule.ts";

const iso = (d: Date): string => d.toISOString();

describe("local times in IANA zones", () => {
  it("knows fixed and half-hour offsets", () => {
    expect(iso(zonedInstant("2026-01-11", "08:00", "Asia/Karachi"))).toBe("2026-01-11T03:00:00.000Z");
    expect(iso(zonedInstant("2026-01-11", "08:00", "Asia/Kabul"))).toBe("2026-01-11T03:30:00.000Z");
    expect(offsetMinutes(Date.parse("2026-01-11T00:00:00Z"), "Asia/Kabul")).toBe(270);
    expect(iso(zonedInstant("2026-07-01", "08:00", "Europe/London"))).toBe("2026-07-01T07:00:00.000Z");
  });

  it("moves a time in the spring-forward gap forward by the gap, and takes the first of a repeated time", () => {
    expect(iso(zonedInstant("2026-03-08", "02:30", "America/New_York"))).toBe("2026-03-08T07:30:00.000Z"); // 03:30 EDT
    expect(iso(zonedInstant("2026-11-01", "01:30", "America/New_York"))).toBe("2026-11-01T05:30:00.000Z"); // 01:30 EDT, not EST
    expect(iso(zonedInstant("2026-03-29", "01:30", "Europe/London"))).toBe("2026-03-29T01:30:00.000Z"); // 02:30 BST
  });

  it("reads the local date and time of an instant", () => {
    const at = new Date("2026-01-10T20:00:00Z");
    expect(localDate(at, "Asia/Karachi")).toBe("2026-01-11");
    expect(localTime(at, "Asia/Karachi")).toBe("01:00");
    expect(localDate(at, "America/New_York")).toBe("2026-01-10");
  });

  it("tells the next digest time", () => {
    const sub = { localTime: "08:00", timezone: "Asia/Karachi" };
    expect(iso(nextDigestAt(sub, new Date("2026-01-11T02:00:00Z")))).toBe("2026-01-11T03:00:00.000Z");
    expect(iso(nextDigestAt(sub, new Date("2026-01-11T04:00:00Z")))).toBe("2026-01-12T03:00:00.000Z");
  });
});
