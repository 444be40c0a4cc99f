import("./Widget.js").then(({ renderWidget }) => renderWidget(document.getElementById("app")));
