	Object.defineProperty(exports, "__esModule", { value: true });
exports.default = "the default";
exports.other = 1;
