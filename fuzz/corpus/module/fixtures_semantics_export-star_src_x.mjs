export const x = "x";
export const shadowed = "from x";
export default "x default";
