Object.defineProperty(exports, "__esModule", { value: true });
exports.a = "a";
