import { createSSRApp, h, ref, computed } from "vue";
import { renderToString } from "@vue/server-renderer";
// Top-level await is issue #16: the case runs in an async function.
(async () => {
  const app = createSSRApp({
    setup() {
      const n = ref(2);
      const double = computed(() => n.value * 2);
      return () => h("p", { class: "v" }, `n=${n.value} double=${double.value}`);
    },
  });
  console.log(await renderToString(app));
})();
