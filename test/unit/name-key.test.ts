/**
 * nameKey: the key a new name is grouped, reviewed and promoted by (seventeenth session, the second reader's leftover
 * of the sixteenth: honorifics spelled outside the list, and a given name alone after an honorific).
 */
import { describe, expect, it } from "vitest";
import { nameKey } from "../../src/text/normalize.ts";

describe("nameKey and the honorifics a name opens with", () => {
  it("drops an honorific however it is spelled before two words or more", () => {
    for (const spelled of ["Haji Ahmad Gul", "Hajji Ahmad Gul", "Alhaj Ahmad Gul", "HAJI AHMAD GUL", "Ahmad Gul"]) expect(nameKey(spelled)).toBe("ahmad gul");
    expect(nameKey("Mawlana Fazl Rahim")).toBe("fazl rahim");
    expect(nameKey("Moulana Fazl Rahim")).toBe("fazl rahim");
    expect(nameKey("Mulla Karim Dost")).toBe("karim dost");
    expect(nameKey("Molvi Faqir Khan")).toBe("faqir khan");
    expect(nameKey("Shaikh Abdul Rashid")).toBe("abdul rashid");
    expect(nameKey("Maulana Qari Abdul Rashid")).toBe("abdul rashid");
  });
  it("keeps it before one word, spelled one way: a given name alone is no one's key", () => {
    expect(nameKey("Mullah Omar")).toBe("mullah omar");
    expect(nameKey("Mulla Omar")).toBe("mullah omar");
    expect(nameKey("Haji Omar")).toBe("haji omar");
    expect(nameKey("Hajji Omar")).toBe("haji omar");
    expect(nameKey("Mullah Omar")).not.toBe(nameKey("Haji Omar"));
    expect(nameKey("Haji Camp")).toBe("haji camp");
    expect(nameKey("Mawlawi Sadiq")).toBe(nameKey("Maulvi Sadiq"));
  });
  it("leaves other names and an honorific alone as they are", () => {
    expect(nameKey("Omar")).toBe("omar");
    expect(nameKey("Haji")).toBe("haji");
    expect(nameKey("Imran Sheikh")).toBe("imran sheikh");
    expect(nameKey("Chaman Traders Union")).toBe("chaman traders union");
  });
});
