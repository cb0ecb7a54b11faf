// The tutorial, walked in headless Chromium: index -> a post -> add a comment
// -> see it -> the Comments page shows it first -> log in -> delete it,
// answering the confirm dialog -> gone. Then writing: an author logs in ->
// writes a draft with two tags (previewed first) -> it is not on / -> publishes
// it -> it is on /, on both tag pages and on the author page -> edits its
// title -> a visitor comments -> the admin deletes the post. A screenshot of
// each step is saved.
//
// Environment: FOLIO_URL (the running blog), FOLIO_ADMIN / FOLIO_ADMIN_PASSWORD,
// FOLIO_AUTHOR / FOLIO_AUTHOR_PASSWORD, SCREENSHOTS (a folder), CHROMIUM
// (default /usr/bin/chromium).

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
const errors = [];
// A page in a browser context of its own (its own cookies), watched for errors.
const openPage = async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const p = await context.newPage();
  p.on("pageerror", (e) => errors.push(String(e)));
  p.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  // Every error status the page met: the walk provokes none.
  p.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  return p;
};
const page = await openPage();
const shot = async (name, which = page) => {
  step += 1;
  await which.screenshot({ path: join(shots, `${String(step).padStart(2, "0")}-${name}.png`), fullPage: true });
};
const logIn = async (p, username, password) => {
  await p.goto(`${base}/login`);
  await p.fill("#username", username);
  await p.fill("#password", password);
  await Promise.all([p.waitForURL(`${base}/`), p.click("button:has-text('Log in')")]);
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

  // 7. An author logs in and writes a draft with two tags, previewing it first.
  const writer = await openPage();
  await logIn(writer, process.env.FOLIO_AUTHOR, process.env.FOLIO_AUTHOR_PASSWORD);
  await Promise.all([writer.waitForURL(`${base}/admin/`), writer.click("nav >> text=Dashboard")]);
  await Promise.all([writer.waitForURL(`${base}/admin/posts/new`), writer.click("text=Write a post")]);
  const title = "Written in Chromium";
  await writer.fill("#title", title);
  await writer.fill("#content", "A post with **two tags**, written on the site.\n\n- drafted\n- published");
  await writer.fill("#tags", "Chromium, Testing");
  await writer.selectOption("#status", "draft");
  await Promise.all([writer.waitForLoadState("load"), writer.click("button:has-text('Preview')")]);
  await writer.waitForSelector(".preview strong");
  check((await writer.locator(".preview strong").innerText()) === "two tags", "Preview renders the Markdown");
  check((await writer.inputValue("#title")) === title, "Preview keeps the text");
  await shot("editor-preview", writer);
  await Promise.all([writer.waitForURL(/\/\d+\/$/), writer.click("button:has-text('Save')")]);
  const postUrl = writer.url();
  check((await writer.locator(".draft-flag").count()) === 1, "the author sees the draft, marked");
  await shot("draft", writer);

  // 8. A visitor does not see the draft on /.
  const visitor = await openPage();
  await visitor.goto(`${base}/`);
  check((await visitor.locator(".post", { hasText: title }).count()) === 0, "the draft is not on /");
  await shot("draft-not-on-index", visitor);

  // 9. The author publishes it: it is on /, both tag pages and the author page.
  const editUrl = `${base}/admin/posts/${postUrl.split("/").at(-2)}/edit`;
  await writer.goto(editUrl);
  await writer.selectOption("#status", "published");
  await Promise.all([writer.waitForURL(postUrl), writer.click("button:has-text('Save')")]);
  await visitor.goto(`${base}/`);
  const listed = visitor.locator(".post", { hasText: title });
  check((await listed.count()) === 1, "the published post is on /");
  check((await listed.locator("a.tag").count()) === 2, "the index shows its two tags");
  await shot("published-on-index", visitor);
  for (const tag of ["chromium", "testing"]) {
    await visitor.goto(`${base}/tags/${tag}/`);
    check((await visitor.locator(".post", { hasText: title }).count()) === 1, `the post is on /tags/${tag}/`);
  }
  await shot("tag-page", visitor);
  await visitor.goto(`${base}/authors/${process.env.FOLIO_AUTHOR}/`);
  check((await visitor.locator(".post", { hasText: title }).count()) === 1, "the post is on the author page");
  await shot("author-page", visitor);

  // 10. The author edits its title.
  const newTitle = "Written and edited in Chromium";
  await writer.goto(editUrl);
  await writer.fill("#title", newTitle);
  await Promise.all([writer.waitForURL(postUrl), writer.click("button:has-text('Save')")]);
  check((await writer.locator("h1").innerText()) === newTitle, "the post has its new title");
  await shot("edited", writer);

  // 11. A visitor comments on it; the index counts it.
  await visitor.goto(postUrl);
  await visitor.fill("#content", "Nice post, visitor here");
  await Promise.all([visitor.waitForURL(postUrl), visitor.click("button:has-text('Add comment')")]);
  check((await visitor.locator(".comment", { hasText: "visitor here" }).count()) === 1, "the visitor's comment shows");
  await shot("post-with-comment", visitor);
  await visitor.goto(`${base}/`);
  check((await visitor.locator(".post", { hasText: newTitle }).locator(".comment-count").innerText()) === "1 comment",
        "the index counts the comment");
  await shot("visitor-commented", visitor);

  // 12. The admin deletes the post (after the confirmation); its comment goes with it.
  await page.goto(`${base}/admin/posts/`);
  page.once("dialog", (d) => d.accept());
  await Promise.all([
    page.waitForURL(`${base}/admin/posts/`, { waitUntil: "load" }),
    page.waitForResponse((r) => r.url().endsWith("/delete") && r.status() === 303),
    page.locator("tr", { hasText: newTitle }).locator("input[value='Delete Post']").click(),
  ]);
  await page.waitForSelector(".flash");
  check((await page.locator("tr", { hasText: newTitle }).count()) === 0, "the post is gone from the admin list");
  await visitor.goto(`${base}/comments/`);
  check((await visitor.locator(".comment", { hasText: "visitor here" }).count()) === 0, "its comment went with it");
  await shot("post-deleted", page);

  check(errors.length === 0, `no script errors or CSP violations (${errors.join("; ")})`);
} finally {
  await browser.close();
}
