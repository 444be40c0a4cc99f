import ms from "ms";
console.log(ms("2 days"), ms("1h"), ms(60000), ms(2 * 60000, { long: true }));
