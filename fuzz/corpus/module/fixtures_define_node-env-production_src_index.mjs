if (process.env.NODE_ENV !== "production") {
  console.log("development branch");
  require_dev();
} else {
  console.log("production branch");
}
console.log(process.env.NODE_ENV === "production" ? "prod" : "dev");
function require_dev() { return import("./dev-only.mjs"); }
