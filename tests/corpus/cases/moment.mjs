import moment from "moment";
const m = moment.utc("2024-05-06T07:08:09Z");
console.log(m.format("dddd, MMMM Do YYYY, h:mm:ss a"), m.add(10, "days").format("YYYY-MM-DD"));
console.log(moment.duration(90, "minutes").humanize(), moment.utc("2024-01-31").add(1, "month").format("L"));
