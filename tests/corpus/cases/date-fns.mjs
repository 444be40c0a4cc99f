import { addDays, differenceInCalendarDays, format, formatDistanceStrict, parseISO } from "date-fns";
const d = parseISO("2024-02-27T12:00:00Z");
console.log(addDays(d, 3).toISOString());
console.log(differenceInCalendarDays(new Date(2024, 2, 1), new Date(2024, 1, 1)));
console.log(format(new Date(2024, 0, 5, 9, 7), "yyyy-MM-dd HH:mm EEEE"));
console.log(formatDistanceStrict(new Date(2024, 0, 1), new Date(2024, 0, 11)));
