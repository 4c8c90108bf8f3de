import { z } from "zod";
import type { CommandModule } from "../src/commands/types.ts";
import { COLORS } from "../src/render/reply.ts";

const input = z.object({});

export const help: CommandModule<z.infer<typeof input>> = {
  data: { name: "help", description: "What borderdesk can do" },
  input,
  run() {
    return {
      ephemeral: true,
      embeds: [
        {
          title: "borderdesk — the border desk's memory",
          color: COLORS.brand,
          description:
            "Looks things up in the desk's store of articles on the Afghanistan–Pakistan border: people, groups, places, dated incidents and attributed quotes, each with its source.",
          fields: [
            { name: "/who name", value: "Profile: aliases (TTP = Fitna al-Khawarij), quotes, events, articles." },
            { name: "/quote [speaker] [about] [random]", value: "What someone said, with date and source; full statements first." },
            { name: "/timeline subject [from] [to] [chart]", value: "Dated events for a group or place, newest first; chart:true attaches a chart." },
            { name: "/chart subject [from] [to] [by]", value: "Bar chart of events per week or month, by type or actor." },
            { name: "/map [subject] [from] [to]", value: "Map of Afghanistan and Pakistan, one marker per event." },
            { name: "/export subject [from] [to] [format]", value: "The events as CSV or JSON, with sources (quotes: /quote export:true)." },
            { name: "/onthisday [date]", value: "Incidents on this day in past years (01-11, 11 Jan, 2025-01-11)." },
            { name: "/search query", value: "Full-text search over articles and quotes." },
            { name: "/article id", value: "An article's card: entities, quotes, events, related pieces." },
            { name: "/digest …", value: "Editors: a daily 'on this date' briefing in a channel at its own local time." },
            { name: "/ingest · /review · /feeds", value: "Editors: add an article file, link or ACLED CSV; fix names and speakers extraction got wrong; follow RSS/Atom feeds." },
            { name: "/status · /settings", value: "Editors: is the bot healthy, what was posted today, what failed. Manage Server: time zone, editor role, quiet mode." },
          ],
          footer: "Claims stay claims: every incident shows who asserts it.",
        },
      ],
    };
  },
};
