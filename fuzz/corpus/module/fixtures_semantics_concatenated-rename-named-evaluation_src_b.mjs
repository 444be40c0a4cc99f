export const { f = () => {} } = {};
export const [g = function () {}] = [];
export let h;
h = () => {};
