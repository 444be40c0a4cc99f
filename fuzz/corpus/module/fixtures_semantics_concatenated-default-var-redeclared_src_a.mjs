var x = "first";
export default x;
for (var x of ["second"]) {}
