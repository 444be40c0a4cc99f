export function make(name) {
  console.log("make(" + name + ") ran");
  return { name };
}
