import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import relativeTime from "dayjs/plugin/relativeTime.js";
dayjs.extend(utc);
dayjs.extend(relativeTime);
const d = dayjs.utc("2024-03-10T10:00:00Z");
console.log(d.add(1, "month").format("YYYY-MM-DD HH:mm"), d.day(), d.isValid());
console.log(dayjs.utc("2024-01-01").from(dayjs.utc("2024-03-01")));
