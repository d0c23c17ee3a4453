// The registry mirror our halls and CI use serves only the linux-x64 builds of native packages, so
// `npm install` leaves the other platforms' optional packages out of package-lock.json and `npm ci`
// then refuses the lockfile. This adds those entries (platform-restricted, never fetched on linux-x64).
// Usage: node scripts/lock-foreign-platforms.mjs [path/to/package-lock.json] (default: the project's).
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = process.argv[2] ?? new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const osNames = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "openbsd",
  "openharmony",
  "win32",
  "sunos",
  "aix",
  "netbsd",
];
const cpuNames = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "mips64el"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => osNames.includes(p));
  let cpu = parts.find((p) => cpuNames.includes(p));
  if (!cpu && parts.includes("eabi")) cpu = "arm";
  if (!cpu && parts.some((p) => p.startsWith("gnueabihf") || p.startsWith("musleabihf"))) cpu = "arm";
  const libc = parts.some((p) => p.startsWith("musl"))
    ? "musl"
    : os === "linux" && parts.some((p) => p.startsWith("gnu"))
      ? "glibc"
      : undefined;
  if (!os || !cpu) throw new Error(`cannot tell the platform of optional package ${name}`);
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key] || packages[`${path}/node_modules/${dep}`]) continue;
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    const { os, cpu, libc } = platformOf(dep);
    packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} foreign-platform entries`);
