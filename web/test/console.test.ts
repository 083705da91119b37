/**
 * The console end to end: a real server and Debian's Chromium, headless, through playwright-core. Without
 * Chromium the suite is skipped loudly, and fails under CI=true.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { loadConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { type LowContrast, lowContrast } from "./contrast.ts";

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
  // The administrator signs in through the form once; later pages reuse that session's cookie.
  let adminSession: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
  const signedInPage = async (
    path: string,
    { viewport = { width: 1280, height: 900 }, as = ADMIN, watch = (_page: Page) => {} } = {},
  ): Promise<Page> => {
    const reuse = as === ADMIN ? adminSession : undefined;
    const context = await browser.newContext({ viewport, ...(reuse ? { storageState: reuse } : {}) });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    watch(page);
    await page.goto(server.url + path);
    if (!reuse) {
      await page.getByLabel("Email").fill(as.email);
      await page.getByLabel("Password").fill(as.password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    if (as === ADMIN) adminSession ??= await context.storageState();
    return page;
  };
  /** The titles in the list, once the list has the rows it asked for. */
  const titlesShown = async (page: Page) => {
    await page.locator('section[aria-busy="false"]').waitFor();
    return page.locator("tbody a.case-link").allTextContents();
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
  const bulk: number[] = [];

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
    const older: number[] = [];
    for (let i = 0; i < 3; i++)
      older.push(
        Number(
          (await api("POST", "/api/v1/cases", { title: `Older case ${i}`, priority: "low" })).body.number,
        ),
      );
    const created = await api("POST", "/khoros/case", {
      customerId: contact.body.id,
      title: "Printer on fire",
      description: "Smoke from tray 2",
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    caseUrl = String(created.body.url);
    number = Number(created.body.number ?? created.body.id);
    assert.match(caseUrl, /\/w\/default\/cases\/\d+$/);
    const sub = await api("PATCH", `/api/v1/cases/${older[0]}`, { parentId: String(number) });
    assert.equal(sub.status, 200, JSON.stringify(sub.body));
    const post = await api("POST", `/api/v1/cases/${number}/timeline`, {
      kind: "interaction",
      visibility: "public",
      body: "@brand my printer is smoking",
      origin: {
        service: "twitter",
        linkUrl: "https://social.example/janedoe/status/1",
        author: { service: "twitter", serviceId: "77", handle: "janedoe", name: "Jane", brandOwned: false },
      },
    });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    const page = await signedInPage(new URL(caseUrl).pathname);
    await page.getByRole("heading", { name: /Printer on fire/ }).waitFor();
    await page.locator(".description", { hasText: "Smoke from tray 2" }).waitFor();
    await page.getByRole("link", { name: "Jane Doe" }).waitFor();
    const interaction = page.locator(".entry.public", { hasText: "my printer is smoking" });
    await interaction.getByText(/Interaction on twitter by @janedoe \(Jane\)/).waitFor();
    assert.equal(
      await interaction.getByRole("link", { name: "original post" }).getAttribute("href"),
      "https://social.example/janedoe/status/1",
    );
    await page.getByRole("link", { name: `#${older[0]} Older case 0` }).click();
    await page.getByRole("link", { name: `#${number}` }).click();
    await page.getByRole("heading", { name: /Printer on fire/ }).waitFor();
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
    assert.deepEqual(await titlesShown(page), ["Printer on fire"]);
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

  test("the list pages on by keyset and back; j and k move, and the list keeps its page", async () => {
    for (let i = 0; i < 25; i++) {
      const created = await api("POST", "/api/v1/cases", { title: `Bulk case ${i}` });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      bulk.push(Number(created.body.number));
    }
    const page = await signedInPage("/w/default/cases");
    await page.getByText("Page 1").waitFor();
    const first = await titlesShown(page);
    assert.equal(first.length, 25);
    await page.getByRole("button", { name: "Next page →" }).click();
    await page.getByText("Page 2").waitFor();
    const second = await titlesShown(page);
    assert.equal(second.length, 4, `the second page holds the rest: ${second.join(", ")}`);
    assert.ok(!second.some((title) => first.includes(title)), "no case shows on both pages");
    assert.ok(await page.getByRole("button", { name: "Next page →" }).isDisabled());
    await page.getByRole("button", { name: "← Previous page" }).click();
    await page.getByText("Page 1").waitFor();
    assert.deepEqual(await titlesShown(page), first);
    await page.getByRole("button", { name: "Next page →" }).click();
    await page.getByText("Page 2").waitFor();
    for (const key of ["j", "j", "ArrowDown", "k"]) await page.keyboard.press(key);
    assert.equal(await page.locator("tbody tr.selected a").textContent(), second[2]);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: second[2] }).waitFor();
    await page.keyboard.press("u");
    await page.getByText("Page 2").waitFor();
    assert.deepEqual(await titlesShown(page), second);
  });

  test("the list shows another client's changes through the event stream, without polling", async () => {
    const streams: string[] = [];
    const reads: string[] = [];
    const page = await signedInPage("/w/default/cases", {
      watch: (page) =>
        page.on("request", (request) => {
          if (request.resourceType() === "eventsource") streams.push(request.url());
          else if (new URL(request.url()).pathname.startsWith("/api/v1/cases")) reads.push(request.url());
        }),
    });
    await page.getByText("Page 1").waitFor();
    assert.deepEqual(
      streams.map((url) => new URL(url).pathname),
      ["/api/v1/events"],
      "the list listens to the event stream",
    );
    reads.length = 0;
    await page.waitForTimeout(2_000);
    assert.deepEqual(reads, [], "nothing polls while nothing changes");
    let started = Date.now();
    const changed = await api("PATCH", `/api/v1/cases/${bulk[0]}`, { title: "Changed elsewhere" });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await page.getByRole("link", { name: "Changed elsewhere" }).waitFor({ timeout: 1_500 });
    assert.ok(Date.now() - started < 1_500, "the change came sooner than any poll would have");
    started = Date.now();
    await api("POST", "/api/v1/cases", { title: "Brand new elsewhere" });
    await page.getByRole("link", { name: "Brand new elsewhere" }).waitFor({ timeout: 1_500 });
    assert.ok(Date.now() - started < 1_500);
    assert.equal((await titlesShown(page))[0], "Brand new elsewhere");
  });

  test("a note, then resolving with a resolution, seen through the native API", async () => {
    const page = await signedInPage(`/w/default/cases/${number}`);
    // The case first: `n` focuses the note field, which exists once the case is shown.
    await page.locator("#f-body").waitFor();
    await page.keyboard.press("n");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-body", "n writes a note");
    await page.keyboard.type("Called the customer back");
    await page.getByRole("button", { name: "Add internal note" }).click();
    await page
      .locator(".entry.internal", { hasText: "Called the customer back" })
      .getByText("Internal")
      .waitFor();
    await page.getByLabel(/Public reply/).check();
    await page.getByLabel("Public reply", { exact: true }).fill("We are on it");
    await page.getByRole("button", { name: "Send public reply" }).click();
    await page.locator(".entry.public", { hasText: "We are on it" }).getByText("Public").waitFor();
    await page.getByRole("button", { name: "Assign to me" }).click();
    await page.getByRole("button", { name: "Assign to me" }).waitFor({ state: "detached" });
    const me = await page.evaluate(async () => (await (await fetch("/api/v1/me")).json()).id);
    assert.equal((await api("GET", `/api/v1/cases/${number}`)).body.assigneeId, me);
    assert.match(await page.getByLabel("Assignee", { exact: true }).inputValue(), new RegExp(`^${me}$`));
    await page.getByLabel(/Move from open to/).selectOption("resolved");
    await page.getByLabel(/Resolution/).fill("Replaced the fuser");
    await page.getByRole("button", { name: "Change status" }).click();
    await page.getByText("Status: resolved", { exact: true }).waitFor();
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
    const replies = (timeline.body.data as { kind: string; visibility: string; body: string }[]).filter(
      (e) => e.kind === "message",
    );
    assert.deepEqual(
      replies.map((e) => [e.visibility, e.body]),
      [["public", "We are on it"]],
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
    await b.getByText("Status: open", { exact: true }).waitFor();
    const started = Date.now();
    await a.getByText("Status: open", { exact: true }).waitFor({ timeout: 2_000 });
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
    const notice = a.getByRole("alert").filter({ hasText: "Someone else changed this case" });
    await notice.getByText("title: Printer on fire → Title from B").waitFor({ timeout: 2_000 });
    assert.equal(await a.getByLabel("Title", { exact: true }).inputValue(), "Title from A", "A's edit stays");
    const refused = a.waitForResponse((response) => response.request().method() === "PATCH");
    await a.getByRole("button", { name: "Save" }).click();
    assert.equal((await refused).status(), 412, "the stale save was sent with If-Match and refused");
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

  test("custom fields are edited through the input their type calls for", async () => {
    const options = (...labels: string[]) => labels.map((label) => ({ value: label.toLowerCase(), label }));
    const definitions = [
      { key: "order_ref", label: "Order reference", type: "text" },
      { key: "units", label: "Units", type: "integer" },
      { key: "weight", label: "Weight in kg", type: "decimal" },
      { key: "due_on", label: "Due on", type: "date" },
      { key: "vip", label: "VIP customer", type: "checkbox" },
      { key: "channel", label: "Channel", type: "select", options: options("Phone", "Mail") },
      { key: "products", label: "Products", type: "multi_select", options: options("Printers", "Scanners") },
      {
        key: "area",
        label: "Area",
        type: "dependent_select",
        options: [{ value: "hw", label: "Hardware", children: [{ value: "tray", label: "Paper tray" }] }],
      },
      { key: "shipping", label: "Shipping", type: "heading" },
      { key: "notify", label: "Notify address", type: "email" },
      { key: "extra", label: "Extra data", type: "json" },
    ];
    for (const definition of definitions) {
      const created = await api("POST", "/api/v1/fields", { object: "case", ...definition });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    const page = await signedInPage(`/w/default/cases/${number}`);
    await page.getByRole("button", { name: "Edit details" }).click();
    const input = (label: string) => page.getByLabel(label, { exact: true });
    const types = async (labels: string[]) =>
      Promise.all(labels.map(async (label) => (await input(label).getAttribute("type")) ?? ""));
    assert.deepEqual(
      await types(["Order reference", "Units", "Weight in kg", "Due on", "VIP customer", "Notify address"]),
      ["text", "number", "number", "date", "checkbox", "email"],
    );
    assert.equal(await input("Extra data").evaluate((e) => e.tagName), "TEXTAREA");
    await page.getByRole("heading", { name: "Shipping", exact: true }).waitFor();
    assert.equal(await input("Channel").evaluate((e) => e.tagName), "SELECT");
    await input("Order reference").fill("PO-77");
    await input("Units").fill("3");
    await input("Weight in kg").fill("2.5");
    await input("Due on").fill("2026-12-24");
    await input("VIP customer").check();
    await input("Channel").selectOption({ label: "Mail" });
    await page.getByRole("group", { name: "Products" }).getByLabel("Printers").check();
    await input("Area").selectOption({ label: "Hardware › Paper tray" });
    await input("Notify address").fill("ann@example.com");
    await input("Extra data").fill('{"plan": "gold"}');
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("button", { name: "Edit details" }).waitFor();
    assert.deepEqual((await api("GET", `/api/v1/cases/${number}`)).body.customFields, {
      notify: "ann@example.com",
      extra: { plan: "gold" },
      order_ref: "PO-77",
      units: 3,
      weight: 2.5,
      due_on: "2026-12-24",
      vip: true,
      channel: "mail",
      products: ["printers"],
      area: ["hw", "tray"],
    });
    const details = page.locator("section", { has: page.getByRole("heading", { name: "Details" }) });
    for (const [label, shown] of [
      ["VIP customer", "Yes"],
      ["Channel", "Mail"],
      ["Products", "Printers"],
      ["Area", "Hardware › Paper tray"],
      ["Extra data", '{"plan":"gold"}'],
    ])
      await details.locator(`dt:text-is("${label}") + dd`, { hasText: shown }).waitFor();

    await page.getByRole("button", { name: "Edit details" }).click();
    await input("Units").fill("2.5");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .locator(".field.invalid", { has: input("Units") })
      .getByText("must be an integer")
      .waitFor();
    assert.equal(await input("Units").getAttribute("aria-invalid"), "true");
    await input("Extra data").fill("{not json");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .locator(".field.invalid", { has: input("Extra data") })
      .getByText("must be JSON")
      .waitFor();
    await input("Extra data").fill('{"plan": "gold"}');
    await input("Units").fill("4");
    await input("Channel").selectOption({ label: "None" });
    await input("VIP customer").uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("button", { name: "Edit details" }).waitFor();
    const after = (await api("GET", `/api/v1/cases/${number}`)).body.customFields as Record<string, unknown>;
    assert.equal(after.units, 4);
    assert.equal(after.vip, false);
    assert.ok(!("channel" in after), "choosing None clears the field");
  });

  test("a case goes to the trash and comes back from it", async () => {
    const trashed = bulk[1]!;
    const page = await signedInPage(`/w/default/cases/${trashed}`);
    await page.getByRole("button", { name: "Move to the trash" }).click();
    await page.getByText(/In the trash since/).waitFor();
    assert.notEqual((await api("GET", `/api/v1/cases/${trashed}`)).body.trashedAt, null);
    assert.equal(await page.getByRole("button", { name: "Edit details" }).count(), 0);
    await page.getByRole("link", { name: "← Cases" }).click();
    await page.getByRole("heading", { name: "All cases" }).waitFor();
    assert.ok(!(await titlesShown(page)).includes("Bulk case 1"), "the list leaves the trash out");
    await page.getByRole("button", { name: "Trash" }).click();
    await page.getByRole("heading", { name: "Trash" }).waitFor();
    assert.deepEqual(await titlesShown(page), ["Bulk case 1"]);
    await page.getByRole("link", { name: "Bulk case 1" }).click();
    await page.getByRole("button", { name: "Restore from the trash" }).click();
    await page.getByRole("button", { name: "Move to the trash" }).waitFor();
    assert.equal(await page.getByText(/In the trash since/).count(), 0);
    assert.equal((await api("GET", `/api/v1/cases/${trashed}`)).body.trashedAt, null);
  });

  test("errors are told in words where they happen, never a blank page", async () => {
    const page = await signedInPage("/w/default/cases/99999");
    await page
      .getByRole("alert")
      .getByText(/Not done:/)
      .waitFor();
    await page.getByRole("link", { name: "← Cases" }).waitFor();
    await page.goto(`${server.url}/w/default/cases`);
    await page.getByLabel("Requester id").fill("jane");
    await page.getByRole("button", { name: "Search" }).click();
    await page
      .locator(".field.invalid", { has: page.getByLabel("Requester id") })
      .getByText("jane is not an id")
      .waitFor();
    assert.equal(await page.getByLabel("Requester id").getAttribute("aria-invalid"), "true");
    assert.deepEqual(await titlesShown(page), [], "no rows of another list under the error");
    await page.goto(`${server.url}/w/default/nowhere`);
    await page.getByRole("alert").getByText("There is no page at this address").waitFor();
    await page.goto(`${server.url}/w/default/cases/${number}`);
    await page.route("**/api/v1/cases/*", (route) =>
      route.request().method() === "PATCH" ? route.abort() : route.continue(),
    );
    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel("Title", { exact: true }).fill("Never saved");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").getByText("The server cannot be reached").waitFor();
    assert.equal((await api("GET", `/api/v1/cases/${number}`)).body.title, "Title from B");
  });

  test("an administrator adds an agent in the console; the agent signs in with an agent's rights", async () => {
    const page = await signedInPage("/w/default/cases");
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { name: "Users" }).waitFor();
    await page.getByLabel("Email").fill("agent@example.com");
    await page.getByLabel("Name").fill("Alex Agent");
    await page.getByLabel("Role").selectOption("agent");
    await page.getByLabel("First password").fill("short");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("First password").fill("a long agent password");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByText("can now sign in").waitFor();
    const agent = await signedInPage("/w/default/cases", {
      as: { email: "agent@example.com", password: "a long agent password" },
    });
    await agent.getByRole("heading", { name: "All cases" }).waitFor();
    assert.equal(await agent.getByRole("link", { name: "Users" }).count(), 0);
    const status = await agent.evaluate(
      async () =>
        (await fetch("/api/v1/users", { method: "POST", headers: { "x-casework-csrf": "1" } })).status,
    );
    assert.equal(status, 403, "a session acts with its user's rights only");
  });

  test("contacts: search, and a contact's page with their cases", async () => {
    const page = await signedInPage("/w/default/contacts");
    await page.getByRole("searchbox", { name: "Search contacts" }).fill("Jane");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "Jane Doe" }).click();
    await page.getByRole("heading", { name: "Jane Doe" }).waitFor();
    await page.getByRole("link", { name: /Title from B/ }).click();
    await page.getByRole("heading", { name: /Title from B/ }).waitFor();
  });

  test("accessible: text contrast meets AA, every control is labelled, focus is visible", async () => {
    const signIn = await browser.newContext();
    contexts.push(signIn);
    const door = await signIn.newPage();
    await door.goto(`${server.url}/`);
    await door.getByLabel("Password").fill("wrong password");
    await door.getByLabel("Email").fill(ADMIN.email);
    await door.getByRole("button", { name: "Sign in" }).click();
    await door.getByRole("alert").waitFor();
    const page = await signedInPage("/w/default/cases");
    await page.getByText("Page 1").waitFor();
    const low: Record<string, LowContrast[]> = {
      "sign-in": await lowContrast(door),
      list: await lowContrast(page),
    };
    await page.goto(`${server.url}/w/default/cases/${number}`);
    await page.getByRole("heading", { name: /Title from B/ }).waitFor();
    await page.locator("details summary").click();
    await page
      .locator(".history > li", { hasText: ADMIN.email })
      .filter({ hasText: "title: Printer on fire → Title from B" })
      .waitFor();
    low.case = await lowContrast(page);
    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel("Title", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator(".field-error").first().waitFor();
    low["case, editing with an error"] = await lowContrast(page);
    assert.deepEqual(low, { "sign-in": [], list: [], case: [], "case, editing with an error": [] });
    await page.evaluate(() => {
      document.querySelector("h1")!.style.color = "#999";
    });
    assert.deepEqual(
      (await lowContrast(page)).map((found) => [found.ratio, found.needed]),
      [[2.85, 3]],
      "the measure catches grey on white",
    );

    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>("input, select, textarea, button")]
        .filter((e) => e.type !== "hidden")
        .filter((e) =>
          e.tagName === "BUTTON"
            ? !e.textContent?.trim() && !e.getAttribute("aria-label")
            : e.labels?.length === 0 && !e.getAttribute("aria-label"),
        )
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabelled, []);

    await page.goto(`${server.url}/w/default/cases`);
    await page.getByText("Page 1").waitFor();
    const focusRings: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      focusRings.push(
        await page.evaluate(() => {
          const e = document.activeElement as HTMLElement;
          const style = getComputedStyle(e);
          const box = e.getBoundingClientRect();
          const seen = box.right > 0 && box.bottom > 0 && box.left < innerWidth;
          const ring = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2;
          return `${e.textContent?.trim().slice(0, 20) || e.id}: ${seen && ring ? "ring" : "NO RING"}`;
        }),
      );
    }
    assert.equal(focusRings[0], "Skip to content: ring");
    assert.deepEqual(
      focusRings.filter((line) => !line.endsWith(": ring")),
      [],
      focusRings.join("; "),
    );
  });

  test("a case's files are listed with their size and download; a new one shows while the page is open", async () => {
    const opened = await api("POST", "/public/v1/helpdesk/cases", {
      chat: { lastMessage: { content: "Files" } },
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const chat = (opened.body.chat as { id: string }).id;
    const caseNumber = Number(String(opened.body.id).replaceAll(/\D/g, ""));
    const upload = async (name: string, filename: string, content: string, type: string) => {
      const body = new FormData();
      body.append("attachment", JSON.stringify({ name }));
      body.append("file", new Blob([content], { type }), filename);
      const res = await fetch(`${server.url}/public/v1/helpdesk/chats/${chat}/attachments`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}` },
        body,
      });
      assert.equal(res.status, 201, await res.text());
    };
    const report = "%PDF-1.7\n".padEnd(3000, "x");
    await upload("Quarterly report", "report.pdf", report, "application/pdf");
    const page = await signedInPage(`/w/default/cases/${caseNumber}`);
    const files = page.getByRole("region", { name: /Files/ });
    await files.getByRole("heading", { name: "Files (1)" }).waitFor();
    await files.getByText("report.pdf · application/pdf · 2.9 KB").waitFor();
    const link = files.getByRole("link", { name: "Quarterly report" });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert.equal(download.suggestedFilename(), "report.pdf");
    const saved = join(dataDir, "downloaded.pdf");
    await download.saveAs(saved);
    assert.equal(readFileSync(saved, "utf8"), report);
    // Attaching a file is a change of the case: the open page hears of it through the event stream.
    await upload("Screenshot", "screen.png", "\x89PNG", "image/png");
    await files.getByRole("heading", { name: "Files (2)" }).waitFor();
    await files.getByRole("link", { name: "Screenshot" }).waitFor();
  });

  test("signing out ends the session", async () => {
    const page = await signedInPage("/w/default/cases");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Casework" }).waitFor();
    const me = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
    assert.equal(me, 401);
  });
});
