import(/* webpackChunkName: "settings-page" */ "./settings.mjs").then((m) => console.log(m.title));
