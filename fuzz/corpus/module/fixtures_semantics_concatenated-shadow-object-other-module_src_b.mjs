const Object = { tag: "b Object" }; export const tag = Object.tag;
