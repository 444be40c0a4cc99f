Promise.all([import("./page-a.mjs"), import("./page-b.mjs")]).then(([a, b]) => {
  console.log(a.render(), b.render());
});
