import "./main.cjs";
