import { greetings } from "./greet.js";

export default function render() {
  return `lazy page loaded after ${greetings} greeting(s)`;
}
