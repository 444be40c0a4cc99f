export const kept = "ns.kept";
export const dropped = "ns.dropped";
