/**
 * A long Markdown article of the beat's ordinary prose (places, groups, quotes, dates), `bytes` long or a little
 * more: what a desk might /ingest as a long report, big enough that ingesting it takes seconds.
 */
export function bigArticle(bytes: number): Buffer {
  const places = ["Bajaur", "Peshawar", "Quetta", "Chaman", "Torkham", "Khost", "Kabul", "Jalalabad", "Miranshah", "Kandahar"];
  const groups = ["TTP", "the Pakistan Army", "the Afghan Taliban", "Islamic State Khorasan", "the Baloch Liberation Army"];
  const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const parts = ["# A long report from the border\n\nPublished 11 January 2025.\n"];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const place = places[i % places.length] ?? "";
    const group = groups[(i * 3) % groups.length] ?? "";
    const day = days[i % days.length] ?? "";
    const month = months[(i * 5) % months.length] ?? "";
    const p =
      `\nOfficials in ${place} said on ${day} that fighters of ${group} attacked a checkpoint on ${(i % 28) + 1} ${month} 2024, killing ${i % 9} soldiers and wounding ${i % 13} more. ` +
      `“We will not allow anyone to use our soil against a neighbour,” a spokesman said, adding that talks would continue. ` +
      `Traders at the crossing said the road had been closed for ${(i % 6) + 1} days and that trucks were waiting on both sides.\n`;
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  return Buffer.from(parts.join(""));
}
