// The tutorial, walked in headless Chromium: index -> a post -> add a comment
// -> see it -> the Comments page shows it first -> log in -> delete it,
// answering the confirm dialog -> gone. A screenshot of each step is saved.
//
// Environment: FOLIO_URL (the running blog), FOLIO_ADMIN / FOLIO_ADMIN_PASSWORD,
// SCREENSHOTS (a folder), CHROMIUM (default /usr/bin/chromium).

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const base = process.env.FOLIO_URL;
const shots = process.env.SCREENSHOTS ?? "screenshots";
mkdirSync(shots, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok - ${message}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let step = 0;
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
// Every error status the page met, except those the walk provokes on purpose.
page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
const shot = async (name) => {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, "0")}-${name}.png`), fullPage: true });
};

try {
  // 1. The index lists the tutorial's posts.
  await page.goto(`${base}/`);
  check((await page.title()) === "Posts - Folio", "the index is titled 'Posts - Folio'");
  check((await page.locator(".post").count()) === 3, "the index shows the 3 sample posts");
  await shot("index");

  // 2. Click a post.
  await Promise.all([page.waitForURL(`${base}/1/`), page.click("text=Post The First")]);
  check((await page.locator("h1").innerText()) === "Post The First", "the post page shows its title");
  check((await page.locator(".comment").count()) === 2, "the post shows its 2 comments");
  await shot("post");

  // 3. Add a comment.
  const text = "A comment typed in Chromium";
  await page.fill("#content", text);
  await page.fill("#author", "Chromium");
  await page.fill("#website", "https://www.chromium.org/");
  await Promise.all([page.waitForURL(`${base}/1/`), page.click("button:has-text('Add comment')")]);
  const mine = page.locator(".comment", { hasText: text });
  check((await mine.count()) === 1, "the new comment is on the post page");
  check((await mine.locator("a.author").getAttribute("rel")) === "nofollow ugc noopener",
        "the commenter's website is a nofollow link");
  await shot("commented");

  // 4. The Comments page shows it first.
  await Promise.all([page.waitForURL(`${base}/comments/`), page.click("nav >> text=Comments")]);
  check((await page.locator(".comment").first().innerText()).includes(text),
        "the Comments page lists the new comment first");
  await shot("comments");

  // 5. Log in as the admin.
  await page.goto(`${base}/login`);
  await page.fill("#username", process.env.FOLIO_ADMIN);
  await page.fill("#password", process.env.FOLIO_ADMIN_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/`), page.click("button:has-text('Log in')")]);
  check((await page.locator(".flash").innerText()).startsWith("Welcome back"), "the admin is logged in");
  await shot("logged-in");

  // 6. Delete the comment: dismissing the confirm keeps it, accepting deletes it.
  await page.goto(`${base}/1/`);
  const dialogs = [];
  page.once("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.locator(".comment", { hasText: text }).locator("input[value='Delete Comment']").click();
  await page.waitForTimeout(0);
  check(dialogs[0] === "Are you sure you want to delete this entry?", "the delete button asks first");
  check((await page.locator(".comment", { hasText: text }).count()) === 1, "dismissing keeps the comment");
  page.once("dialog", (d) => { dialogs.push(d.message()); d.accept(); });
  await Promise.all([
    page.waitForURL(`${base}/1/`, { waitUntil: "load" }),
    page.waitForResponse((r) => r.url().endsWith("/delete") && r.status() === 303),
    page.locator(".comment", { hasText: text }).locator("input[value='Delete Comment']").click(),
  ]);
  await page.waitForSelector(".flash");
  check((await page.locator(".comment", { hasText: text }).count()) === 0, "accepting deletes the comment");
  check((await page.locator(".flash").innerText()) === "Comment deleted.", "the page says so");
  await shot("deleted");

  check(errors.length === 0, `no script errors or CSP violations (${errors.join("; ")})`);
} finally {
  await browser.close();
}
