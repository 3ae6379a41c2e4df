// The racrec demo page. Review text is only ever set with textContent, never as HTML, so a review
// containing markup or script shows as typed and runs nothing.
"use strict";

const form = document.getElementById("reviews-form");
const textarea = document.getElementById("reviews");
const button = document.getElementById("recommend");
const count = document.getElementById("count");
const errorBox = document.getElementById("error");
const statusBox = document.getElementById("status");
const results = document.getElementById("results");

function reviewsTyped() {
  return textarea.value.split("\n").map((line) => line.trim()).filter((line) => line.length > 0);
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function clearError() {
  errorBox.textContent = "";
  errorBox.hidden = true;
}

function stars(rating) {
  const full = Math.max(0, Math.min(5, Math.round(rating)));
  return "★".repeat(full) + "☆".repeat(5 - full);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function card(item, rank) {
  const article = element("article", "card");
  article.dataset.itemId = item.id;
  article.appendChild(element("span", "rank", String(rank)));
  article.appendChild(element("h2", "title", item.title || item.id));
  if (typeof item.rating === "number") {
    const rating = element("p", "stars", stars(item.rating));
    rating.setAttribute("aria-label", item.rating.toFixed(1) + " of 5 stars predicted");
    rating.appendChild(element("span", "rating", " " + item.rating.toFixed(1)));
    article.appendChild(rating);
  }
  if (item.because) {
    const because = element("p", "because");
    because.appendChild(element("span", "because-label", "because you wrote "));
    because.appendChild(element("q", "quote", item.because.text));
    article.appendChild(because);
  }
  return article;
}

async function recommend(reviews) {
  const response = await fetch("/api/recommend", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ reviews: reviews, k: 10 }),
  });
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error("The server sent an unreadable answer (HTTP " + response.status + ").");
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : "HTTP " + response.status;
    throw new Error(message);
  }
  return body.items;
}

textarea.addEventListener("input", () => {
  const n = reviewsTyped().length;
  count.textContent = n === 1 ? "1 review" : n + " reviews";
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearError();
  const reviews = reviewsTyped();
  if (reviews.length === 0) {
    showError("Write at least one movie review first.");
    return;
  }
  button.disabled = true;
  form.setAttribute("aria-busy", "true");
  statusBox.textContent = "Listening to your reviews…";
  statusBox.hidden = false;
  results.replaceChildren();
  try {
    const items = await recommend(reviews);
    items.forEach((item, i) => results.appendChild(card(item, i + 1)));
    statusBox.textContent = items.length + " recommendations";
  } catch (e) {
    statusBox.hidden = true;
    showError(e.message);
  } finally {
    button.disabled = false;
    form.removeAttribute("aria-busy");
  }
});

fetch("/api/info")
  .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
  .then((info) => {
    document.getElementById("info").textContent =
      "racrec · " + info.encoder + " · " + info.catalogSize + " items (" + info.elementType + ")";
  })
  .catch(() => {});
