for (var i = 0; i < 5; i++) {}
export { i as bi };
