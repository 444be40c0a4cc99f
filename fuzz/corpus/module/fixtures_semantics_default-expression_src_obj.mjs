const a = "A";
export default { a };
