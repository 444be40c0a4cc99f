export default x;
let x = 1;
