import { DateTime, Duration, Interval } from "luxon";
const d = DateTime.fromISO("2024-06-01T10:00:00", { zone: "utc" });
console.log(d.plus({ weeks: 1 }).toISODate(), d.toFormat("cccc d LLL yyyy"), d.weekNumber);
console.log(Duration.fromObject({ hours: 2, minutes: 5 }).toFormat("hh:mm"), Interval.fromDateTimes(d, d.plus({ days: 3 })).length("hours"));
