export default v;
var v = "later";
