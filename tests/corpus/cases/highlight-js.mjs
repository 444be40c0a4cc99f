import hljs from "highlight.js/lib/core";
import javascript from "highlight.js/lib/languages/javascript";
hljs.registerLanguage("javascript", javascript);
console.log(hljs.highlight("const x = 1; // one", { language: "javascript" }).value);
console.log(hljs.listLanguages().join());
