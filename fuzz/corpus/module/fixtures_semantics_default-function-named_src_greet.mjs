export const early = greet("hoisted");
export default function greet(who) { return "hi " + who; }
