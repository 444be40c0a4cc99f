export default function () { return "x"; }
