/**
 * The console end to end: a real server and Debian's Chromium, headless, through playwright-core. Without
 * Chromium the suite is skipped loudly, and fails under CI=true.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { loadConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const ADMIN = { email: "lead@example.com", password: "correct horse battery" };
const KEY = "cw_console_e2e_admin_key_0123456789";

const missing = !existsSync(CHROMIUM);
if (missing) {
  const message = `Chromium is not at ${CHROMIUM}: the console's browser tests are SKIPPED (apt-get install chromium).`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n!!! ${message}\n`);
}

describe("the console in Chromium", { skip: missing, timeout: 300_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };
  const signedInPage = async (path: string, viewport = { width: 1280, height: 900 }): Promise<Page> => {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(server.url + path);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    return page;
  };

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "casework-console-"));
    const config = loadConfig({
      PORT: "0",
      CASEWORK_DATA_DIR: dataDir,
      CASEWORK_ADMIN_KEY: KEY,
      CASEWORK_ADMIN_EMAIL: ADMIN.email,
      CASEWORK_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "silent",
    });
    server = await startServer(config, () => undefined);
    // playwright-core gives each launch a fresh, temporary --user-data-dir of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let caseUrl = "";
  let number = 0;

  test("a wrong password is told in words; the right one signs in", async () => {
    const context = await browser.newContext();
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That email and password do not match").waitFor();
    await page.getByText("does not match the email").waitFor();
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "All cases" }).waitFor();
  });

  test("a case created through Khoros opens at its url", async () => {
    const contact = await api("POST", "/api/v1/contacts", { name: "Jane Doe", email: "jane@example.com" });
    assert.equal(contact.status, 201, JSON.stringify(contact.body));
    for (let i = 0; i < 3; i++)
      await api("POST", "/api/v1/cases", { title: `Older case ${i}`, priority: "low" });
    const created = await api("POST", "/khoros/case", {
      customerId: contact.body.id,
      title: "Printer on fire",
      description: "Smoke from tray 2",
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    caseUrl = String(created.body.url);
    number = Number(created.body.number ?? created.body.id);
    assert.match(caseUrl, /\/w\/default\/cases\/\d+$/);
    const page = await signedInPage(new URL(caseUrl).pathname);
    await page.getByRole("heading", { name: /Printer on fire/ }).waitFor();
    await page.locator(".description", { hasText: "Smoke from tray 2" }).waitFor();
    await page.getByRole("link", { name: "Jane Doe" }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}case-wide.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}case-narrow.png`, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the case page fits 390 px (it is ${width} px wide)`);
  });

  test("the list: counts, a saved view, search and the keyboard", async () => {
    const page = await signedInPage("/w/default/cases");
    await page.getByRole("button", { name: /^new \(4\)/ }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}list-wide.png`, fullPage: true });
    await page.keyboard.press("/");
    await page.keyboard.type("Printer");
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Printer on fire" }).waitFor();
    assert.equal(await page.locator("tbody tr").count(), 1);
    await page.getByRole("link", { name: "Printer on fire" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /Printer on fire/ }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("heading", { name: "All cases" }).waitFor();
    await page.getByRole("button", { name: "Unassigned" }).click();
    await page.getByRole("heading", { name: "Unassigned" }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}list-narrow.png`, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the list fits 390 px (it is ${width} px wide)`);
  });

  test("a note, then resolving with a resolution, seen through the native API", async () => {
    const page = await signedInPage(`/w/default/cases/${number}`);
    await page.getByLabel("Internal note", { exact: true }).fill("Called the customer back");
    await page.getByRole("button", { name: "Add internal note" }).click();
    await page
      .locator(".entry.internal", { hasText: "Called the customer back" })
      .getByText("Internal")
      .waitFor();
    await page.getByLabel(/Move from new to/).selectOption("resolved");
    await page.getByLabel(/Resolution/).fill("Replaced the fuser");
    await page.getByRole("button", { name: "Change status" }).click();
    await page.getByText("Status: resolved").waitFor();
    const read = await api("GET", `/api/v1/cases/${number}`);
    assert.equal(read.body.status, "resolved");
    assert.equal(read.body.resolution, "Replaced the fuser");
    const timeline = await api("GET", `/api/v1/cases/${number}/timeline`);
    const notes = (timeline.body.data as { kind: string; visibility: string; body: string }[]).filter(
      (e) => e.kind === "note",
    );
    assert.deepEqual(
      notes.map((e) => [e.visibility, e.body]),
      [["internal", "Called the customer back"]],
    );
    const history = await api("GET", `/api/v1/cases/${number}/history`);
    assert.ok(
      (history.body.data as { actor: { label: string } }[]).some((r) => r.actor.label === ADMIN.email),
    );
  });

  test("a change in one page shows in the other within two seconds", async () => {
    const [a, b] = [
      await signedInPage(`/w/default/cases/${number}`),
      await signedInPage(`/w/default/cases/${number}`),
    ];
    await b.getByLabel(/Move from resolved to/).selectOption("open");
    await b.getByRole("button", { name: "Change status" }).click();
    await b.getByText("Status: open").waitFor();
    const started = Date.now();
    await a.getByText("Status: open").waitFor({ timeout: 2_000 });
    assert.ok(Date.now() - started <= 2_000);
  });

  test("a stale edit shows what changed and offers a reload; it overwrites nothing", async () => {
    const [a, b] = [
      await signedInPage(`/w/default/cases/${number}`),
      await signedInPage(`/w/default/cases/${number}`),
    ];
    await a.getByRole("button", { name: "Edit details" }).click();
    await a.getByLabel("Title", { exact: true }).fill("Title from A");
    await b.getByRole("button", { name: "Edit details" }).click();
    await b.getByLabel("Title", { exact: true }).fill("Title from B");
    await b.getByRole("button", { name: "Save" }).click();
    await b.getByRole("heading", { name: /Title from B/ }).waitFor();
    await a.getByRole("button", { name: "Save" }).click();
    const notice = a.getByRole("alert").filter({ hasText: "Someone else changed this case" });
    await notice.waitFor();
    await notice.getByText("title: Printer on fire → Title from B").waitFor();
    assert.equal((await api("GET", `/api/v1/cases/${number}`)).body.title, "Title from B");
    await notice.getByRole("button", { name: "Reload the case" }).click();
    await a.getByRole("heading", { name: /Title from B/ }).waitFor();
  });

  test("a validation error is shown beside its field", async () => {
    const page = await signedInPage(`/w/default/cases/${number}`);
    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel("Title", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .locator(".field.invalid", { has: page.getByLabel("Title", { exact: true }) })
      .locator(".field-error")
      .waitFor();
  });

  test("signing out ends the session", async () => {
    const page = await signedInPage("/w/default/cases");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Casework" }).waitFor();
    const me = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
    assert.equal(me, 401);
  });
});
