export let greetings = 0;

export function greet(who) {
  greetings += 1;
  return `hello, ${who}`;
}
