/** Which webhook targets Casework may call: https on public addresses, unless private targets are allowed. */
import { BlockList, isIP } from "node:net";

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  PRIVATE.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  PRIVATE.addSubnet(network, prefix, "ipv6");

/** Loopback, private, link-local, shared, multicast or unspecified: nothing a webhook may reach by default. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 0) return false;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  return PRIVATE.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/** Why `raw` is not an acceptable webhook URL, or null when it is. Names are checked again when connecting. */
export function targetProblem(raw: string, allowPrivate: boolean): string | null {
  if (!URL.canParse(raw)) return "must be an absolute URL";
  const url = new URL(raw);
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:"))
    return allowPrivate ? "must be an http or https URL" : "must be an https URL";
  if (url.username || url.password) return "must not carry credentials";
  if (raw.length > 2000) return "must be at most 2000 characters";
  const host = url.hostname.toLowerCase();
  if (!allowPrivate && (isPrivateAddress(host) || host === "localhost" || host.endsWith(".localhost")))
    return "must not point at a private, loopback or link-local address";
  return null;
}
