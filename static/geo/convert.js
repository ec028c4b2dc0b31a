const fs = require("fs");
const topojson = require("topojson-client");
const topo = JSON.parse(fs.readFileSync("node_modules/us-atlas/states-10m.json"));
const geo = topojson.feature(topo, topo.objects.states);
const round = (c) => Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0]*100)/100, Math.round(c[1]*100)/100];
for (const f of geo.features) { f.geometry.coordinates = round(f.geometry.coordinates); f.properties = {name: f.properties.name, fips: f.id}; }
fs.writeFileSync("us-states.geojson", JSON.stringify(geo));
