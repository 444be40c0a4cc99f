export const loop = "b.loop";
let n = 0;
loop: for (;;) { for (;;) { n++; if (n > 2) break loop; } }
export const count = n;
