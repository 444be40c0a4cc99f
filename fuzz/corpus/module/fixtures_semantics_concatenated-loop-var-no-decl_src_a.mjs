for (var i = 0; i < 3; i++) {}
export { i as ai };
